package desk

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// ResultsStore is what the desk reads an edition's results from and
// counts clicks in; *store.Store implements it.
type ResultsStore interface {
	CountClick(ctx context.Context, editionID, itemID string) error
	EditionClicks(ctx context.Context, editionID string) (map[string]int, error)
	EditionBounces(ctx context.Context, editionID string) ([]digest.BounceEvent, error)
	UnsubscribedAfter(ctx context.Context, editionID string) (int, error)
}

// Results is what became of a sent edition: its deliveries, the reasons
// of those that failed in plain words, what bounced later and what the
// bounce policy decided, who unsubscribed after it, and, with click
// counting on, the clicks on each item. Nothing in it names a person.
type Results struct {
	Summary
	Delivered, Deferred, Failed, Waiting int
	Failures                             []Count
	Bounces                              []BounceGroup
	UnsubscribedAfter                    int
	// CountClicks says whether clicks are counted (web.count_clicks)
	// for this edition; Clicks lists its linked items, most clicked first.
	CountClicks bool
	Clicks      []ItemClicks
}

// Count is a reason, in words, and how many it applies to.
type Count struct {
	Words string
	N     int
}

// BounceGroup is one kind of report that came back after sending, with
// the policy's decisions about the subscribers it named.
type BounceGroup struct {
	Kind      digest.BounceKind
	Words     string
	N         int
	Decisions []Count
}

// ItemClicks is one linked item and how often its link was followed.
type ItemClicks struct {
	Number int
	Title  string
	URL    string
	Clicks int
}

// Results reads an edition's results. An edition never sent has none
// yet: its counts are all zero.
func (d *Desk) Results(ctx context.Context, id string) (*Results, error) {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return nil, err
	}
	counts, err := d.Store.DeliveryCounts(ctx, id)
	if err != nil {
		return nil, err
	}
	res := &Results{Summary: Summary{EditionRecord: *rec, Deliveries: counts},
		Delivered: counts[digest.DeliverySent], Deferred: counts[digest.DeliveryDeferred],
		Failed: counts[digest.DeliveryFailed], Waiting: counts[digest.DeliveryPending] + counts[digest.DeliverySending]}
	if res.Failed > 0 {
		rows, err := d.Store.Deliveries(ctx, id, 0)
		if err != nil {
			return nil, err
		}
		failures := map[string]int{}
		for _, row := range rows {
			if row.Status == digest.DeliveryFailed {
				failures[FailureWords(row.LastError)]++
			}
		}
		res.Failures = sortedCounts(failures)
	}
	events, err := d.Tally.EditionBounces(ctx, id)
	if err != nil {
		return nil, err
	}
	res.Bounces = groupBounces(events)
	if res.UnsubscribedAfter, err = d.Tally.UnsubscribedAfter(ctx, id); err != nil {
		return nil, err
	}
	ed, err := edition(rec)
	if err != nil || !ed.CountClicks || !d.CountClicks {
		return res, nil // an edition stored before its JSON, or sent with plain links, has no clicks
	}
	clicks, err := d.Tally.EditionClicks(ctx, id)
	if err != nil {
		return nil, err
	}
	res.CountClicks = true
	for _, sec := range ed.Sections {
		for _, it := range sec.Items {
			if it.URL != "" {
				res.Clicks = append(res.Clicks, ItemClicks{Number: it.Number, Title: it.Title, URL: it.URL, Clicks: clicks[it.ID]})
			}
		}
	}
	slices.SortStableFunc(res.Clicks, func(a, b ItemClicks) int {
		return cmp.Or(cmp.Compare(b.Clicks, a.Clicks), cmp.Compare(a.Number, b.Number))
	})
	return res, nil
}

// groupBounces groups an edition's reports by kind, hard first, each
// with how many times the policy decided what.
func groupBounces(events []digest.BounceEvent) []BounceGroup {
	var out []BounceGroup
	for _, kind := range []digest.BounceKind{digest.BounceHard, digest.BounceSoft, digest.BounceComplaint} {
		g := BounceGroup{Kind: kind, Words: bounceWords[kind]}
		decisions := map[string]int{}
		for _, ev := range events {
			if ev.Kind == kind {
				g.N++
				decisions[cmp.Or(strings.TrimSpace(ev.Decision), string(ev.Action))]++
			}
		}
		if g.N > 0 {
			g.Decisions = sortedCounts(decisions)
			out = append(out, g)
		}
	}
	return out
}

var bounceWords = map[digest.BounceKind]string{
	digest.BounceHard:      "Bounced for good: the receiving server said the address does not take mail",
	digest.BounceSoft:      "Bounced for now: a full mailbox or a server that was not taking mail then",
	digest.BounceComplaint: "Reported as spam by the reader",
}

// sortedCounts lists counts, largest first, then by their words.
func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for w, n := range m {
		out = append(out, Count{Words: w, N: n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), strings.Compare(a.Words, b.Words)) })
	return out
}

// enhancedCode finds an RFC 3463 status code ("5.1.1") and a reply code
// in a delivery's last error as the transport wrote it ("550 5.1.1 …").
var (
	enhancedCode = lazyre.New(`^\s*(?:[245]\d\d\s+)?([245])\.(\d{1,3})\.(\d{1,3})\b`)
	replyCode    = lazyre.New(`^\s*([245])\d\d\b`)
)

// FailureWords says in an editor's words why a message was not
// delivered, from its delivery's last error; similar failures get the
// same words, so the results can group them.
func FailureWords(lastError string) string {
	if m := enhancedCode.FindStringSubmatch(lastError); m != nil {
		switch subject := m[2]; {
		case m[1] == "4":
			return "The receiving server asked to try again later"
		case subject == "1":
			return "The address does not exist: the receiving server refused it"
		case subject == "2":
			return "The mailbox is full or closed"
		case subject == "7":
			return "The receiving server refused it by its policy (spam filter, or a sender it does not trust)"
		case subject == "3" || subject == "4":
			return "The receiving server or the network between could not take it"
		}
	}
	if m := replyCode.FindStringSubmatch(lastError); m != nil {
		if m[1] == "4" {
			return "The receiving server asked to try again later"
		}
		return "The mail server refused it"
	}
	if lastError == "" {
		return "No reason was recorded"
	}
	return "The mail server could not be reached or stopped answering"
}
