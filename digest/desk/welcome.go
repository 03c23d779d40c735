package desk

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/render"
)

// listName is the newsletter's name as readers know it: the brand's,
// else the title editions are numbered under.
func (d *Desk) listName() string { return cmp.Or(d.Builder.Brand.Name, d.Builder.Title) }

// confirmation is the message that carries a confirmation link.
func (d *Desk) confirmation(sub digest.Subscriber, link string) render.Notice {
	name := d.listName()
	return d.notice("Confirm your subscription to "+name, "Please confirm your subscription",
		[]string{"Someone, probably you, asked to receive " + name + " at " + sub.Address + "."},
		"Confirm my subscription", link,
		[]string{fmt.Sprintf("The link works once, for %d hours.", int(ConfirmLinkTTL.Hours())),
			"If you did not ask, ignore this message: nothing more will be sent."})
}

// welcome is the message that follows a confirmation. It answers what a
// new reader asks next: when the first issue comes, what it will hold
// (their sections, and how to change them) and what one looks like (the
// latest issue, linked, when one was sent and the public face is known).
func (d *Desk) welcome(ctx context.Context, sub digest.Subscriber) render.Notice {
	name := d.listName()
	when := "with each new edition"
	if c := d.Builder.Brand.Cadence; c != "" {
		when = c
	}
	paras := []string{"Thank you for confirming. " + name + " will come to " + sub.Address + " " + when + "."}
	if s := d.sectionWords(sub.Sections); s != "" {
		paras = append(paras, s)
	}
	var label, link string
	if latest, err := d.Archive(ctx, 1); err != nil {
		d.log().Warn("welcome: no latest issue to link", "error", err)
	} else if len(latest) == 1 && d.PublicURL != "" {
		label = "Read the latest issue"
		link = strings.TrimRight(d.PublicURL, "/") + "/archive/" + url.PathEscape(latest[0].ID)
		paras = append(paras, "While you wait for the next one, the latest issue is online: "+
			cmp.Or(latest[0].Title, latest[0].Key)+".")
	}
	n := d.notice("Welcome to "+name, "You are subscribed", paras, label, link,
		[]string{"Every edition has a link at the bottom to choose your sections or leave the list; this message has them too."})
	n.ChooseSections = len(d.Builder.Sections) > 1
	return n
}

// sectionWords says which sections a subscriber receives and how to
// change that; "" when there is nothing to choose.
func (d *Desk) sectionWords(chosen digest.Sections) string {
	if len(d.Builder.Sections) < 2 {
		return ""
	}
	var titles []string
	for _, s := range d.Builder.Sections {
		if chosen.Has(s.Title) {
			titles = append(titles, s.Title)
		}
	}
	what := "every section: "
	if len(chosen) > 0 {
		what = "the sections you chose: "
	}
	return "You receive " + what + strings.Join(titles, "; ") +
		". To choose others, follow “Choose your sections” at the foot of this message or of any issue."
}

func (d *Desk) notice(subject, heading string, paras []string, label, url string, after []string) render.Notice {
	return render.Notice{Subject: subject, Heading: heading, Paragraphs: paras, ActionLabel: label, ActionURL: url,
		After: after, List: d.listName(), PostalAddress: d.Builder.PostalAddress, Language: d.Builder.Language}
}
