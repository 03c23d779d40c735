package desk

import (
	"bytes"
	"context"
	"math"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
)

// Item is one article as an editor sees it in an edition: in a section,
// or left out with the reason, and what the editor decided about it.
type Item struct {
	ArticleID, Title, Source, URL string
	// Section is where it is; "" when it is left out.
	Section  string
	Position int
	// Reason says why it is left out; "" when it is in.
	Reason   string
	Pinned   bool
	Excluded bool
	// Relevance is its score against the theme (items in the edition);
	// Paragraphs its cleaned text, what summaries are taken from.
	Relevance  float64
	Paragraphs []string
	Words      int
}

// View is one edition with everything the preview shows.
type View struct {
	Summary
	Edition *digest.Edition
	// HTML and Text are the email's parts as a subscriber gets them, with
	// a sample unsubscribe link; JSON is the edition as stored.
	HTML, Text, JSON []byte
	// Headers are the header fields of a sample message, in order.
	Headers [][2]string
	// Variants are the edition as composed for subscribers who chose
	// some sections, with the sample link in place: approved with it.
	Variants []digest.Variant
	Items    []Item
	// Sections are the titles an article may move to.
	Sections []string
	// Recipients are the edition's deliveries, one per subscriber, up
	// to maxRecipients; RecipientCount is how many there are in all.
	Recipients     []digest.Delivery
	RecipientCount int
	// ApprovalRequired says sending refuses a draft (the config's
	// require_approval), so the page offers "Send now" only when it can.
	ApprovalRequired bool
}

// maxRecipients bounds the deliveries one page lists.
const maxRecipients = 500

// sampleSubscriber receives the previews. Its link has a reference like
// every subscriber's, and its token is for an id no row can have, so the
// sample unsubscribe link can never unsubscribe anyone.
var sampleSubscriber = digest.Subscriber{ID: math.MaxInt64, PublicID: strings.Repeat("0", digest.PublicIDLength),
	Address: "subscriber@example.org", Name: "A Subscriber"}

// View loads an edition for the preview: its outline, plus the email as
// a subscriber gets it.
func (d *Desk) View(ctx context.Context, id string) (*View, error) {
	v, err := d.outline(ctx, id)
	if err != nil || len(v.HTML) == 0 {
		return v, err // nothing was rendered: a skipped slot
	}
	mail, err := d.MailEdition(ctx, id)
	if err != nil {
		return nil, err
	}
	now := d.Clock.Now()
	link := compose.UnsubscribeURL(d.PublicURL, d.Secret, sampleSubscriber)
	v.HTML = bytes.ReplaceAll(mail.MailHTML, []byte(compose.Placeholder), []byte(link))
	v.Text = bytes.ReplaceAll(mail.MailText, []byte(compose.Placeholder), []byte(link))
	for _, vr := range mail.Variants {
		vr.MailHTML = bytes.ReplaceAll(vr.MailHTML, []byte(compose.Placeholder), []byte(link))
		vr.MailText = bytes.ReplaceAll(vr.MailText, []byte(compose.Placeholder), []byte(link))
		v.Variants = append(v.Variants, vr)
	}
	msg, err := d.Composer.Compose(mail.ID, &mail.Rendition, now, sampleSubscriber)
	if err != nil {
		return nil, err
	}
	v.Headers = headerFields(msg.Data)
	return v, nil
}

// outline loads an edition's summary, view model and articles without
// rendering anything: what a change needs to check. HTML holds the
// stored rendering, so callers can tell a skipped slot (none) apart.
func (d *Desk) outline(ctx context.Context, id string) (*View, error) {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return nil, err
	}
	sum, err := d.summary(ctx, rec)
	if err != nil {
		return nil, err
	}
	v := &View{Summary: sum, Edition: &digest.Edition{ID: rec.ID, Title: rec.Title}, JSON: rec.JSON,
		ApprovalRequired: d.Store.ApprovalRequired()}
	for _, s := range d.Builder.Sections {
		v.Sections = append(v.Sections, s.Title)
	}
	if len(rec.JSON) == 0 || len(rec.HTML) == 0 {
		return v, nil
	}
	if v.Edition, err = edition(rec); err != nil {
		return nil, err
	}
	v.HTML = rec.HTML
	if err := d.items(ctx, v); err != nil {
		return nil, err
	}
	if err := d.recipients(ctx, v); err != nil {
		return nil, err
	}
	return v, nil
}

func (d *Desk) items(ctx context.Context, v *View) error {
	ov, err := d.Store.Overrides(ctx, v.ID)
	if err != nil {
		return err
	}
	for _, s := range v.Edition.Sections {
		for _, it := range s.Items {
			o := ov[it.ID]
			v.Items = append(v.Items, Item{ArticleID: it.ID, Title: it.Title, Source: it.Source, URL: it.URL,
				Section: s.Title, Position: len(v.Items), Pinned: o.Pinned, Relevance: it.Relevance})
		}
	}
	for _, l := range v.Edition.LeftOut {
		if l.ID == "" {
			continue // an unreadable file: nothing an editor can include
		}
		v.Items = append(v.Items, Item{ArticleID: l.ID, Title: l.Title, Source: l.Source, Position: len(v.Items),
			Reason: l.Reason, Excluded: ov[l.ID].Excluded})
	}
	return d.texts(ctx, v.Items)
}

// texts attaches each article's cleaned text, so an editor reads what
// the summaries were taken from.
func (d *Desk) texts(ctx context.Context, items []Item) error {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ArticleID
	}
	arts, err := d.Store.Articles(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]*digest.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for i := range items {
		if a := byID[items[i].ArticleID]; a != nil {
			items[i].Paragraphs = a.Paragraphs
			items[i].Words = a.WordCount()
		}
	}
	return nil
}

// recipients lists the edition's deliveries, the first maxRecipients.
func (d *Desk) recipients(ctx context.Context, v *View) error {
	for _, n := range v.Deliveries {
		v.RecipientCount += n
	}
	if v.RecipientCount == 0 {
		return nil
	}
	var err error
	v.Recipients, err = d.Store.Deliveries(ctx, v.ID, maxRecipients)
	return err
}

// headerFields splits a message's header block into fields, unfolding
// continuation lines.
func headerFields(data []byte) [][2]string {
	head, _, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	var out [][2]string
	for _, line := range strings.Split(string(head), "\r\n") {
		if line != "" && (line[0] == ' ' || line[0] == '\t') && len(out) > 0 {
			out[len(out)-1][1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if ok {
			out = append(out, [2]string{name, strings.TrimSpace(value)})
		}
	}
	return out
}
