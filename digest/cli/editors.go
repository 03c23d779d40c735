package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/digest-newsletter/digest/digest/passhash"
)

// editorVerbs are the verbs of "digest editors".
var editorVerbs = []verb{
	{"add", "read a new editor's password (twice on a terminal, else one line of stdin) and print the web.editors entry with its argon2id hash"},
}

// minEditorPassword is the shortest password `editors add` takes: the
// desk's shared secrets must be as long (see web.minSecretLength).
const minEditorPassword = 16

// runEditors is "digest editors add NAME". It prints the entry to paste
// under web.editors in the config rather than writing the config
// itself: the file is the operator's, often under version control, and
// a hash in it is safe to show. The password is never echoed or logged.
func runEditors(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || isHelp(args[0]) {
		verbUsage(env.Stdout, "editors", editorVerbs)
		fmt.Fprintln(env.Stdout, "\nExample: digest editors add aiko   (type the password when asked, or pipe it in on one line)")
		return nil
	}
	if args[0] != "add" {
		return unknownName("editors verb", args[0], verbNames(editorVerbs))
	}
	if len(args) == 2 && isHelp(args[1]) {
		fmt.Fprintln(env.Stdout, "Usage: digest editors add NAME\n\nReads the password from the terminal (asked twice, not shown) or one line of stdin,\nand prints the entry to put under web.editors in the config.")
		return nil
	}
	if len(args) != 2 {
		return fmt.Errorf("%w: digest editors add NAME", errUsage)
	}
	name := args[1]
	if name == "" || name != strings.TrimSpace(name) || strings.Contains(name, ":") || len([]rune(name)) > 64 ||
		strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("%w: editor name %q: use at most 64 characters, no colon, no control characters, no spaces around it", errUsage, name)
	}
	password, err := readPassword(env)
	if err != nil {
		return err
	}
	if n := len([]rune(password)); n < minEditorPassword {
		return fmt.Errorf("the password is %d characters: use at least %d (for example: openssl rand -base64 24)", n, minEditorPassword)
	}
	hash, err := passhash.Hash(password, passhash.Default)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "# Add under web.editors in the config file, then restart digest preview:\n"+
		"web:\n  editors:\n    - name: %q\n      password_hash: '%s'\n", name, hash)
	return nil
}

// readPassword reads the password without echo from a terminal, asking
// twice, or as the first line of a piped stdin.
func readPassword(env Env) (string, error) {
	in := env.Stdin
	if in == nil {
		return "", errors.New("no input to read the password from")
	}
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ask := func(prompt string) (string, error) {
			fmt.Fprint(env.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(env.Stderr)
			if err != nil {
				return "", fmt.Errorf("read password: %w", err)
			}
			return string(b), nil
		}
		first, err := ask("Password: ")
		if err != nil {
			return "", err
		}
		again, err := ask("Again: ")
		if err != nil {
			return "", err
		}
		if first != again {
			return "", errors.New("the two passwords differ: nothing printed, try again")
		}
		return first, nil
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
