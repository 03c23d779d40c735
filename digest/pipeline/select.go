package pipeline

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/dedupe"
	"github.com/digest-newsletter/digest/digest/summarize"
	"github.com/digest-newsletter/digest/digest/theme"
)

// selection is what goes into an edition before it is summarized: the
// sections in order of importance, each with its items in order.
type selection struct {
	sections []chosenSection
	leftOut  []digest.LeftOut
	// analyses keeps the articles' analysis between the summaries of
	// this selection's subsets (size-limit retries, variants).
	analyses *summarize.Analyses
}

type chosenSection struct {
	title string
	items []chosenItem
}

type chosenItem struct {
	art       *digest.Article
	relevance float64
	// forced items were included or pinned by an editor: no limit or
	// theme threshold leaves them out.
	forced, pinned bool
}

// screened are the candidates that passed screening, with their scores
// and what was left out on the way.
type screened struct {
	sel     *selection // leftOut only, so far
	onTheme []*digest.Article
	// profiles are the on-theme articles as the theme package read them
	// for relevance, which placing them reads again.
	profiles  []*theme.Profile
	relevance map[string]float64
}

// choose dedupes the candidates, leaves out what is off theme, places the
// rest in sections, orders them and applies the per-section limit. An
// editor's overrides (by article id) come first: excluded articles stay
// out, included and pinned ones stay in, a chosen section wins.
func (b *Builder) choose(cands []*digest.Article, problems []Problem, ov map[string]digest.Override, at time.Time, kept map[string]string) *selection {
	return b.place(b.screen(cands, problems, ov, at), ov, kept)
}

// screen leaves out what an editor excluded, duplicates and what is off
// theme; what remains is the edition's news.
func (b *Builder) screen(cands []*digest.Article, problems []Problem, ov map[string]digest.Override, at time.Time) *screened {
	sel := &selection{analyses: summarize.NewAnalyses()}
	for _, p := range problems {
		sel.leftOut = append(sel.leftOut, digest.LeftOut{Title: filepath.Base(p.Source), Source: p.Source,
			Reason: "unreadable: " + p.Err.Error()})
	}
	cands = slices.DeleteFunc(slices.Clone(cands), func(a *digest.Article) bool {
		if ov[a.ID].Excluded {
			sel.leftOut = append(sel.leftOut, leftOut(a, ReasonExcluded))
			return true
		}
		if age := at.Sub(a.Published); b.tooOld(a, age) && !ov[a.ID].Forced() {
			sel.leftOut = append(sel.leftOut, leftOut(a, fmt.Sprintf("older than max_age (%d days)", int(age.Hours()/24))))
			return true
		}
		return false
	})
	kept, dups := dedupe.Articles(cands)
	for _, d := range dups {
		sel.leftOut = append(sel.leftOut, leftOut(d.Dropped,
			fmt.Sprintf("duplicate of %s (%.0f%% shared)", d.Kept.ID, 100*d.Similarity)))
	}
	var onTheme []*digest.Article
	var profiles []*theme.Profile
	relevance := map[string]float64{}
	query := theme.NewQuery(b.Theme)
	for _, a := range kept {
		p := theme.NewProfile(a)
		r := p.Relevance(query)
		relevance[a.ID] = r
		if r < b.Theme.MinRelevance && !ov[a.ID].Forced() {
			sel.leftOut = append(sel.leftOut, leftOut(a, theme.ReasonOffTheme(r)))
			continue
		}
		onTheme = append(onTheme, a)
		profiles = append(profiles, p)
	}
	return &screened{sel: sel, onTheme: onTheme, profiles: profiles, relevance: relevance}
}

// place puts the screened articles into sections, orders them and applies
// the per-section limit.
//
// kept maps articles to the sections they had before an editor's change:
// placement depends on the whole set (its word weights and centroids),
// so without it excluding one article could move others; with it a
// change moves only what it must.
func (b *Builder) place(sc *screened, ov map[string]digest.Override, kept map[string]string) *selection {
	sel, relevance := sc.sel, sc.relevance
	grouped := make([][]chosenItem, len(b.Sections))
	positions := map[string]int{}
	for id, o := range ov {
		if o.Position > 0 {
			positions[id] = o.Position
		}
	}
	for i, p := range theme.PlaceProfiles(sc.profiles, b.Sections) {
		a := sc.onTheme[i]
		s := p.Section
		if hinted, ok := b.sectionIndex(a.SectionHint); ok {
			s = hinted // the editor said where this source's articles go
		}
		if prev, ok := b.sectionIndex(kept[a.ID]); ok {
			s = prev // where it was before an editor's change
		}
		o := ov[a.ID]
		if moved, ok := b.sectionIndex(o.Section); ok {
			s = moved // and where this one article goes
		}
		grouped[s] = append(grouped[s], chosenItem{art: a, relevance: relevance[a.ID], forced: o.Forced(), pinned: o.Pinned})
	}
	for s, items := range grouped {
		slices.SortStableFunc(items, byImportance)
		items = b.applySectionLimit(sel, b.Sections[s].Title, items)
		orderByEditor(items, positions)
		if len(items) > 0 {
			sel.sections = append(sel.sections, chosenSection{title: b.Sections[s].Title, items: items})
		}
	}
	slices.SortStableFunc(sel.sections, func(x, y chosenSection) int {
		if px, py := x.items[0].pinned, y.items[0].pinned; px != py {
			if px {
				return -1 // a pinned article's section leads the edition
			}
			return 1
		}
		return cmp.Compare(weight(y), weight(x))
	})
	return sel
}

