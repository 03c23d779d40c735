// Package app is the composition root: the one place that turns a config
// file and the environment into a working digest — store, renderer,
// composer, builder, desk, transports, scheduler. Every command and every
// test that needs a desk opens an App the same way, so what a test
// exercises is what the binary runs.
package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/schedule"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/verp"
)

// Options say where the config and state are and what the process may do.
type Options struct {
	// ConfigPath is the config file; "" is the embedded default.
	ConfigPath string
	// DataDir overrides the config's data_dir when set.
	DataDir string
	// Getenv reads the environment, once, in config.ApplyEnv: secrets
	// and SMTP settings come only from there. nil reads nothing.
	Getenv func(string) string
	Log    *slog.Logger
	// Clock is the system clock when nil.
	Clock digest.Clock
	// ReadOnly opens the config and the store only, for commands that
	// just look (status, deliveries, sources): nothing is imported, no
	// key generated, nothing written.
	ReadOnly bool
	// HTTPClient fetches SNS signing certificates and confirms SNS
	// subscriptions for the SES webhook; nil: a client with a timeout.
	HTTPClient *http.Client
	// Lock takes the database's runner lock first, so that only one
	// process schedules and sends; Close releases it.
	Lock bool
}

// App is a wired digest. Fields past Store are nil when ReadOnly.
type App struct {
	Config *config.Config
	Log    *slog.Logger
	Clock  digest.Clock
	Store  *store.Store

	Renderer *render.Renderer
	Composer *compose.Composer
	Builder  *pipeline.Builder
	Desk     *desk.Desk
	// Secret keys the unsubscribe links.
	Secret []byte
	// BounceTLS is the bounce mailbox's TLS client configuration; nil
	// verifies the server against the system's roots (tests set one).
	BounceTLS *tls.Config

	// templates are the mail and web templates, parsed once for the
	// renderer and the pages.
	templates fs.FS
	release   func() error
	instance  *instance
	// httpClient is Options.HTTPClient, for the SES webhook.
	httpClient *http.Client
}

// Open loads the config, applies the environment to it once, opens the
// store and wires everything else.
func Open(ctx context.Context, opts Options) (*App, error) {
	a := &App{Log: opts.Log, Clock: opts.Clock, httpClient: opts.HTTPClient}
	if a.Log == nil {
		a.Log = slog.New(slog.DiscardHandler)
	}
	if a.Clock == nil {
		a.Clock = digest.SystemClock{}
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	cfg, err := config.Load(opts.ConfigPath)
	if err != nil {
		return nil, err
	}
	if opts.DataDir != "" {
		cfg.DataDir = opts.DataDir
	}
	if err := cfg.ApplyEnv(getenv); err != nil {
		return nil, err
	}
	a.Config = cfg
	if err := a.openStore(ctx, opts); err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		return a, nil
	}
	if err := a.wire(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startInstance(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) openStore(ctx context.Context, opts Options) error {
	if a.Config.Database.Shared() {
		return a.openShared(ctx, opts)
	}
	dbPath := filepath.Join(a.Config.DataDir, "digest.db")
	if opts.ReadOnly {
		if _, err := os.Stat(dbPath); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("no database at %s yet, so nothing to show: digest run --once builds and sends the first edition here, or give --data-dir (or --config) for where digest keeps its data", dbPath)
		}
	} else if err := os.MkdirAll(a.Config.DataDir, 0o700); err != nil {
		return fmt.Errorf("data dir: %w", err)
	} else if err := a.checkEarlierLife(dbPath); err != nil {
		return err
	}
	if opts.Lock {
		release, err := schedule.Lock(a.LockPath())
		if err != nil {
			return err
		}
		a.release = release
	}
	return a.useStore(store.Open(ctx, dbPath, store.WithLease(a.Config.Database.Lease)))
}

// openShared opens a PostgreSQL database several instances share. No file
// lock: which instance schedules is decided in the database (the runner's
// leadership), and every instance may send.
func (a *App) openShared(ctx context.Context, opts Options) error {
	if !opts.ReadOnly {
		if err := os.MkdirAll(a.Config.DataDir, 0o700); err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
	}
	a.Log.Debug("database", "url", digest.RedactURL(a.Config.Database.URL))
	return a.useStore(store.Open(ctx, a.Config.Database.URL, store.WithLease(a.Config.Database.Lease)))
}

func (a *App) useStore(st *store.Store, err error) error {
	if err != nil {
		a.Close()
		return err
	}
	a.Store = st
	// The approval policy has one home: the store that refuses drafts.
	st.RequireApproval(a.Config.Schedule.RequireApproval)
	return nil
}

// wire builds the writing half: the config's subscribers, the key of the
// unsubscribe links, the renderer, composer, builder and desk.
func (a *App) wire(ctx context.Context) error {
	if err := a.importConfigSources(ctx); err != nil {
		return err
	}
	var err error
	if a.Secret, err = a.unsubscribeSecret(ctx); err != nil {
		return err
	}
	// Erased addresses are kept out of the config's list too: the key
	// comes first.
	a.Store.SetErasureKey(digest.ErasureKey(a.Secret))
	if err := a.importConfigSubscribers(ctx); err != nil {
		return err
	}
	if a.Renderer, err = a.renderer(); err != nil {
		return err
	}
	// The options (DKIM keys read from disk among them) are made once,
	// for the composer and for what the builder fixes in each edition.
	opts, err := a.composerOptions()
	if err != nil {
		return err
	}
	if a.Composer, err = compose.New(opts); err != nil {
		return err
	}
	if a.Builder, err = a.builder(opts.Header()); err != nil {
		return err
	}
	a.Desk = &desk.Desk{Store: a.Store, Signups: a.Store, Builder: a.Builder, Renderer: a.Renderer, Composer: a.Composer,
		Changes: a.Store, Secret: a.Secret, PublicURL: a.Config.Mail.PublicURL, SMTPUTF8: a.Config.SMTP.SMTPUTF8, OpenTransport: a.Transport, NewSender: a.sender,
		NextSlots: a.NextSlots, Cadence: a.Cadence, SourceHealth: a.SourceHealth, Clock: a.Clock, Log: a.Log, VERP: a.VERP(),
		Tally: a.Store, CountClicks: a.Config.Web.CountClicks}
	a.Desk.SourceBook = a.sourceBook()
	a.Desk.Refresh = func(ctx context.Context) { a.Refresher().Refresh(ctx, false) }
	a.Desk.Webhooks, err = a.webhookReceiver(a.httpClient)
	a.Desk.People = desk.People{Store: a.Store, Outbox: a.Config.ResolveDataPath(a.Config.Outbox), DataDir: a.Config.DataDir}
	return err
}

// VERP is the envelope senders' signer, or nil when mail.bounces has no
// verp_domain. Its key is derived from the links' secret under its own
// label (bounces.Key), so the instances that share the one secret read
// each other's tokens.
func (a *App) VERP() *bounces.Tokens {
	b := a.Config.Mail.Bounces
	if b.VERPDomain == "" {
		return nil
	}
	var meta []bounces.Provider
	for _, name := range b.Webhooks.On() {
		if p := bounces.Provider(name); p.CarriesMetadata() {
			meta = append(meta, p)
		}
	}
	return &bounces.Tokens{Signer: verp.Signer{Prefix: b.VERPPrefix, Domain: b.VERPDomain, Key: bounces.Key(a.Secret)}, Metadata: meta}
}

// Close releases the runner lock, if taken, and closes the store.
func (a *App) Close() error {
	var err error
	if a.instance != nil {
		a.instance.stop()
		a.instance = nil
	}
	if a.Store != nil {
		err = a.Store.Close()
	}
	if a.release != nil {
		err = errors.Join(err, a.release())
		a.release = nil
	}
	return err
}

// checkEarlierLife refuses a missing or empty database in a data dir
// that shows an earlier life (built editions, outbox messages): starting
// afresh there would make a new unsubscribe key, so every link already
// sent would stop working, and bring back subscribers who had left.
func (a *App) checkEarlierLife(dbPath string) error {
	if info, err := os.Stat(dbPath); err == nil && info.Size() > 0 {
		return nil
	}
	for _, dir := range []string{a.EditionsDir(), a.Config.ResolveDataPath(a.Config.Outbox)} {
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) == 0 {
			continue
		}
		return fmt.Errorf("the database %s is missing or empty, but %s holds %d entries from an earlier run: "+
			"restore digest.db from a backup; or, to start afresh on purpose (new unsubscribe links, the config's "+
			"subscribers imported again), move %s and the outbox aside first", dbPath, dir, len(entries), a.EditionsDir())
	}
	return nil
}

