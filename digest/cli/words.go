package cli

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"github.com/digest-newsletter/digest/digest"
)

// inWords is the line a command's error prints after "digest CMD: ", in
// a person's words: the command's own name is not repeated however many
// layers wrapped it ("build: build: nothing to build"), the usage marker
// is not shown, a file that cannot be opened is named with the reason in
// words rather than the system call's, and an unknown edition says where
// the editions are listed.
func inWords(cmd string, err error) string {
	msg := err.Error()
	for {
		rest, ok := strings.CutPrefix(msg, cmd+": ")
		if !ok {
			rest, ok = strings.CutPrefix(msg, errUsage.Error()+": ")
		}
		if !ok {
			break
		}
		msg = rest
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if words := pathWords(pe); words != "" {
			msg = strings.Replace(msg, pe.Error(), words, 1)
		}
	}
	if errors.Is(err, digest.ErrNotFound) && strings.Contains(msg, "edition ") {
		msg += " (digest status lists the editions)"
	}
	return msg
}

// pathWords says why a file could not be used, naming it; "" for a
// reason with no plainer words than the system's.
func pathWords(pe *fs.PathError) string {
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		return "there is no file " + pe.Path + " (check the name, and the folder you run digest from)"
	case errors.Is(pe.Err, fs.ErrPermission):
		return pe.Path + " can't be opened: this user is not allowed to (check its permissions)"
	case errors.Is(pe.Err, syscall.EISDIR):
		return pe.Path + " is a folder, not a file"
	}
	return ""
}