// sectionIndex finds a section by title, ignoring case.
func (b *Builder) sectionIndex(title string) (int, bool) {
	if title == "" {
		return 0, false
	}
	for i, s := range b.Sections {
		if strings.EqualFold(s.Title, title) {
			return i, true
		}
	}
	return 0, false
}

// tooOld reports whether a fetched article is older than MaxAge. Seeds
// and drop files are the editor's own material and never age out.
func (b *Builder) tooOld(a *digest.Article, age time.Duration) bool {
	fetched := a.Origin == digest.OriginFeed || a.Origin == digest.OriginWeb
	return fetched && b.Limits.MaxAge > 0 && !a.Published.IsZero() && age > b.Limits.MaxAge
}

// ReasonExcluded is why an article an editor excluded is left out.
const ReasonExcluded = "excluded by an editor"

// applySectionLimit keeps at most ItemsPerSection items, in order, but
// never drops one an editor forced in: the automatic ones make room.
func (b *Builder) applySectionLimit(sel *selection, title string, items []chosenItem) []chosenItem {
	limit := b.Limits.ItemsPerSection
	room := limit
	for _, it := range items {
		if it.forced {
			room--
		}
	}
	var kept []chosenItem
	for _, it := range items {
		if it.forced || room > 0 {
			if !it.forced {
				room--
			}
			kept = append(kept, it)
			continue
		}
		sel.leftOut = append(sel.leftOut, leftOut(it.art,
			fmt.Sprintf("section %q full (limit %d, score %.2f)", title, limit, it.relevance)))
	}
	return kept
}

// byImportance orders items: pinned first, then by relevance, then the
// newest first.
func byImportance(x, y chosenItem) int {
	if x.pinned != y.pinned {
		if x.pinned {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(y.relevance, x.relevance); c != 0 {
		return c
	}
	return y.art.Published.Compare(x.art.Published)
}

// weight is a section's importance: the relevance of all it holds, so a
// section with several strong articles leads one with a single article.
func weight(s chosenSection) float64 {
	var w float64
	for _, it := range s.items {
		w += it.relevance
	}
	return w
}

// count is the number of items selected.
func (sel *selection) count() int {
	n := 0
	for _, sec := range sel.sections {
		n += len(sec.items)
	}
	return n
}

// top keeps only the k most important items of the edition (by relevance,
// across sections) and leaves the rest out with the reason given.
func (sel *selection) top(k int, reason string) *selection {
	all := make([]chosenItem, 0, sel.count())
	for _, sec := range sel.sections {
		all = append(all, sec.items...)
	}
	slices.SortStableFunc(all, byImportance)
	keep := map[*digest.Article]bool{}
	for _, it := range all {
		if it.forced {
			keep[it.art] = true
			k--
		}
	}
	for _, it := range all {
		if k <= 0 {
			break
		}
		if !keep[it.art] {
			keep[it.art] = true
			k--
		}
	}
	out := &selection{leftOut: slices.Clone(sel.leftOut), analyses: sel.analyses}
	for _, sec := range sel.sections {
		kept := chosenSection{title: sec.title}
		for _, it := range sec.items {
			if keep[it.art] {
				kept.items = append(kept.items, it)
			} else {
				out.leftOut = append(out.leftOut, leftOut(it.art, reason))
			}
		}
		if len(kept.items) > 0 {
			out.sections = append(out.sections, kept)
		}
	}
	return out
}

func leftOut(a *digest.Article, reason string) digest.LeftOut {
	return digest.LeftOut{ID: a.ID, Title: a.Title, Source: a.Source, Reason: reason}
}

// editionTitle names an edition after the digest, its number and its
// date: "Japan–NATO Security Brief No. 3 — 7 December 2026".
func editionTitle(title string, issue int, at time.Time) string {
	return fmt.Sprintf("%s No. %d — %s", strings.TrimSpace(title), issue, at.Format("2 January 2006"))
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
