package transport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Outbox is the transport used when no SMTP server is configured: each
// message becomes dir/<message id>.eml, ready to open in a mail client or
// to hand to a relay later.
//
// A file is either absent or complete. It is written to a temporary file
// in the same directory, synced and renamed into place, so a crash never
// leaves half a message under the final name. Sending the same message ID
// again replaces the file, which makes a retried delivery harmless.
type Outbox struct {
	dir string
}

var _ digest.Transport = (*Outbox)(nil)

// NewOutbox creates dir if needed.
func NewOutbox(dir string) (*Outbox, error) {
	if dir == "" {
		return nil, errors.New("outbox directory not set")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create outbox %s: %w", dir, err)
	}
	return &Outbox{dir: dir}, nil
}

// Send writes msg.Data to the message's file. A message without an ID is
// refused permanently; a failing disk is reported as a plain error.
func (o *Outbox) Send(ctx context.Context, msg *digest.Message) error {
	if msg == nil || msg.ID == "" {
		return permanent(errors.New("outbox needs a message id"))
	}
	if err := ctx.Err(); err != nil {
		return temporary(fmt.Errorf("write outbox: %w", err))
	}
	path := filepath.Join(o.dir, FileName(msg.ID))
	if err := writeAtomic(path, msg.Data); err != nil {
		return fmt.Errorf("write outbox %s: %w", path, err)
	}
	return nil
}

// Close does nothing; files are complete once Send returns.
func (o *Outbox) Close() error { return nil }

// maxNameBytes keeps names well below the 255 bytes most file systems
// allow, leaving room for a prefix a user's tools might add.
const maxNameBytes = 200

// FileName maps a message ID to a file name with ".eml": letters, digits
// and "@._+-" are kept and every other byte is written as %XX, so names
// are safe on any file system, never hidden, and two IDs never share a
// file. An ID too long for that is shortened and its SHA-256 appended.
func FileName(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		ch := id[i]
		if isSafeNameByte(ch) && !(i == 0 && ch == '.') {
			b.WriteByte(ch)
		} else {
			fmt.Fprintf(&b, "%%%02X", ch)
		}
	}
	name := b.String()
	if len(name) > maxNameBytes {
		sum := sha256.Sum256([]byte(id))
		cut := maxNameBytes - 1 - 2*len(sum)
		if i := strings.LastIndexByte(name[:cut], '%'); i > cut-3 {
			cut = i // do not split a %XX escape
		}
		name = name[:cut] + "-" + hex.EncodeToString(sum[:])
	}
	return name + ".eml"
}

func isSafeNameByte(ch byte) bool {
	switch {
	case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9':
		return true
	}
	return strings.IndexByte("@._+-", ch) >= 0
}

// writeAtomic replaces path with data so that readers see the old file or
// the new one, never a mix, even across a crash.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".outbox-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename itself durable. Some systems cannot sync a
// directory; the file is complete either way, so that is not an error.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
