package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/seeds"
	"github.com/digest-newsletter/digest/templates"
)

func runBuild(ctx context.Context, env Env, args []string) error {
	app, _, err := openCommand(ctx, env, "build", args, 0, nil)
	if err != nil {
		return err
	}
	defer app.close()
	b, err := app.builder()
	if err != nil {
		return err
	}
	res, err := b.Build(ctx)
	if err != nil {
		return err
	}
	printBuild(env, res)
	return nil
}

// app holds what most commands need: config, logger, store.
type app struct {
	cfg   *config.Config
	log   *slog.Logger
	store *store.Store
	clock digest.Clock
	// release frees the runner lock when the command took it.
	release func() error
}

// openCommand parses a command's flags (the common ones, plus extra) and
// opens the app. maxArgs bounds the positional arguments.
func openCommand(ctx context.Context, env Env, name string, args []string, maxArgs int, extra func(*flag.FlagSet)) (*app, []string, error) {
	fs := newFlagSet(name, env)
	var c common
	c.register(fs)
	if extra != nil {
		extra(fs)
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if len(positional) > maxArgs {
		return nil, nil, fmt.Errorf("%w: unexpected argument %q", errUsage, strings.Join(positional[maxArgs:], " "))
	}
	a, err := open(ctx, env, c)
	return a, positional, err
}

func open(ctx context.Context, env Env, c common) (*app, error) {
	cfg, err := config.Load(c.configPath)
	if err != nil {
		return nil, err
	}
	if c.dataDir != "" {
		cfg.DataDir = c.dataDir
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	st, err := store.Open(ctx, filepath.Join(cfg.DataDir, "digest.db"))
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: newLogger(env.Stderr, c.verbose), store: st, clock: digest.SystemClock{}}
	if err := a.importConfigSubscribers(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// importConfigSubscribers adds the config's subscribers the first time
// the config lists them; after that the database is the authority.
func (a *app) importConfigSubscribers(ctx context.Context) error {
	subs := make([]digest.Subscriber, 0, len(a.cfg.Subscribers))
	for _, s := range a.cfg.Subscribers {
		addr, err := mail.ParseAddress(s.Address)
		if err != nil {
			return fmt.Errorf("config %s: subscriber %q: %w", a.cfg.Path(), s.Address, err)
		}
		subs = append(subs, digest.Subscriber{Address: addr.Address, Name: s.Name})
	}
	n, err := a.store.ImportFromConfig(ctx, subs, a.clock.Now())
	if n > 0 {
		a.log.Info("subscribers imported from the config", "added", n)
	}
	return err
}

func (a *app) close() {
	if a.release != nil {
		a.release()
	}
	a.store.Close()
}

// builder wires the pipeline from the config.
func (a *app) builder() (*pipeline.Builder, error) {
	r, err := a.renderer()
	if err != nil {
		return nil, err
	}
	var sources []pipeline.Source
	if a.cfg.Sources.Seeds {
		sources = append(sources, pipeline.FSSource{Label: "seeds", FS: seeds.FS(), Origin: digest.OriginSeed,
			MaxBytes: a.cfg.Limits.MaxArticleBytes})
	}
	for _, d := range a.cfg.Sources.DropFolders {
		src, err := pipeline.DropFolder(a.cfg.ResolveDataPath(d), a.cfg.Limits.MaxArticleBytes)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	return &pipeline.Builder{
		Title: a.cfg.Title, Language: a.cfg.Language, Theme: a.cfg.DigestTheme(), Sections: a.cfg.SectionSpecs(),
		Limits: a.cfg.DigestLimits(), Sources: sources, Store: a.store, Renderer: r, Clock: a.clock, Log: a.log,
		EditionsDir: a.editionsDir(),
	}, nil
}

// renderer parses the templates: the embedded ones, or the config's
// folder laid over them.
func (a *app) renderer() (*render.Renderer, error) {
	tfs, err := templates.FS(a.cfg.ResolveDataPath(a.cfg.Templates))
	if err != nil {
		return nil, err
	}
	return render.New(tfs)
}

func printBuild(env Env, res *pipeline.Result) {
	ed := res.Edition
	w := env.Stdout
	fmt.Fprintf(w, "edition %s: %q\n", ed.ID, ed.Title)
	fmt.Fprintf(w, "  %d articles read (%d new), %d sections, %d items, %d left out\n",
		res.Articles, res.NewArticles, len(ed.Sections), ed.ItemCount(), len(ed.LeftOut))
	for _, s := range ed.Sections {
		fmt.Fprintf(w, "  § %s\n", s.Title)
		for _, it := range s.Items {
			fmt.Fprintf(w, "      - %s\n", it.Title)
		}
	}
	for _, f := range res.Files {
		fmt.Fprintf(w, "  wrote %s\n", f)
	}
	fmt.Fprintf(w, "  built in %s\n", res.Duration.Round(time.Millisecond))
}
