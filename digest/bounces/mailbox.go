package bounces

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounce"
)

// Message is one message read from a mailbox: Name says where it is, for
// logs; Raw is the message without an mbox "From " line.
type Message struct {
	Name string
	Raw  []byte
}

// Mailbox hands each message to fn, in order, and stops at fn's first
// error. fn says whether the message was a report (a bounce or a
// complaint, now recorded), which a mailbox may then file away; any
// other message is left as it was. The file-based mailboxes here only
// read: a message counts once because its source key is kept, not
// because it was moved or deleted, so nothing an MTA delivered (a
// person's mail among it) is ever lost.
type Mailbox interface {
	Each(ctx context.Context, fn func(Message) (report bool, err error)) error
}

// Mbox is an mbox file (mboxo or mboxrd), as an MTA delivers to a file.
type Mbox struct{ Path string }

// maxMessage bounds one message read from a file: a bounce quotes at most
// the original (Gmail clips at about 100 KB); anything far larger is not
// worth holding in memory, and is skipped whole.
const maxMessage = 16 << 20

// Each splits the file at its "From " lines (those at the start or after
// a blank line) and undoes mboxrd's quoting of ">From " lines.
func (m Mbox) Each(ctx context.Context, fn func(Message) (bool, error)) error {
	f, err := os.Open(m.Path)
	if err != nil {
		return fmt.Errorf("mbox: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var cur []byte
	n, start, prevBlank, tooBig := 0, 0, true, false
	flush := func() error {
		defer func() { cur, tooBig = cur[:0], false }()
		if n == 0 || len(bytes.TrimSpace(cur)) == 0 {
			return nil
		}
		if tooBig {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		_, err := fn(Message{Name: fmt.Sprintf("%s:%d", m.Path, start), Raw: bytes.Clone(cur)})
		return err
	}
	for line := 1; ; line++ {
		l, err := r.ReadBytes('\n')
		if len(l) > 0 {
			switch {
			case prevBlank && bytes.HasPrefix(l, []byte("From ")):
				if ferr := flush(); ferr != nil {
					return ferr
				}
				n++
				start = line
			default:
				if q := bytes.TrimLeft(l, ">"); len(q) < len(l) && bytes.HasPrefix(q, []byte("From ")) {
					l = l[1:]
				}
				if len(cur)+len(l) > maxMessage {
					tooBig = true
				} else if !tooBig {
					cur = append(cur, l...)
				}
				if n == 0 {
					n = 1 // a file that does not start with a From line: one message
				}
			}
			prevBlank = len(bytes.TrimRight(l, "\r\n")) == 0
		}
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return fmt.Errorf("mbox: %w", err)
		}
	}
}

// Maildir is a Maildir folder's new and cur messages, in name order.
type Maildir struct{ Dir string }

// Each reads every message file; none is moved or marked.
func (m Maildir) Each(ctx context.Context, fn func(Message) (bool, error)) error {
	var paths []string
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(m.Dir, sub))
		if err != nil {
			return fmt.Errorf("maildir: %w", err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				paths = append(paths, filepath.Join(m.Dir, sub, e.Name()))
			}
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Stat(p)
		if err != nil || info.Size() > maxMessage {
			continue // gone since listed, or too big to be a bounce
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("maildir: %w", err)
		}
		if _, err := fn(Message{Name: p, Raw: raw}); err != nil {
			return err
		}
	}
	return nil
}

// Summary counts what reading a mailbox found and did.
type Summary struct {
	Read        int
	Hard        int
	Soft        int
	Complaints  int
	AutoReplies int
	Other       int // neither a bounce nor a report: left alone
	// Duplicates were recorded by an earlier read and counted then.
	Duplicates int
	// Unmatched bounces named no subscriber: kept for an editor.
	Unmatched    int
	Bounced      int // subscribers marked bounced
	Unsubscribed int // subscribers unsubscribed by a complaint
}

// Read processes every message of a mailbox. It stops at the first store
// error; what was recorded before it stays recorded, and reading again
// counts nothing twice.
func (p *Processor) Read(ctx context.Context, mb Mailbox) (Summary, error) {
	var s Summary
	err := mb.Each(ctx, func(m Message) (bool, error) {
		s.Read++
		out, err := p.Process(ctx, m.Raw)
		if err != nil {
			return false, fmt.Errorf("%s: %w", m.Name, err)
		}
		s.add(out)
		return out.Report(), nil
	})
	return s, err
}

func (s *Summary) add(o Outcome) {
	switch o.Kind {
	case bounce.HardBounce:
		s.Hard++
	case bounce.SoftBounce:
		s.Soft++
	case bounce.Complaint:
		s.Complaints++
	case bounce.AutoReply:
		s.AutoReplies++
	default:
		s.Other++
	}
	switch {
	case o.Event == nil:
	case o.Duplicate:
		s.Duplicates++
	case o.Event.SubscriberID == 0:
		s.Unmatched++
	case o.Event.Action == digest.BounceMarked:
		s.Bounced++
	case o.Event.Action == digest.BounceUnsubscribed:
		s.Unsubscribed++
	}
}
