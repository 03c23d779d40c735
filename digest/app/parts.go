package app

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/schedule"
	"github.com/digest-newsletter/digest/digest/store"
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
	a.templates = tfs
	return render.New(tfs)
}

// composerOptions are the config's mail settings.
func (a *App) composerOptions() (compose.Options, error) {
	m := a.Config.Mail
	opts := compose.Options{From: m.From, ReplyTo: m.ReplyTo, EnvelopeSender: m.EnvelopeSender,
		ListID: m.ListID, PublicURL: m.PublicURL, Secret: a.Secret, SMTPUTF8: a.Config.SMTP.SMTPUTF8}
	keys, err := DKIMKeys(a.Config)
	if err != nil {
		return opts, err
	}
	if len(keys) > 0 {
		opts.DKIM, opts.MoreDKIM = keys[0], keys[1:]
	}
	return opts, nil
}

// DKIMKeys loads a config's signing keys, the first one first.
func DKIMKeys(cfg *config.Config) ([]*compose.DKIM, error) {
	d := cfg.Mail.DKIM
	if d.KeyFile == "" {
		return nil, nil
	}
	domain := d.Domain
	if domain == "" {
		domain = domainOf(cfg.Mail.From)
	}
	var keys []*compose.DKIM
	for _, k := range append([]config.DKIMKey{{Selector: d.Selector, KeyFile: d.KeyFile}}, d.More...) {
		signer, err := compose.LoadDKIMKey(k.KeyFile)
		if err != nil {
			return nil, err
		}
		keys = append(keys, &compose.DKIM{Domain: domain, Selector: k.Selector, Signer: signer})
	}
	return keys, nil
}

func domainOf(from string) string {
	_, d, _ := strings.Cut(from, "@")
	return strings.TrimRight(d, ">")
}

// builder wires the pipeline: the sources, and what an edition fixes when
// it is rendered (mail, the sender and list its messages name).
func (a *App) builder(mail digest.MailHeader) (*pipeline.Builder, error) {
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
	return &pipeline.Builder{
		Title: cfg.Title, Language: cfg.Language, Theme: cfg.DigestTheme(), Sections: cfg.SectionSpecs(),
		Limits: cfg.DigestLimits(), Sources: sources, Store: a.Store, Renderer: a.Renderer,
		Mail: mail, LinkLen: a.Composer.LinkLen(), PostalAddress: cfg.Mail.PostalAddress, Brand: cfg.DigestBrand(), PublicURL: cfg.Mail.PublicURL, CountClicks: cfg.Web.CountClicks, Clock: a.Clock, Log: a.Log,
		EditionsDir: a.EditionsDir(),
	}, nil
}

// Transport is SMTP when a server is configured, else the outbox folder.
func (a *App) Transport(ctx context.Context) (digest.Transport, error) {
	s := a.Config.SMTP
	if s.Addr == "" {
		dir := a.Config.ResolveDataPath(a.Config.Outbox)
		a.Log.Info("no SMTP server configured: writing messages to the outbox", "dir", dir)
		return transport.NewOutbox(dir)
	}
	if a.Config.Mail.DKIM.KeyFile == "" {
		a.Log.Warn("sending by SMTP without DKIM: receivers such as Gmail may refuse or file the mail as spam; set mail.dkim")
	}
	if a.Config.Mail.PostalAddress == "" {
		a.Log.Warn("sending by SMTP without mail.postal_address: bulk mail must show the sender's postal address (CAN-SPAM)")
	}
	return transport.NewSMTP(transport.SMTPConfig{Addr: s.Addr, TLS: transport.TLSMode(s.TLS), HeloName: a.heloName(),
		Username: s.User, Password: s.Password, Connections: s.Connections, MaxPerConnection: s.MaxPerConnection,
		IdleTimeout: s.IdleTimeout, DialTimeout: s.DialTimeout, CommandTimeout: s.CommandTimeout,
		RatePerSecond: a.rateShare(ctx)}, a.Log)
}

// rateShare is this instance's part of smtp.rate_per_second, which is for
// the whole list: on a shared database it is divided by the instances
// alive when sending starts (each send opens its transport afresh, so the
// shares follow instances coming and going).
func (a *App) rateShare(ctx context.Context) float64 {
	rate := a.Config.SMTP.RatePerSecond
	if rate <= 0 || !a.Config.Database.Shared() {
		return rate
	}
	now, err := a.Store.LeaseTime(ctx, a.Clock.Now())
	var live []store.Instance
	if err == nil {
		live, err = a.Store.Instances(ctx, now)
	}
	if err != nil || len(live) == 0 {
		a.Log.Warn("rate limit: cannot count the live instances; using the whole rate", "err", err)
		return rate
	}
	a.Log.Info("rate limit shared between instances", "rate_per_second", rate, "instances", len(live),
		"this_instance", rate/float64(len(live)))
	return rate / float64(len(live))
}

// heloName is the EHLO name: the configured one, else this host's name
// when it is a full domain name, else the From address's domain; never
// "localhost", which receivers count against a sender.
func (a *App) heloName() string {
	if h := a.Config.SMTP.HeloName; h != "" {
		return h
	}
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.HasSuffix(h, ".local") {
		return h
	}
	return domainOf(a.Config.Mail.From)
}

func (a *App) sender(tr digest.Transport) *deliver.Sender {
	s := a.Config.SMTP
	return &deliver.Sender{Store: a.Store, Transport: tr, Instance: a.InstanceID(), Clock: a.Clock, Log: a.Log,
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
	if next := s.Upcoming(a.Clock.Now(), 2); len(next) == 2 && next[1].At.Sub(next[0].At) < time.Hour {
		a.Log.Warn("schedule.spec fires more than once an hour: each slot with news builds and mails an edition",
			"spec", s.String(), "every", next[1].At.Sub(next[0].At).String())
	}
	sc := a.Config.Schedule
	return &runner.Runner{Schedule: s, Desk: a.Desk, Store: a.Store, Builder: a.Builder, Clock: a.Clock, Log: a.Log,
		CatchUp: sc.CatchUp, MinNew: sc.MinNewArticles, Instance: a.InstanceID()}, nil
}

// Fetcher is the one way digest reaches a feed or page: the config's
// guard (sources.allow_loopback, allow_private) and limits, for the
// refresh and the desk's "try" alike.
func (a *App) Fetcher() *fetch.Fetcher {
	cfg := a.Config
	return fetch.New(fetch.Options{UserAgent: "digest/1.0 (+" + cfg.Mail.PublicURL + ")",
		AllowLoopback: cfg.Sources.AllowLoopback, AllowPrivate: cfg.Sources.AllowPrivate, Clock: a.Clock,
		MaxConcurrent: cfg.Sources.MaxFetches})
}

// Refresher wires the live sources: the database's list, read afresh at
// every refresh.
func (a *App) Refresher() *pipeline.Refresher {
	cfg := a.Config
	return &pipeline.Refresher{List: a.LiveSources, Fetcher: a.Fetcher(), Store: a.Store, Theme: cfg.DigestTheme(),
		Clock: a.Clock, Log: a.Log, Workers: 4, MaxEntries: cfg.Sources.MaxEntries,
		SourceBudget: cfg.Sources.SourceBudget, Budget: cfg.Sources.RefreshBudget}
}
