package cleaning

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest/eval/synth"
)

// SynthKinds are the kinds of labelled furniture lines, in report order:
// every furniture family and the repeated headline.
func SynthKinds() []string {
	return append(synth.FurnitureFamilies(), synth.KindCapsRepeat)
}

// Report groups beside the two splits: the fresh held-out families are
// held out, but shown apart (synth.FreshHeldOutFamilies).
const splitFresh = "fresh"

// kindSplit is the split column of a family's row: "fresh" for the fresh
// held-out group, else its split.
func kindSplit(kind string) string {
	if synth.IsFresh(kind) {
		return splitFresh
	}
	return synth.FamilySplit(kind)
}

// isFurniture reports whether kind counts as furniture in the totals and
// the furn.kept column. The off-topic paragraph does not: it is a real
// paragraph of another story, which a theme, not furniture cleaning,
// removes (the run gives each article its topic's theme), and the issue
// lists furniture kinds and off-topic paragraphs as separate checks. It
// is reported on its own line below the furniture totals.
func isFurniture(kind string) bool { return kind != synth.OffTopic }

// synthTotal is a total row of the furniture table: the kinds it sums.
type synthTotal struct {
	name, split string
	keep        func(kind string) bool
}

// synthTotals are the furniture table's totals, in order.
func synthTotals() []synthTotal {
	heldOut := func(k string) bool { return synth.IsHeldOut(k) }
	return []synthTotal{
		{"all " + synth.SplitTuned, synth.SplitTuned, func(k string) bool { return !heldOut(k) }},
		{"all " + synth.SplitHeldOut, synth.SplitHeldOut, heldOut},
		{"all held out, not inspected", synth.SplitHeldOut, func(k string) bool { return heldOut(k) && !synth.IsInspected(k) }},
		{"all fresh held out", splitFresh, synth.IsFresh},
		{"all", "", func(string) bool { return true }},
	}
}

// WriteSynthFurniture prints, per kind of furniture and per split, the
// lines generated and those that reached the cleaned body; then the
// off-topic paragraphs apart (isFurniture).
func WriteSynthFurniture(w io.Writer, results []SynthResult) {
	fmt.Fprintln(w, "furniture lines reaching the cleaned body, by kind")
	const format = "  %-28s %-9s %6d %8d %6.1f%%\n"
	fmt.Fprintf(w, "  %-28s %-9s %6s %8s %7s\n", "kind", "split", "lines", "reached", "%")
	sum := func(kind string) Tally {
		var t Tally
		for _, r := range results {
			if f := r.Furniture[kind]; f != nil {
				t.Lines += f.Lines
				t.Hit += f.Hit
			}
		}
		return t
	}
	totals := synthTotals()
	sums := make([]Tally, len(totals))
	for _, kind := range SynthKinds() {
		t := sum(kind)
		if t.Lines == 0 || !isFurniture(kind) {
			continue
		}
		for i, tot := range totals {
			if tot.keep(kind) {
				sums[i].Lines += t.Lines
				sums[i].Hit += t.Hit
			}
		}
		fmt.Fprintf(w, format, kind, kindSplit(kind), t.Lines, t.Hit, percent(t.Hit, t.Lines))
	}
	for i, tot := range totals {
		if t := sums[i]; t.Lines > 0 {
			fmt.Fprintf(w, format, tot.name, tot.split, t.Lines, t.Hit, percent(t.Hit, t.Lines))
		}
	}
	if t := sum(synth.OffTopic); t.Lines > 0 {
		fmt.Fprintf(w, "  off-topic paragraphs (removed with a theme, not by furniture cleaning): %d of %d in the cleaned body (%.1f%%)\n",
			t.Hit, t.Lines, percent(t.Hit, t.Lines))
	}
}

// furnitureOf sums a result's furniture lines, the off-topic paragraph
// not among them (isFurniture).
func furnitureOf(r SynthResult) Tally {
	var t Tally
	for kind, f := range r.Furniture {
		if isFurniture(kind) {
			t.Lines += f.Lines
			t.Hit += f.Hit
		}
	}
	return t
}

