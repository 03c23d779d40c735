// Package cli is the digest command line: it parses flags, opens the
// wired digest (package app) and prints. main calls Main and nothing
// else.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"strings"
	"syscall"
)

// Env is the process environment the commands may read; secrets come only
// from here, never from flags that would show in a process list. Getenv
// is main's os.Getenv: app hands it to config.ApplyEnv, where the
// digest's variables are read; the eval commands read their flags'
// defaults (DIGEST_DUC_DATA, the cache folder) through it too.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	// Stdin is where `editors add` reads a password; nil reads nothing.
	Stdin  io.Reader
	Getenv func(string) string
}

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"build":       {"build an edition now from the seeds and drop folders", runBuild},
		"summarize":   {"print a multi-document summary of text files", runSummarize},
		"clean":       {"show what a build makes of article files: title, date, authors, body, dropped lines", runClean},
		"eval":        {"score summaries or section placement on a public corpus", runEval},
		"fetch":       {"refresh the feeds and web pages now", runFetch},
		"sources":     {"list the sources with their health", runSources},
		"send":        {"send an edition to every active subscriber (resumes a stopped run)", runSend},
		"deliveries":  {"show an edition's deliveries", runDeliveries},
		"subscribers": {"manage the list: add, remove, list, import, export, show, reinstate, export-person, erase", runSubscribers},
		"bounces":     {"read the bounce mailbox once (IMAP, or --mbox FILE, --maildir DIR) and apply the bounce policy", runBounces},
		"run":         {"run the scheduler (--once: one cycle now, then exit)", runRun},
		"status":      {"show the scheduler, the next slots, the last editions and the sources", runStatus},
		"approve":     {"approve an edition for sending, as it is rendered now", runApprove},
		"discard":     {"set a draft or approved edition aside for good: it is never sent", runDiscard},
		"preview":     {"serve the editors' pages and the public pages (unsubscribe, archive)", runPreview},
		"dkim-record": {"print the DNS TXT records that publish the DKIM keys", runDKIMRecord},
		"help":        {"show the commands, or one command's usage: help COMMAND", runHelp},
		"version":     {"print the module version and the VCS revision built from", runVersion},
		"editors":     {"add an editor: print the web.editors entry with the hash of their password", runEditors},
	}
}

// commandAliases are the names people try for a command that other tools
// give it, too far in spelling for a "did you mean" by edit distance.
var commandAliases = map[string]string{
	"serve": "preview", "server": "preview", "web": "preview", "desk": "preview",
	"start": "run", "daemon": "run", "schedule": "run",
	"mail": "send", "publish": "send", "list": "subscribers", "ls": "status", "info": "status",
}

// errUsage marks a usage mistake, which exits 2 instead of 1.
var errUsage = errors.New("usage")

// Main runs the command named by args[0] and returns the exit code.
func Main(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	args = commandFirst(args)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		hint := didYouMean(args[0], commandNames())
		if alias, ok := commandAliases[args[0]]; ok {
			hint = fmt.Sprintf(" (did you mean %q?)", alias)
		}
		fmt.Fprintf(env.Stderr, "digest: unknown command %q%s\n\n", args[0], hint)
		usage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "digest %s: %s\n", args[0], inWords(args[0], err))
		return 2
	default:
		fmt.Fprintf(env.Stderr, "digest %s: %s\n", args[0], inWords(args[0], err))
		return 1
	}
}

// commandFirst moves the shared flags given before the command after it,
// so "digest --config x.yaml build" reads as "digest build --config
// x.yaml".
func commandFirst(args []string) []string {
	var flags []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		flags = append(flags, args[0])
		args = args[1:]
		if !hasValue && (name == "config" || name == "data-dir") && len(args) > 0 {
			flags = append(flags, args[0])
			args = args[1:]
		}
	}
	if len(flags) == 0 || len(args) == 0 {
		return append(flags, args...)
	}
	return append(append([]string{args[0]}, flags...), args[1:]...)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "digest builds a themed newsletter from articles and mails it.")
	fmt.Fprintln(w, "\nUsage: digest COMMAND [flags]\n\nCommands:")
	cmds := commands()
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'digest COMMAND -h' for a command's flags.")
}

// common are the flags every command that touches state shares.
type common struct {
	configPath string
	dataDir    string
	verbose    bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.configPath, "config", "", "config `file` (default: the embedded config/digest.yaml)")
	fs.StringVar(&c.dataDir, "data-dir", "", "data `dir` for the database and editions (overrides data_dir)")
	fs.BoolVar(&c.verbose, "v", false, "log debug detail")
}

func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("digest "+name, flag.ContinueOnError)
	out := &helpBuffer{to: env.Stderr}
	fs.SetOutput(out)
	fs.Usage = func() { commandUsage(out, name, fs) }
	return fs
}

// parse parses flags and rejects stray arguments when none are expected.
func parse(fs *flag.FlagSet, args []string, positional bool) error {
	if err := fs.Parse(args); err != nil {
		out, _ := fs.Output().(*helpBuffer)
		if errors.Is(err, flag.ErrHelp) {
			out.flush()
			return err
		}
		out.Reset() // the error is said once, by Main
		return unknownFlag(fs, err)
	}
	if !positional && fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, strings.Join(fs.Args(), " "))
	}
	return nil
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments, as "digest summarize DIR --words 50" reads.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parse(fs, args, true); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
