package web

import (
	"context"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// EditorDesk is what the editors' face asks of the desk; *desk.Desk
// implements it. Keeping the faces on two small interfaces shows at a
// glance that the public face cannot change an edition.
type EditorDesk interface {
	SourceDesk
	SubscribersDesk
	Editions(ctx context.Context, limit int) ([]desk.Summary, error)
	Overview(ctx context.Context) (*desk.Overview, error)
	View(ctx context.Context, id string) (*desk.View, error)
	Change(ctx context.Context, id string, ch desk.Change) error
	ApproveBy(ctx context.Context, id, by string) error
	Unapprove(ctx context.Context, id string) error
	DiscardBy(ctx context.Context, id, by string) error
	PauseSchedule(ctx context.Context, paused bool, by string) error
	BuildNow(ctx context.Context) (*pipeline.Result, error)
	Audience(ctx context.Context, id string) (int, error)
	StartSend(ctx context.Context, id, by string) error
	SendRunning(id string) bool
	Replace(ctx context.Context, id string) error
	SendTest(ctx context.Context, id, address string) (messageID string, err error)
	Sentences(ctx context.Context, v *desk.View) ([]desk.SummarySentence, error)
	EditSentence(ctx context.Context, id string, ch desk.SentenceChange) error
	Note(ctx context.Context, id string) (digest.EditorNote, error)
	SetNote(ctx context.Context, id string, n digest.EditorNote) error
	HistoryDesk
	ResultsDesk
}

// PublicDesk is what the public face asks of the desk; *desk.Desk
// implements it.
type PublicDesk interface {
	LeadDesk
	Archive(ctx context.Context, limit int) ([]desk.Summary, error)
	PublicHTML(ctx context.Context, id string) ([]byte, error)
	CheckUnsubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error)
	Unsubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error)
	Resubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error)
	SectionTitles() []string
	SectionSpecs() []digest.SectionSpec
	SetPreferences(ctx context.Context, ref, token string, sections []string) (*digest.Subscriber, error)
	CheckSignup(address, name string) (string, string, error)
	Subscribe(ctx context.Context, address, name string, sections []string) error
	CheckConfirmation(ctx context.Context, ref string, expiresUnix int64, token string) (*digest.Subscriber, string, error)
	ConfirmSubscription(ctx context.Context, ref string, expiresUnix int64, token string) (*digest.Subscriber, error)
	WebhookDesk
	LinksDesk
}

var (
	_ EditorDesk = (*desk.Desk)(nil)
	_ PublicDesk = (*desk.Desk)(nil)
)
