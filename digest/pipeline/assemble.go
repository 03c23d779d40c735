package pipeline

import (
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
	"github.com/digest-newsletter/digest/digest/text"
)

// maxPreheader is about what mail clients show after the subject.
const maxPreheader = 120

// assemble summarizes a selection into an edition, its words planned
// from the items up (see plan), so no sentence or quote is said twice.
func (b *Builder) assemble(sel *selection, id identity) *digest.Edition {
	at := id.at
	if id.title == "" {
		id.title = editionTitle(b.Title, id.issue, at)
	}
	var arts []*digest.Article
	for _, sec := range sel.sections {
		for _, it := range sec.items {
			arts = append(arts, it.art)
		}
	}
	engine := summarize.New(arts, summarize.Options{Query: b.Theme.Query(), Now: at, Analyses: sel.analyses})
	ed := &digest.Edition{
		ID:            id.id,
		Key:           id.key,
		Title:         id.title,
		Issue:         id.issue,
		Theme:         b.Theme.Name,
		Language:      b.Language,
		GeneratedAt:   at.UTC(),
		LeftOut:       sel.leftOut,
		PostalAddress: b.PostalAddress,
		Brand:         b.Brand,
	}
	ed.WebURL = b.webURL(id.id)
	ed.CountClicks = b.CountClicks
	ed.Sections = make([]digest.Section, len(sel.sections))
	for s, sec := range sel.sections {
		ed.Sections[s].Title = sec.title
	}
	b.plan(ed, sel, engine, newEditList(id.editorial.edits))
	ed.Subject, ed.Preheader = ed.Title, preheader(ed)
	applyNote(ed, id.editorial.note)
	numberItems(ed)
	return ed
}

func item(it chosenItem, summary []string) digest.Item {
	a := it.art
	return digest.Item{ID: a.ID, Title: a.Title, Source: a.Publication, URL: a.URL, Published: a.Date(),
		Authors: a.Authors, Origin: a.Origin, Summary: summary, Relevance: round3(it.relevance)}
}

// preheader is the edition's preview, its items' titles (see
// digest.Edition.Preview), or failing those the lead's first sentence
// cut at a word: the edition stores the very preheader it shows, so
// what an editor approves is what is sent.
func preheader(ed *digest.Edition) string {
	if p := ed.Preview(maxPreheader); p != "" {
		return p
	}
	if len(ed.Lead) > 0 {
		return text.CutAtWord(ed.Lead[0].Text, maxPreheader)
	}
	return ""
}

// identity names an edition: its id, slot key and the moment it is
// dated. A rebuild keeps all three.
type identity struct {
	id, key string
	at      time.Time
	// title, when set, is kept: the date in it is the slot's local one.
	title string
	issue int
	// editorial is what an editor wrote into the edition.
	editorial editorial
}

// round3 keeps scores readable in the JSON.
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// webURL is an edition's web copy in the public archive, "" without a
// public URL.
func (b *Builder) webURL(id string) string {
	if b.PublicURL == "" {
		return ""
	}
	return strings.TrimRight(b.PublicURL, "/") + "/archive/" + url.PathEscape(id)
}