// importConfigSubscribers adds the config's subscribers the first time
// the config lists them; after that the database is the authority.
func (a *App) importConfigSubscribers(ctx context.Context) error {
	subs := make([]digest.Subscriber, 0, len(a.Config.Subscribers))
	for _, s := range a.Config.Subscribers {
		addr, err := digest.ParseAddress(s.Address, a.Config.SMTP.SMTPUTF8)
		if err != nil {
			return fmt.Errorf("config %s: subscriber %q: %w", a.Config.Path(), digest.Printable(s.Address), err)
		}
		subs = append(subs, digest.Subscriber{Address: addr, Name: s.Name})
	}
	n, err := a.Store.ImportFromConfig(ctx, subs, a.Clock.Now())
	if n > 0 {
		a.Log.Info("subscribers imported from the config", "added", n)
	}
	return err
}

// unsubscribeSecret is the key of the unsubscribe links:
// DIGEST_UNSUBSCRIBE_SECRET, or one generated once and kept in the
// database. A key too short to keep the links unguessable is refused
// here, where the variable is known, and how to make a good one said.
func (a *App) unsubscribeSecret(ctx context.Context) ([]byte, error) {
	if s := a.Config.Secrets.UnsubscribeKey; s != "" {
		if len(s) < compose.MinSecretLen {
			return nil, fmt.Errorf("environment: DIGEST_UNSUBSCRIBE_SECRET: need at least %d bytes, got %d; "+
				"make a good one with: openssl rand -base64 32 (or: head -c 32 /dev/urandom | base64)", compose.MinSecretLen, len(s))
		}
		return []byte(s), nil
	}
	return a.Store.Secret(ctx, "unsubscribe", compose.MinSecretLen)
}

// LockPath is the file whose lock one scheduling, sending process holds.
func (a *App) LockPath() string { return filepath.Join(a.Config.DataDir, "digest.db.lock") }

// EditionsDir is where built editions' folders are written.
func (a *App) EditionsDir() string { return filepath.Join(a.Config.DataDir, "editions") }

// Templates are the mail and web templates the renderer parsed, for the
// pages; nil when ReadOnly.
func (a *App) Templates() fs.FS { return a.templates }
