package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// isHelp reports whether arg asks for help rather than naming a command:
// "digest subscribers -h" must print the verbs, not call "-h" unknown.
func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "help" }

// unknownName is the usage error for a name that is not one of names,
// with the nearest one suggested by the rule the config loader uses.
func unknownName(kind, name string, names []string) error {
	return fmt.Errorf("%w: unknown %s %q%s", errUsage, kind, name, didYouMean(name, names))
}

// didYouMean is ` (did you mean "x"?)` for the name nearest to name, or
// nothing when none is near.
func didYouMean(name string, names []string) string {
	if s := text.Closest(name, slices.Sorted(slices.Values(names))); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// verb is one subcommand of a command with several, as its usage lists it.
type verb struct{ name, summary string }

// verbUsage prints a command's subcommands, one a line, for "-h".
func verbUsage(w io.Writer, command string, verbs []verb) {
	fmt.Fprintf(w, "Usage: digest %s VERB [flags]\n\nVerbs:\n", command)
	width := 0
	for _, v := range verbs {
		width = max(width, len(v.name))
	}
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, v.name, v.summary)
	}
	fmt.Fprintf(w, "\nRun 'digest %s VERB -h' for a verb's flags.\n", command)
}

func verbNames(verbs []verb) []string {
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	return names
}

func commandNames() []string {
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// commandArgs are the arguments each command takes besides its flags,
// as its usage line shows them.
var commandArgs = map[string]string{
	"approve": "EDITION", "discard": "EDITION", "send": "[EDITION]", "deliveries": "[EDITION]",
	"summarize": "DIR", "clean": "FILE...", "help": "[COMMAND]", "editors": "add NAME",
	"subscribers": "VERB", "eval": "NAME",
}

// helpBuffer holds what the flag package writes while it parses, and
// lets it out only for -h: on a parse error the flag package prints the
// message and the usage too, and the error is said once, by Main.
type helpBuffer struct {
	bytes.Buffer
	to io.Writer
}

func (b *helpBuffer) flush() {
	if b != nil {
		b.to.Write(b.Bytes())
		b.Reset()
	}
}

// commandUsage is a command's -h: what it does, its arguments and flags.
func commandUsage(w io.Writer, name string, fs *flag.FlagSet) {
	top, _, _ := strings.Cut(name, " ")
	line := "digest " + name
	if a := commandArgs[name]; a != "" {
		line += " " + a
	}
	fmt.Fprintf(w, "Usage: %s [flags]\n", line)
	if c, ok := commands()[name]; ok && name == top {
		fmt.Fprintf(w, "\n%s%s.\n", strings.ToUpper(c.summary[:1]), c.summary[1:])
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.PrintDefaults()
}

// unknownFlag says a flag parse error in words, with the nearest flag
// for one that does not exist.
func unknownFlag(fs *flag.FlagSet, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	bare := strings.TrimLeft(name, "-")
	hint := ""
	if s := text.Closest(bare, slices.Sorted(slices.Values(names))); s != "" {
		hint = fmt.Sprintf(" (did you mean --%s?)", s)
	}
	return fmt.Errorf("%w: no flag --%s%s; %s -h lists the flags", errUsage, bare, hint, fs.Name())
}

// runHelp is "digest help [COMMAND]": the list, or one command's usage as
// "digest COMMAND -h" prints it.
func runHelp(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		usage(env.Stdout)
		return nil
	}
	if isHelp(args[0]) {
		args = []string{"help"}
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		return unknownName("command", args[0], commandNames())
	}
	if args[0] == "help" {
		fmt.Fprintln(env.Stdout, "Usage: digest help [COMMAND]\n\nShows the commands, or what one command does, its arguments and its flags.")
		return nil
	}
	env.Stderr = env.Stdout // flag prints its defaults on the error stream
	return cmd.run(ctx, env, []string{"-h"})
}

// runVersion prints the module version and the VCS revision the binary
// was built from, so a bug report can name the exact code.
func runVersion(_ context.Context, env Env, args []string) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(env.Stdout, "Usage: digest version\n\nPrints the module version and the VCS revision the binary was built from.")
		return nil
	}
	if len(args) > 0 {
		return fmt.Errorf("%w: version takes no arguments", errUsage)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(env.Stdout, "digest: no build information in this binary")
		return nil
	}
	fmt.Fprint(env.Stdout, versionText(info))
	return nil
}

// versionText is what "digest version" prints for a build's information.
func versionText(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(unknown)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	out := fmt.Sprintf("digest %s %s\n", info.Main.Path, version)
	rev := settings["vcs.revision"]
	if rev == "" {
		return out + "revision: not stamped (built without VCS information, e.g. go run or -buildvcs=false)\n" + "go: " + info.GoVersion + "\n"
	}
	out += "revision: " + rev
	if settings["vcs.modified"] == "true" {
		out += " (with uncommitted changes)"
	}
	if t := settings["vcs.time"]; t != "" {
		out += ", committed " + t
	}
	return out + "\ngo: " + info.GoVersion + "\n"
}
