package web

import (
	"context"
	"io"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// SubscribersDesk is what the editors' subscribers pages ask of the
// desk: the list, one person, import and export, and data-protection
// requests; *desk.Desk implements it.
type SubscribersDesk interface {
	FindSubscribers(ctx context.Context, q digest.SubscriberQuery) (*desk.SubscriberPage, error)
	AddSubscriber(ctx context.Context, address, name string) (*digest.Subscriber, error)
	RemoveSubscriber(ctx context.Context, key string) (*digest.Subscriber, error)
	Reinstate(ctx context.Context, key string) (*digest.Subscriber, error)
	Person(ctx context.Context, key string) (*desk.Person, error)
	PersonData(ctx context.Context, key string) ([]byte, error)
	Erase(ctx context.Context, key string) (*desk.ErasureReport, error)
	PlanImport(ctx context.Context, data []byte) (*desk.ImportPlan, error)
	ApplyImport(ctx context.Context, data []byte, fingerprint string) (*desk.ImportPlan, error)
	ExportSubscribers(ctx context.Context, w io.Writer, status digest.SubscriberStatus) error
	SectionTitles() []string
}

var _ SubscribersDesk = (*desk.Desk)(nil)
