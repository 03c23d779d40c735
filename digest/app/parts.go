package app

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/schedule"
	"github.com/digest-newsletter/digest/digest/transport"
	"github.com/digest-newsletter/digest/seeds"
	"github.com/digest-newsletter/digest/templates"
)

// renderer parses the templates: the embedded ones, or the config's
// folder laid over them.
func (a *App) renderer() (*render.Renderer, error) {
	tfs, err := templates.FS(a.Config.ResolveDataPath(a.Config.Templates))
	if err != nil {
		return nil, err
	}
	return render.New(tfs)
}

// composerOptions are the config's mail settings.
func (a *App) composerOptions() (compose.Options, error) {
	m := a.Config.Mail
	opts := compose.Options{From: m.From, ReplyTo: m.ReplyTo, EnvelopeSender: m.EnvelopeSender,
		ListID: m.ListID, PublicURL: m.PublicURL, Secret: a.Secret}
	if m.DKIM.KeyFile != "" {
		key, err := compose.LoadDKIMKey(m.DKIM.KeyFile)
		if err != nil {
			return opts, err
		}
		domain := m.DKIM.Domain
		if domain == "" {
			domain = domainOf(m.From)
		}
		opts.DKIM = &compose.DKIM{Domain: domain, Selector: m.DKIM.Selector, Signer: key}
	}
	return opts, nil
}

func (a *App) composer() (*compose.Composer, error) {
	opts, err := a.composerOptions()
	if err != nil {
		return nil, err
	}
	return compose.New(opts)
}

func domainOf(from string) string {
	_, d, _ := strings.Cut(from, "@")
	return strings.TrimRight(d, ">")
}

// builder wires the pipeline: the sources, and what an edition fixes when
// it is rendered (the sender and list its messages name).
func (a *App) builder() (*pipeline.Builder, error) {
	cfg := a.Config
	var sources []pipeline.Source
	if cfg.Sources.Seeds {
		sources = append(sources, pipeline.FSSource{Label: "seeds", FS: seeds.FS(), Origin: digest.OriginSeed,
			MaxBytes: cfg.Limits.MaxArticleBytes})
	}
	for _, d := range cfg.Sources.DropFolders {
		src, err := pipeline.DropFolder(cfg.ResolveDataPath(d), cfg.Limits.MaxArticleBytes)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	opts, err := a.composerOptions()
	if err != nil {
		return nil, err
	}
	return &pipeline.Builder{
		Title: cfg.Title, Language: cfg.Language, Theme: cfg.DigestTheme(), Sections: cfg.SectionSpecs(),
		Limits: cfg.DigestLimits(), Sources: sources, Store: a.Store, Renderer: a.Renderer,
		Mail: opts.Header(), LinkLen: a.Composer.LinkLen(), Clock: a.Clock, Log: a.Log,
		EditionsDir: a.EditionsDir(),
	}, nil
}

// Transport is SMTP when a server is configured, else the outbox folder.
func (a *App) Transport() (digest.Transport, error) {
	s := a.Config.SMTP
	if s.Addr == "" {
		dir := a.Config.ResolveDataPath(a.Config.Outbox)
		a.Log.Info("no SMTP server configured: writing messages to the outbox", "dir", dir)
		return transport.NewOutbox(dir)
	}
	return transport.NewSMTP(transport.SMTPConfig{Addr: s.Addr, TLS: transport.TLSMode(s.TLS),
		Username: s.User, Password: s.Password, Connections: s.Connections, MaxPerConnection: s.MaxPerConnection,
		IdleTimeout: s.IdleTimeout, DialTimeout: s.DialTimeout, CommandTimeout: s.CommandTimeout,
		RatePerSecond: s.RatePerSecond}, a.Log)
}

func (a *App) sender(tr digest.Transport) *deliver.Sender {
	s := a.Config.SMTP
	return &deliver.Sender{Store: a.Store, Transport: tr, Clock: a.Clock, Log: a.Log,
		Workers: s.Connections, MaxAttempts: s.MaxAttempts, BackoffBase: 500 * time.Millisecond, BackoffMax: 30 * time.Second,
		SendTimeout: s.DialTimeout + 3*s.CommandTimeout, Sleep: deliver.SleepContext}
}

// Schedule is the config's schedule, parsed.
func (a *App) Schedule() (*schedule.Schedule, error) {
	loc, err := a.Config.Schedule.Location()
	if err != nil {
		return nil, err
	}
	return schedule.Parse(a.Config.Schedule.Spec, loc)
}

// Runner wires the scheduler's reconcile.
func (a *App) Runner() (*runner.Runner, error) {
	s, err := a.Schedule()
	if err != nil {
		return nil, err
	}
	sc := a.Config.Schedule
	return &runner.Runner{Schedule: s, Desk: a.Desk, Store: a.Store, Builder: a.Builder, Clock: a.Clock, Log: a.Log,
		CatchUp: sc.CatchUp, MinNew: sc.MinNewArticles}, nil
}

// Refresher wires the live sources.
func (a *App) Refresher() *pipeline.Refresher {
	cfg := a.Config
	var srcs []pipeline.LiveSource
	for _, f := range cfg.Sources.Feeds {
		srcs = append(srcs, pipeline.LiveSource{Kind: digest.SourceFeed, URL: f.URL, Name: f.Name, Section: f.Section})
	}
	for _, p := range cfg.Sources.Pages {
		srcs = append(srcs, pipeline.LiveSource{Kind: digest.SourcePage, URL: p.URL, Name: p.Name, Section: p.Section})
	}
	f := fetch.New(fetch.Options{UserAgent: "digest/1.0 (+" + cfg.Mail.PublicURL + ")",
		AllowLoopback: cfg.Sources.AllowLoopback, AllowPrivate: cfg.Sources.AllowPrivate, Clock: a.Clock})
	return &pipeline.Refresher{Sources: srcs, Fetcher: f, Store: a.Store, Theme: cfg.DigestTheme(),
		Clock: a.Clock, Log: a.Log, Workers: 4}
}
