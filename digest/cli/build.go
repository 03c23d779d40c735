package cli

import (
	"context"
	"flag"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

func runBuild(ctx context.Context, env Env, args []string) error {
	app, _, err := openCommand(ctx, env, "build", args, 0, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	res, err := app.Desk.Build(ctx)
	if err != nil {
		return err
	}
	printBuild(env, res)
	next := "Next: digest preview shows it on the editors' desk; digest send sends it."
	if app.Store.ApprovalRequired() {
		next = fmt.Sprintf("Next: check it with digest preview, approve it (digest approve %s), then digest send sends it.", res.Edition.ID)
	}
	fmt.Fprintln(env.Stdout, next)
	return nil
}

// session is one command's wired digest (see package app).
type session struct {
	*app.App
}

// What each command may do to the state: read-only ones write nothing;
// locking ones take the runner lock, as only one process may send.
var (
	readOnlyCommands = map[string]bool{"status": true, "deliveries": true, "sources": true,
		"subscribers list": true, "subscribers export": true, "subscribers show": true}
	lockingCommands = map[string]bool{"run": true, "send": true}
)

// openCommand parses a command's flags (the common ones, plus extra) and
// opens the app. maxArgs bounds the positional arguments.
func openCommand(ctx context.Context, env Env, name string, args []string, maxArgs int, extra func(*flag.FlagSet)) (*session, []string, error) {
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
	a, err := app.Open(ctx, app.Options{ConfigPath: c.configPath, DataDir: c.dataDir, Getenv: env.Getenv,
		Log: newLogger(env.Stderr, c.verbose), ReadOnly: readOnlyCommands[name], Lock: lockingCommands[name]})
	if err != nil {
		return nil, nil, err
	}
	return &session{App: a}, positional, nil
}

func printBuild(env Env, res *pipeline.Result) {
	ed := res.Edition
	w := env.Stdout
	fmt.Fprintf(w, "edition %s: %q\n", ed.ID, ed.Title)
	fmt.Fprintf(w, "  %s in %s, from %s not yet sent (%s read now from the seeds and folders, %d new), %d left out\n",
		text.Plural(ed.ItemCount(), "item"), text.Plural(len(ed.Sections), "section"), text.Plural(res.Candidates, "article"),
		text.Plural(res.Articles, "file"), res.NewArticles, len(ed.LeftOut))
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
