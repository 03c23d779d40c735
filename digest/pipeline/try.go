package pipeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
	"github.com/digest-newsletter/digest/digest/feed"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/theme"
)

// Trial is what a build would take from a source fetched now, for the
// desk's "try" before the source is saved. Nothing of it is stored.
type Trial struct {
	Source LiveSource
	Status int    // the HTTP status of the source's answer
	Title  string // the feed's title, or the page's
	Items  []TrialItem
	// Problems are what went wrong with single entries, in words: a page
	// that could not be read (its excerpt is used), an entry that left
	// nothing after cleaning.
	Problems []string
	// More says the feed had more entries than were tried.
	More int
}

// TrialItem is one entry (or the page) as a build would read it.
type TrialItem struct {
	Title      string
	URL        string
	Published  time.Time
	Paragraphs []string // the first paragraphs of the cleaned body
	// Relevance is the theme score the build uses; Passes says it is at
	// least the theme's min_relevance, so a build would keep it.
	Relevance float64
	Passes    bool
	// Section is where a build would put it: the source's section hint,
	// else the section its words fit best.
	Section string
}

const (
	trialEntries    = 10
	trialParagraphs = 2
	// trialBudget keeps a try inside the editors' pages' 60 s write
	// timeout: an editor waits for it.
	trialBudget = 45 * time.Second
)

// Try fetches src now through the refresher's fetcher (its guard, size
// and time limits), and reads what it sends by the path a refresh takes
// (feed entries, their pages when the feed gives an excerpt, extraction,
// cleaning with the theme) and scores each article as a build does,
// placing it among sections. It stores nothing and records no attempt.
func (r *Refresher) Try(ctx context.Context, src LiveSource, sections []digest.SectionSpec) (*Trial, error) {
	ctx, cancel := context.WithTimeout(ctx, min(orDefault(r.SourceBudget, defaultSourceBudget), trialBudget))
	defer cancel()
	resp, err := r.Fetcher.Get(ctx, fetch.Request{URL: src.URL})
	if err != nil {
		return nil, err
	}
	t := &Trial{Source: src, Status: resp.Status}
	var docs []digest.Document
	if src.Kind == digest.SourcePage {
		doc, err := extract.Document(digest.Document{Name: src.URL, Origin: digest.OriginWeb,
			URL: feed.CanonicalURL(resp.URL), Text: string(resp.Body), Format: "html"})
		if err != nil {
			return nil, err
		}
		if doc.Publication == "" {
			doc.Publication = src.Name
		}
		t.Title, docs = doc.Title, []digest.Document{doc}
	} else {
		f, err := feed.Parse(resp.Body, resp.URL)
		if err != nil {
			return nil, err
		}
		title := src.Name
		if title == "" {
			title = f.Title
		}
		t.Title = f.Title
		entries := newest(f.Entries, min(trialEntries, orDefault(r.MaxEntries, defaultMaxEntries)))
		t.More = len(f.Entries) - len(entries)
		for _, e := range entries {
			doc := e.Document(title)
			if e.Excerpt && e.URL != "" {
				if full, err := r.page(ctx, doc); err == nil {
					doc = full
				} else {
					t.Problems = append(t.Problems, fmt.Sprintf("“%s”: its page could not be read, so the feed's excerpt is used: %s",
						doc.Title, digest.RedactIn(FetchWords(err), src.URL)))
				}
			}
			docs = append(docs, doc)
		}
	}
	r.judge(t, docs, sections)
	return t, nil
}

// judge cleans the documents and scores and places each as a build does.
func (r *Refresher) judge(t *Trial, docs []digest.Document, sections []digest.SectionSpec) {
	cleaned, errs := cleanAll(docs, clean.Options{Theme: r.Theme})
	query := theme.NewQuery(r.Theme)
	var profiles []*theme.Profile
	for i, a := range cleaned {
		if errs[i] != nil {
			t.Problems = append(t.Problems, fmt.Sprintf("“%s” left nothing to read after cleaning: %s", docs[i].Title,
				digest.RedactIn(errs[i].Error(), t.Source.URL)))
			continue
		}
		p := theme.NewProfile(a)
		score := p.Relevance(query)
		item := TrialItem{Title: a.Title, URL: a.URL, Published: a.Published, Relevance: score,
			Passes: score >= r.Theme.MinRelevance, Section: sectionTitle(sections, t.Source.Section)}
		item.Paragraphs = a.Paragraphs[:min(len(a.Paragraphs), trialParagraphs)]
		t.Items = append(t.Items, item)
		profiles = append(profiles, p)
	}
	for i, pl := range theme.PlaceProfiles(profiles, sections) {
		if t.Items[i].Section == "" && pl.Section < len(sections) {
			t.Items[i].Section = sections[pl.Section].Title
		}
	}
}

func sectionTitle(sections []digest.SectionSpec, hint string) string {
	for _, s := range sections {
		if hint != "" && strings.EqualFold(s.Title, hint) {
			return s.Title
		}
	}
	return ""
}
