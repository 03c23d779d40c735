// Package desktest wires a real desk for tests: a SQLite store in a
// temporary folder, the seeded articles, the default config's theme, the
// embedded templates and an outbox transport. Nothing in it is faked.
package desktest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/transport"
	"github.com/digest-newsletter/digest/seeds"
	"github.com/digest-newsletter/digest/templates"
)

// PublicURL is the public face's address in test desks.
const PublicURL = "https://digest.example.org"

// Fixture is a desk with what a test needs to look behind it.
type Fixture struct {
	Desk   *desk.Desk
	Store  *store.Store
	Outbox string // the folder test copies and editions are written to
	// EditionID is an edition built from the seeds, in draft.
	EditionID string
	// Subscribers are the active subscribers added, in order.
	Subscribers []digest.Subscriber
	Secret      []byte
	Clock       *Clock
}

// Clock is a settable clock.
type Clock struct{ T time.Time }

// Now returns the set time.
func (c *Clock) Now() time.Time { return c.T }

// New builds a fixture with one seed edition and two subscribers.
func New(t testing.TB) *Fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cfg, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tfs, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(tfs)
	if err != nil {
		t.Fatal(err)
	}
	clock := &Clock{T: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	secret := bytes.Repeat([]byte("k"), 32)
	c, err := compose.New(compose.Options{From: cfg.Mail.From, ListID: cfg.Mail.ListID, PublicURL: PublicURL, Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	b := &pipeline.Builder{Title: cfg.Title, Language: cfg.Language, Theme: cfg.DigestTheme(),
		Sections: cfg.SectionSpecs(), Limits: cfg.DigestLimits(), Store: st, Renderer: r, Clock: clock, Log: log,
		Sources:     []pipeline.Source{pipeline.FSSource{Label: "seeds", FS: seeds.FS(), Origin: digest.OriginSeed, MaxBytes: 1 << 20}},
		EditionsDir: filepath.Join(dir, "editions")}
	outbox := filepath.Join(dir, "outbox")
	d := &desk.Desk{Store: st, Builder: b, Renderer: r, Composer: c, Secret: secret, PublicURL: PublicURL,
		OpenTransport: func() (digest.Transport, error) {
			o, err := transport.NewOutbox(outbox)
			if err != nil {
				return nil, err
			}
			return o, nil
		},
		NewSender: func(tr digest.Transport) *deliver.Sender {
			return &deliver.Sender{Store: st, Transport: tr, Clock: clock, Log: log, Workers: 2, MaxAttempts: 3,
				SendTimeout: time.Minute, Sleep: deliver.SleepContext}
		},
		Clock: clock, Log: log}
	res, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &Fixture{Desk: d, Store: st, Outbox: outbox, EditionID: res.Edition.ID, Secret: secret, Clock: clock}
	for _, a := range []string{"ada@example.net", "grace@example.net"} {
		sub, err := st.AddSubscriber(ctx, a, "", clock.T)
		if err != nil {
			t.Fatal(err)
		}
		f.Subscribers = append(f.Subscribers, *sub)
	}
	return f
}