// WriteSynthArticles prints, for the articles of each family and of each
// split, how many were dropped, how their titles fared, how much body
// was lost and how much furniture reached readers (furn.kept: all the
// furniture of the row's articles, the off-topic paragraph not counted).
// The held-out articles hold families of both held-out groups, so the
// fresh group's total row is the held-out articles holding any fresh
// family, and the not-inspected row those holding no inspected one.
func WriteSynthArticles(w io.Writer, results []SynthResult) {
	fmt.Fprintln(w, "articles, by family they hold and by split")
	fmt.Fprintf(w, "  %-28s %-9s %5s %7s %13s %11s %10s %10s %10s\n",
		"family", "split", "arts", "dropped", "title right", "furn.title", "head.body", "body lost", "furn.kept")
	row := func(name, split string, keep func(SynthResult) bool) {
		var n, dropped, right, furn, head int
		var body, furniture Tally
		for _, r := range results {
			if !keep(r) {
				continue
			}
			n++
			if r.Err != nil {
				dropped++
			}
			if r.TitleRight {
				right++
			}
			if r.TitleFurniture {
				furn++
			}
			if r.HeadlineInBody {
				head++
			}
			body.Lines += r.Body.Lines
			body.Hit += r.Body.Hit
			f := furnitureOf(r)
			furniture.Lines += f.Lines
			furniture.Hit += f.Hit
		}
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "  %-28s %-9s %5d %7d %6d %5.1f%% %11d %10d %9.1f%% %9.1f%%\n", name, split, n, dropped,
			right, percent(right, n), furn, head, percent(body.Hit, body.Lines), percent(furniture.Hit, furniture.Lines))
	}
	for _, f := range append(synth.FurnitureFamilies(), synth.LayoutFamilies()...) {
		row(f, kindSplit(f), func(r SynthResult) bool { return slices.Contains(r.Article.Families, f) })
	}
	row("plain layout", "both", func(r SynthResult) bool {
		return !slices.ContainsFunc(r.Article.Families, func(f string) bool { return slices.Contains(synth.LayoutFamilies(), f) })
	})
	for _, s := range []string{synth.SplitTuned, synth.SplitHeldOut} {
		row("all "+s, s, func(r SynthResult) bool { return r.Article.Split == s })
	}
	row("all held out, not inspected", synth.SplitHeldOut, func(r SynthResult) bool {
		return r.Article.Split == synth.SplitHeldOut && !slices.ContainsFunc(r.Article.Families, synth.IsInspected)
	})
	row("all fresh held out", splitFresh, func(r SynthResult) bool {
		return r.Article.Split == synth.SplitHeldOut && slices.ContainsFunc(r.Article.Families, synth.IsFresh)
	})
	row("all", "", func(SynthResult) bool { return true })
	unaligned := 0
	for _, r := range results {
		unaligned += r.Unaligned
	}
	if unaligned > 0 {
		fmt.Fprintf(w, "  !!! %d cleaned words matched no labelled line: the counts above are unreliable\n", unaligned)
	}
}

// WriteSynthTSV writes one row per article: its name, split, families,
// the title got and how it was judged, and its line counts, the
// off-topic paragraph's apart from the furniture's (isFurniture).
func WriteSynthTSV(w io.Writer, results []SynthResult) error {
	if _, err := fmt.Fprintln(w, "file\tsplit\tfamilies\ttitle\ttitle_ok\ttitle_furniture\tfurniture_lines\tfurniture_reached\tbody_lines\tbody_lost\tofftopic_lines\tofftopic_reached\terror"); err != nil {
		return fmt.Errorf("write tsv: %w", err)
	}
	for _, r := range results {
		f := furnitureOf(r)
		var off Tally
		if t := r.Furniture[synth.OffTopic]; t != nil {
			off = *t
		}
		errText := ""
		if r.Err != nil {
			errText = r.Err.Error()
		}
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%v\t%v\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.Article.Name, r.Article.Split,
			strings.Join(r.Article.Families, ","), tsvField(r.Title), r.TitleRight, r.TitleFurniture,
			f.Lines, f.Hit, r.Body.Lines, r.Body.Hit, off.Lines, off.Hit, tsvField(errText))
		if err != nil {
			return fmt.Errorf("write tsv: %w", err)
		}
	}
	return nil
}
