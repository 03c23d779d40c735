package digest

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/text"
)

// Edition is one built issue of the newsletter. It is the single view model
// behind every rendering (HTML, text, JSON), so the three never disagree;
// its JSON form is the contract tools and tests read.
type Edition struct {
	ID    string `json:"id"`
	Key   string `json:"key"`
	Title string `json:"title"`
	// Subject is the mail's subject: the title, unless an editor wrote
	// another.
	Subject string `json:"subject"`
	// Issue is the edition's number (No. 1, 2, …), in its subject too,
	// so no two editions share one.
	Issue       int       `json:"issue"`
	Theme       string    `json:"theme"`
	Language    string    `json:"language"` // BCP 47, for <html lang>
	GeneratedAt time.Time `json:"generated_at"`
	// Preheader is the short preview line mail clients show after the
	// subject. It is taken from the lead, never written freely.
	Preheader string `json:"preheader"`
	// Words counts what a reader reads (lead, section summaries, item
	// titles and blurbs); ReadingMinutes is that at 230 words a minute.
	// Intro is the editor's own note (see EditorNote), shown as theirs
	// above the lead; never a summary.
	Intro          string     `json:"intro,omitempty"`
	Words          int        `json:"words"`
	ReadingMinutes int        `json:"reading_minutes"`
	Lead           []Sentence `json:"lead"`
	Sections       []Section  `json:"sections"`
	LeftOut        []LeftOut  `json:"left_out"`
	// WebURL is the edition's web copy in the public archive, which
	// carries no one's personal link: the email's "view in your browser".
	WebURL string `json:"web_url,omitempty"`
	// CountClicks sends the email's article links through the public
	// face's redirect (<public base>/r/<id>/<item number>), which counts
	// clicks per item and never who clicked. Kept in the JSON so a
	// re-render after an editor's change keeps the links as approved.
	CountClicks bool `json:"count_clicks,omitempty"`
	// PostalAddress is the sender's, shown in the footer.
	PostalAddress string `json:"postal_address,omitempty"`
	// Brand is the newsletter's as the edition was built: the masthead's
	// name and colour. Editions stored before brands have none, and the
	// masthead falls back on the title.
	Brand Brand `json:"brand,omitzero"`
	// UnsubscribeURL is set only when rendering for mail: a placeholder
	// each message replaces with its subscriber's own link.
	UnsubscribeURL string `json:"-"`
}

// Sentence is a summary sentence together with the item it was taken from.
// Text is always a sentence of that item's cleaned article; Ref is that
// item's Number, the marker a reader sees beside the sentence.
type Sentence struct {
	Text   string `json:"text"`
	ItemID string `json:"item_id"`
	Ref    int    `json:"ref"`
}

// Section groups items under a title from the config.
type Section struct {
	Title   string     `json:"title"`
	Summary []Sentence `json:"summary"`
	Items   []Item     `json:"items"`
}

// Item is one article as it appears in an edition.
type Item struct {
	ID string `json:"id"`
	// Number is the item's place in the edition (1, 2, …), in reading
	// order: what summary sentences refer to it by.
	Number int    `json:"number"`
	Title  string `json:"title"`
	// Source is the publication: the article's own, the feed's title or
	// the source's configured name; never a file name, and empty when
	// none is known.
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Published string   `json:"published"` // YYYY-MM-DD or ""
	Authors   []string `json:"authors"`
	Origin    Origin   `json:"origin"`
	Summary   []string `json:"summary"`
	// Relevance is the item's score against the theme; it orders items
	// and is kept for editors.
	Relevance float64 `json:"relevance"`
}

// LeftOut is an article that was considered but not included, with why.
type LeftOut struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source,omitempty"`
	Reason string `json:"reason"`
}

// ItemCount counts items across all sections.
func (e *Edition) ItemCount() int {
	n := 0
	for _, s := range e.Sections {
		n += len(s.Items)
	}
	return n
}

// Preview is the preheader an edition shows in the inbox after its
// subject: its items' titles in reading order, "A · B · C", cut at a
// word to max runes. It previews what is inside rather than repeating
// the message's first words, which the reader sees a moment later.
func (e *Edition) Preview(max int) string {
	var titles []string
	for _, s := range e.Sections {
		for _, it := range s.Items {
			if t := strings.Join(strings.Fields(it.Title), " "); t != "" {
				titles = append(titles, t)
			}
		}
	}
	return text.CutAtWord(strings.Join(titles, " · "), max)
}

// Sentences is every sentence the edition shows, in reading order: the
// lead, then each section's summary and its items' blurbs. What an
// editor may swap in, and what must never be said twice, is judged
// against it.
func (e *Edition) Sentences() []string {
	var out []string
	for _, s := range e.Lead {
		out = append(out, s.Text)
	}
	for _, sec := range e.Sections {
		for _, s := range sec.Summary {
			out = append(out, s.Text)
		}
		for _, it := range sec.Items {
			out = append(out, it.Summary...)
		}
	}
	return out
}
