package roster

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Listed is what the list says of an address, for Plan: the subscriber
// (nil when not listed) and whether the address was erased.
type Listed struct {
	Subscriber *digest.Subscriber
	Erased     bool
}

// Plan decides each row that Read could read, in place, from what the
// list says of its address (lookup):
//
//   - a new address is added, with the row's status (a row saying
//     unsubscribed or bounced records that, so nothing adds them later);
//   - an erased address is kept out: erased at their request;
//   - a listed one who left (unsubscribed, bounced) is kept out when the
//     row would put them back: an import never does;
//   - a listed one still on the list is taken off when the row says they
//     left (their name stays as listed: an import changes no names);
//   - anything else is unchanged;
//   - a second row for the same address is refused, naming the first.
//
// Every row gets exactly one action, so the counts add up to the rows.
func Plan(rows []digest.ImportRow, lookup func(address string) (Listed, error)) error {
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.Action == digest.ImportRefused {
			continue
		}
		key := strings.ToLower(r.Address)
		if first, ok := seen[key]; ok {
			r.Action, r.Reason = digest.ImportRefused, fmt.Sprintf("the address is on line %d already", first)
			continue
		}
		seen[key] = r.Line
		l, err := lookup(r.Address)
		if err != nil {
			return err
		}
		decide(r, l)
	}
	return nil
}

func decide(r *digest.ImportRow, l Listed) {
	sub := l.Subscriber
	switch {
	case l.Erased:
		r.Action, r.Reason = digest.ImportKeptOut, "their data was erased at their request: they cannot be added again"
	case sub == nil && r.Status.Left():
		r.Action, r.Reason = digest.ImportAdd, fmt.Sprintf("recorded as %s: they will not be mailed", r.Status)
	case sub == nil:
		r.Action, r.Reason = digest.ImportAdd, "new on the list"
	default:
		r.Was, r.WasName = sub.Status, sub.Name
		switch {
		case sub.Status.Left() && !r.Status.Left():
			r.Action, r.Reason = digest.ImportKeptOut, fmt.Sprintf("they %s: only their own sign-up brings them back", leftWords(sub.Status))
		case r.Status.Left() && !sub.Status.Left():
			r.Action, r.Reason = digest.ImportUpdate, fmt.Sprintf("taken off the list: %s → %s", sub.Status, r.Status)
		default:
			r.Action, r.Reason = digest.ImportUnchanged, fmt.Sprintf("already on the list (%s)", sub.Status)
		}
	}
}

func leftWords(s digest.SubscriberStatus) string {
	if s == digest.SubscriberBounced {
		return "bounced"
	}
	return "unsubscribed"
}

// Counts counts the rows by action.
func Counts(rows []digest.ImportRow) map[digest.ImportAction]int {
	out := map[digest.ImportAction]int{}
	for _, r := range rows {
		out[r.Action]++
	}
	return out
}

// Summary says the counts in words: "2 added, 1 updated, 0 already on
// the list, 1 kept out, 0 refused".
func Summary(rows []digest.ImportRow) string {
	c := Counts(rows)
	return fmt.Sprintf("%d added, %d updated, %d already on the list, %d kept out (they had left or were erased), %d refused",
		c[digest.ImportAdd], c[digest.ImportUpdate], c[digest.ImportUnchanged], c[digest.ImportKeptOut], c[digest.ImportRefused])
}

// Fingerprint names a file together with the plan made of it: an apply
// whose fingerprint differs from its preview's (another file, or a list
// that changed meanwhile) would not write what was previewed.
func Fingerprint(data []byte, rows []digest.ImportRow) string {
	h := sha256.New()
	h.Write(data)
	for _, r := range rows {
		fmt.Fprintf(h, "\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", r.Line, r.Address, r.Name, r.Status, r.Action, r.Was, r.WasName)
	}
	return hex.EncodeToString(h.Sum(nil))
}
