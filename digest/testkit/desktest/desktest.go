// Package desktest opens a real digest for tests the way the binary does
// (package app): a config file in a temporary folder over the embedded
// defaults, a SQLite store there, the seeded articles, the embedded
// templates and the outbox transport. Nothing in it is faked; only the
// clock is settable.
package desktest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

// PublicURL is the public face's address in test desks.
const PublicURL = "https://digest.example.org"

// secret keys the unsubscribe links of test desks, as
// DIGEST_UNSUBSCRIBE_SECRET would.
var secret = strings.Repeat("k", 32)

// Fixture is a desk with what a test needs to look behind it.
type Fixture struct {
	App    *app.App
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

// Clock is a settable clock, safe to read from the app's own goroutines
// (the instance heartbeat) while a test sets it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the set time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set sets the time.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// New opens a fixture with one seed edition and two subscribers.
func New(t testing.TB) *Fixture { return NewWithConfig(t, "") }

// NewWithConfig is New with more config lines (YAML, top-level keys the
// fixture does not set itself) laid over the defaults.
func NewWithConfig(t testing.TB, extra string) *Fixture {
	t.Helper()
	return NewWithOptions(t, Options{Config: extra})
}

// Options are what a test may lay over a fixture's defaults.
type Options struct {
	// Config is more config lines, as NewWithConfig's extra.
	Config string
	// Mail is more lines under the fixture's own mail: key, indented
	// two spaces as its keys are ("  bounces:\n    ...").
	Mail string
	// Env is more environment (the secrets ApplyEnv reads).
	Env map[string]string
	// HTTPClient is the app's outgoing client (SNS certificates).
	HTTPClient *http.Client
}

// NewWithOptions is New with more config, environment and an HTTP client.
func NewWithOptions(t testing.TB, o Options) *Fixture {
	t.Helper()
	extra := o.Config
	ctx := context.Background()
	dir := t.TempDir()
	cfg := "data_dir: " + dir + "\nsubscribers: []\nmail:\n  public_url: \"" + PublicURL + "\"\n" + o.Mail +
		"smtp:\n  connections: 2\n  max_attempts: 3\n" + backend(t) + extra
	path := filepath.Join(dir, "digest.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	clock := &Clock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}
	a, err := app.Open(ctx, app.Options{ConfigPath: path, Clock: clock, HTTPClient: o.HTTPClient, Getenv: func(k string) string {
		if k == "DIGEST_UNSUBSCRIBE_SECRET" {
			return secret
		}
		return o.Env[k]
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	res, err := a.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &Fixture{App: a, Desk: a.Desk, Store: a.Store, Outbox: a.Config.ResolveDataPath(a.Config.Outbox),
		EditionID: res.Edition.ID, Secret: a.Secret, Clock: clock}
	for _, addr := range []string{"ada@example.net", "grace@example.net"} {
		sub, err := a.Store.AddSubscriber(ctx, addr, "", clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.Subscribers = append(f.Subscribers, *sub)
	}
	return f
}

// backend is the config's database: the SQLite file in the data dir, or,
// with DIGEST_TEST_BACKEND=postgres, a fresh database on pgtest's cluster,
// so the desk's and the web's tests run on either backend.
func backend(t testing.TB) string {
	if os.Getenv("DIGEST_TEST_BACKEND") != "postgres" {
		return ""
	}
	return fmt.Sprintf("database:\n  url: %q\n", pgtest.URL(t))
}

// SendNotices runs the sign-up outbox's worker once, as the process that
// serves the public pages does on its own: the confirmations and
// welcomes queued so far go to the outbox folder.
func (f *Fixture) SendNotices(t testing.TB) desk.NoticeSummary {
	t.Helper()
	sum, err := f.Desk.SendNotices(context.Background(), f.App.InstanceID())
	if err != nil {
		t.Fatalf("send notices: %v", err)
	}
	return sum
}
