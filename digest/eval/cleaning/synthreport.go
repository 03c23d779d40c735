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

// WriteSynthFurniture prints, per kind of furniture and per split, the
// lines generated and those that reached the cleaned body.
func WriteSynthFurniture(w io.Writer, results []SynthResult) {
	fmt.Fprintln(w, "furniture lines reaching the cleaned body, by kind")
	fmt.Fprintf(w, "  %-16s %-9s %6s %8s %7s\n", "kind", "split", "lines", "reached", "%")
	split := map[string]*Tally{}
	var all Tally
	for _, kind := range SynthKinds() {
		var t Tally
		for _, r := range results {
			if f := r.Furniture[kind]; f != nil {
				t.Lines += f.Lines
				t.Hit += f.Hit
			}
		}
		if t.Lines == 0 {
			continue
		}
		s := synth.FamilySplit(kind)
		if split[s] == nil {
			split[s] = &Tally{}
		}
		split[s].Lines += t.Lines
		split[s].Hit += t.Hit
		all.Lines += t.Lines
		all.Hit += t.Hit
		fmt.Fprintf(w, "  %-16s %-9s %6d %8d %6.1f%%\n", kind, s, t.Lines, t.Hit, percent(t.Hit, t.Lines))
	}
	for _, s := range []string{synth.SplitTuned, synth.SplitHeldOut} {
		if t := split[s]; t != nil {
			fmt.Fprintf(w, "  %-16s %-9s %6d %8d %6.1f%%\n", "all "+s, s, t.Lines, t.Hit, percent(t.Hit, t.Lines))
		}
	}
	fmt.Fprintf(w, "  %-16s %-9s %6d %8d %6.1f%%\n", "all", "", all.Lines, all.Hit, percent(all.Hit, all.Lines))
}

// WriteSynthArticles prints, for the articles of each family and of each
// split, how many were dropped, how their titles fared, how much body
// was lost and how much furniture reached readers.
func WriteSynthArticles(w io.Writer, results []SynthResult) {
	fmt.Fprintln(w, "articles, by family they hold and by split")
	fmt.Fprintf(w, "  %-16s %-9s %5s %7s %13s %11s %10s %10s %10s\n",
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
			for _, f := range r.Furniture {
				furniture.Lines += f.Lines
				furniture.Hit += f.Hit
			}
		}
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "  %-16s %-9s %5d %7d %6d %5.1f%% %11d %10d %9.1f%% %9.1f%%\n", name, split, n, dropped,
			right, percent(right, n), furn, head, percent(body.Hit, body.Lines), percent(furniture.Hit, furniture.Lines))
	}
	for _, f := range append(synth.FurnitureFamilies(), synth.LayoutFamilies()...) {
		row(f, synth.FamilySplit(f), func(r SynthResult) bool { return slices.Contains(r.Article.Families, f) })
	}
	row("plain layout", "both", func(r SynthResult) bool {
		return !slices.ContainsFunc(r.Article.Families, func(f string) bool { return slices.Contains(synth.LayoutFamilies(), f) })
	})
	for _, s := range []string{synth.SplitTuned, synth.SplitHeldOut} {
		row("all "+s, s, func(r SynthResult) bool { return r.Article.Split == s })
	}
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
// the title got and how it was judged, and its line counts.
func WriteSynthTSV(w io.Writer, results []SynthResult) error {
	if _, err := fmt.Fprintln(w, "file\tsplit\tfamilies\ttitle\ttitle_ok\ttitle_furniture\tfurniture_lines\tfurniture_reached\tbody_lines\tbody_lost\terror"); err != nil {
		return fmt.Errorf("write tsv: %w", err)
	}
	for _, r := range results {
		var f Tally
		for _, t := range r.Furniture {
			f.Lines += t.Lines
			f.Hit += t.Hit
		}
		errText := ""
		if r.Err != nil {
			errText = r.Err.Error()
		}
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%v\t%v\t%d\t%d\t%d\t%d\t%s\n", r.Article.Name, r.Article.Split,
			strings.Join(r.Article.Families, ","), tsvField(r.Title), r.TitleRight, r.TitleFurniture,
			f.Lines, f.Hit, r.Body.Lines, r.Body.Hit, tsvField(errText))
		if err != nil {
			return fmt.Errorf("write tsv: %w", err)
		}
	}
	return nil
}
