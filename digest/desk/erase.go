package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// ErasureReport says what an erasure removed and anything left.
type ErasureReport struct {
	// Rows counts the deleted database rows by table.
	Rows map[string]int64
	// Deleted are the outbox messages to the address that were deleted.
	Deleted []string
	// Left are places that still name the address: files outside the
	// outbox (not digest's to delete) and, if the check after the
	// erasure found any, database columns. Empty after a full erasure.
	Left []string
}

// Erase carries out a data-protection erasure request (GDPR article 17)
// for the person found by reference or address: every database row
// about them goes (the store keeps only a keyed hash of the address, so
// no import, add, config or sign-up brings them back), and so does every
// message to them in the outbox folder. The database is then searched
// for the address, every text column of every table, and the data
// folder's files too: whatever still names it is reported in Left.
func (d *Desk) Erase(ctx context.Context, key string) (*ErasureReport, error) {
	address := strings.TrimSpace(key)
	forms := []string{address}
	sub, err := d.LookUp(ctx, key)
	switch {
	case err == nil:
		forms = []string{sub.Address}
	case errors.Is(err, digest.ErrNotFound) && strings.Contains(address, "@"):
		// Not on the list: a sign-up request or a test copy may still
		// hold the address, stored as sign-up stores it (an
		// international domain in its xn-- form); both forms go.
		if norm, err := digest.ParseAddress(address, d.SMTPUTF8); err == nil && norm != address {
			forms = append(forms, norm)
		}
	default:
		return nil, err
	}
	rep := &ErasureReport{Rows: map[string]int64{}}
	for _, address := range forms {
		rows, err := d.People.Store.Erase(ctx, address, d.Clock.Now())
		if err != nil {
			return rep, err
		}
		for table, n := range rows {
			rep.Rows[table] += n
		}
		deleted, err := eraseMessages(d.People.Outbox, address)
		rep.Deleted = append(rep.Deleted, deleted...)
		if err != nil {
			return rep, err
		}
	}
	for _, address := range forms {
		left, err := filesNaming(d.People.DataDir, address)
		if err != nil {
			return rep, err
		}
		cols, err := d.People.Store.Mentions(ctx, address)
		if err != nil {
			return rep, err
		}
		rep.Left = append(append(rep.Left, left...), cols...)
	}
	d.log().Info("person erased", "rows", sum(rep.Rows), "messages_deleted", len(rep.Deleted), "left", len(rep.Left))
	words := fmt.Sprintf("erased one person's data at their request (%s, %s)",
		text.Plural(int(sum(rep.Rows)), "database row"), text.Plural(len(rep.Deleted), "outbox message"))
	if err := d.record(ctx, "", who(ctx, ""), digest.ChangeErase, words, nil); err != nil {
		return rep, err
	}
	return rep, nil
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// eraseMessages deletes the files in the outbox that name the address:
// in their bytes (case-insensitively) or in a decoded To or Cc.
func eraseMessages(dir, address string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	var deleted []string
	err := walkFiles(dir, func(path string, data []byte) error {
		if !names(data, address) {
			return nil
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("erase %s: %w", path, err)
		}
		deleted = append(deleted, filepath.Base(path))
		return nil
	})
	return deleted, err
}

// filesNaming lists the files under dir that name the address, the
// SQLite database's own included: the store vacuums it after an erasure,
// so a deleted row must not linger in its free pages or log.
func filesNaming(dir, address string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	var out []string
	err := walkFiles(dir, func(path string, data []byte) error {
		if names(data, address) {
			out = append(out, path)
		}
		return nil
	})
	return out, err
}

// walkFiles calls fn with each regular file under dir; a missing dir has
// none.
func walkFiles(dir string, fn func(path string, data []byte) error) error {
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		return fn(path, data)
	})
	if err != nil {
		return fmt.Errorf("search %s: %w", dir, err)
	}
	return nil
}

// names reports whether a file names the address: anywhere in its bytes,
// in any case, or as a recipient of the message it holds.
func names(data []byte, address string) bool {
	want := strings.ToLower(address)
	if bytes.Contains(bytes.ToLower(data), []byte(want)) {
		return true
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return false
	}
	for _, h := range []string{"To", "Cc"} {
		list, _ := msg.Header.AddressList(h)
		for _, a := range list {
			if strings.ToLower(a.Address) == want {
				return true
			}
		}
	}
	return false
}
