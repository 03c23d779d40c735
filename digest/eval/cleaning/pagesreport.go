package cleaning

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest/extract"
)

// PublishedF1 are the benchmark's published scores of reference systems
// (on the HTML, with this metric), to read the table against.
func PublishedF1() string {
	return "whole-page text 0.665, jusText 0.804, go-trafilatura 0.960"
}

// PageGroup is a set of pages scored together.
type PageGroup struct {
	Name    string
	Results []PageResult
}

// PageGroups are all pages (when both halves are there), each half, and
// the pages not in English.
func PageGroups(results []PageResult) []PageGroup {
	var a, b, foreign []PageResult
	for _, r := range results {
		if r.Half == HalfA {
			a = append(a, r)
		} else {
			b = append(b, r)
		}
		if r.Lang != "en" {
			foreign = append(foreign, r)
		}
	}
	var groups []PageGroup
	if len(a) > 0 && len(b) > 0 {
		groups = append(groups, PageGroup{"all", results})
	}
	if len(a) > 0 {
		groups = append(groups, PageGroup{"half A", a})
	}
	if len(b) > 0 {
		groups = append(groups, PageGroup{"half B", b})
	}
	return append(groups, PageGroup{"not English", foreign})
}

// WritePagesTable prints precision, recall and F1 of the select-all
// text and of the cleaned text, and the titles right, per group.
func WritePagesTable(w io.Writer, groups []PageGroup) {
	line := fmt.Sprintf("%-14s", "")
	for _, g := range groups {
		line += fmt.Sprintf("   %-20s", fmt.Sprintf("%s (%d)", g.Name, len(g.Results)))
	}
	fmt.Fprintln(w, strings.TrimRight(line, " "))
	line = fmt.Sprintf("%-14s", "text")
	for range groups {
		line += fmt.Sprintf("   %6s %6s %6s", "P", "R", "F1")
	}
	fmt.Fprintln(w, line)
	for _, row := range []struct {
		name   string
		counts func(PageResult) extract.Counts
	}{
		{"whole page", func(r PageResult) extract.Counts { return r.Whole }},
		{"cleaned", func(r PageResult) extract.Counts { return r.Cleaned }},
	} {
		line = fmt.Sprintf("%-14s", row.name)
		for _, g := range groups {
			counts := make([]extract.Counts, len(g.Results))
			for i, r := range g.Results {
				counts[i] = row.counts(r)
			}
			s := extract.Mean(counts)
			line += fmt.Sprintf("   %6.3f %6.3f %6.3f", s.Precision, s.Recall, s.F1)
		}
		fmt.Fprintln(w, line)
	}
	line = fmt.Sprintf("%-14s", "titles right")
	for _, g := range groups {
		right := 0
		for _, r := range g.Results {
			if r.TitleRight {
				right++
			}
		}
		line += fmt.Sprintf("   %-20s", fmt.Sprintf("%d/%d %5.1f%%", right, len(g.Results), percent(right, len(g.Results))))
	}
	fmt.Fprintln(w, strings.TrimRight(line, " "))
}

// WritePageNotes says what the table hides: the languages, the pages
// cleaning left nothing of, the pages whose og:title and <h1> disagree
// or that have neither, and with verbose every wrong title.
func WritePageNotes(w io.Writer, results []PageResult, verbose bool) {
	langs := map[string]int{}
	var failed, disagree, noRefs, wrong []string
	for _, r := range results {
		langs[cmp.Or(r.Lang, "?")]++
		if r.Err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", short(r.ID), r.Err))
		}
		if r.Titles.Disagree() {
			disagree = append(disagree, fmt.Sprintf("%s: og:title %q, h1 %q", short(r.ID), r.Titles.OG, strings.Join(r.Titles.h1s(), " / ")))
		}
		if r.Titles.OG == "" && len(r.Titles.H1) == 0 {
			noRefs = append(noRefs, short(r.ID))
		}
		if !r.TitleRight {
			wrong = append(wrong, fmt.Sprintf("%s: got %q, want %q", short(r.ID), r.Title, strings.Join(r.Titles.References(), " / ")))
		}
	}
	codes := make([]string, 0, len(langs))
	for l := range langs {
		codes = append(codes, l)
	}
	slices.SortFunc(codes, func(a, b string) int { return cmp.Or(cmp.Compare(langs[b], langs[a]), cmp.Compare(a, b)) })
	parts := make([]string, len(codes))
	for i, l := range codes {
		parts[i] = fmt.Sprintf("%s %d", l, langs[l])
	}
	fmt.Fprintf(w, "languages of the true texts: %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "published F1 on the HTML: %s\n", PublishedF1())
	list(w, "cleaning left nothing of", failed, true)
	list(w, "og:title and <h1> disagree on", disagree, true)
	list(w, "no og:title nor <h1> (judged by <title>) on", noRefs, true)
	list(w, "wrong titles on", wrong, verbose)
}

// list prints a count and, when show, the items.
func list(w io.Writer, what string, items []string, show bool) {
	fmt.Fprintf(w, "%s %d pages\n", what, len(items))
	if !show {
		return
	}
	for _, it := range items {
		fmt.Fprintf(w, "  %s\n", it)
	}
}

// WritePagesTSV writes one row per page: id, half, language, F1 of the
// cleaned and of the whole-page text, the title got, whether it is
// right, and the reference titles.
func WritePagesTSV(w io.Writer, results []PageResult) error {
	if _, err := fmt.Fprintln(w, "page\thalf\tlang\tf1_cleaned\tf1_whole_page\ttitle\ttitle_ok\treference_titles"); err != nil {
		return fmt.Errorf("write tsv: %w", err)
	}
	for _, r := range results {
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%.4f\t%.4f\t%s\t%v\t%s\n", r.ID, r.Half, r.Lang, F1(r.Cleaned), F1(r.Whole),
			tsvField(r.Title), r.TitleRight, tsvField(strings.Join(r.Titles.References(), " || ")))
		if err != nil {
			return fmt.Errorf("write tsv: %w", err)
		}
	}
	return nil
}

// tsvField keeps a value on one cell: tabs and newlines become spaces.
func tsvField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// short is a page id cut to a length people can read in a list.
func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
