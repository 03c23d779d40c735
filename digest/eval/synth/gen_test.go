package synth

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// tinyCorpus is a made-up corpus of two topics in the BBC layout.
func tinyCorpus(t *testing.T) *Corpus {
	t.Helper()
	c, err := LoadCorpus(filepath.Join("testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHeldOutFamiliesFixed pins the held-out families: they were fixed
// before the first tuning run, and figures reported since compare only
// while they stay the same.
func TestHeldOutFamiliesFixed(t *testing.T) {
	want := []string{"readtime", "bio", "note", "cookie", "credit", "related", "caps-repeat", "markdown"}
	if got := HeldOutFamilies(); !slices.Equal(got, want) {
		t.Fatalf("HeldOutFamilies() = %q, want %q: changing them voids every figure reported so far", got, want)
	}
	all := append(FurnitureFamilies(), LayoutFamilies()...)
	for _, f := range want {
		if !slices.Contains(all, f) {
			t.Errorf("held-out family %q is no family", f)
		}
	}
	if share := float64(len(want)) / float64(len(all)); share < 0.25 || share > 0.45 {
		t.Errorf("%d of %d families held out; want about a third", len(want), len(all))
	}
}

// TestFreshHeldOutFamiliesFixed pins the fresh held-out families: they
// were fixed on 2026-12-06, after "note" and "cookie" of the first group
// were inspected while designing a cleaning rule, and written without
// looking at what the cleaner makes of them. Figures reported for them
// compare only while they stay the same, and only while no one tunes on
// them.
func TestFreshHeldOutFamiliesFixed(t *testing.T) {
	want := []string{"disclosure", "poll", "event", "comments"}
	if got := FreshHeldOutFamilies(); !slices.Equal(got, want) {
		t.Fatalf("FreshHeldOutFamilies() = %q, want %q: changing them voids every figure reported for them", got, want)
	}
	for _, f := range want {
		if !slices.Contains(FurnitureFamilies(), f) {
			t.Errorf("fresh family %q is no furniture family", f)
		}
		if slices.Contains(HeldOutFamilies(), f) || FamilySplit(f) != SplitHeldOut || !IsFresh(f) {
			t.Errorf("fresh family %q: in the first group %v, split %q", f, slices.Contains(HeldOutFamilies(), f), FamilySplit(f))
		}
	}
	for _, f := range InspectedHeldOutFamilies() {
		if !slices.Contains(HeldOutFamilies(), f) {
			t.Errorf("inspected family %q is not of the first held-out group", f)
		}
	}
}

// TestFreshFamiliesHeldOut: each fresh family is only in held-out
// articles, and a set of the default size gives it enough labelled lines
// with words in them to measure.
func TestFreshFamiliesHeldOut(t *testing.T) {
	c := tinyCorpus(t)
	lines := map[string]int{}
	for _, a := range c.Generate(Options{N: 300, Seed: 1}) {
		for _, b := range a.Blocks {
			for _, s := range b.Segments {
				if !IsFresh(s.Kind) {
					continue
				}
				if a.Split != SplitHeldOut || !slices.Contains(a.Families, s.Kind) {
					t.Errorf("%s (%s, families %v) has a %s line", a.Name, a.Split, a.Families, s.Kind)
				}
				if strings.IndexFunc(s.Text, unicode.IsLetter) >= 0 {
					lines[s.Kind]++
				}
			}
		}
	}
	for _, f := range FreshHeldOutFamilies() {
		if lines[f] < 60 {
			t.Errorf("family %s: %d lines in 300 articles, want at least 60", f, lines[f])
		}
	}
}

// TestGenerateDeterministic: a seed makes the same set, a larger N
// extends it without changing what is there, another seed differs.
func TestGenerateDeterministic(t *testing.T) {
	c := tinyCorpus(t)
	a := c.Generate(Options{N: 6, Seed: 7})
	b := c.Generate(Options{N: 12, Seed: 7})
	if !reflect.DeepEqual(a, b[:6]) {
		t.Error("the first 6 of 12 articles differ from 6 made alone")
	}
	other := c.Generate(Options{N: 6, Seed: 8})
	if reflect.DeepEqual(a, other) {
		t.Error("seeds 7 and 8 made the same set")
	}
}

// TestLabelsDescribeTheFile: every article's labelled lines, in order,
// are what its file says; its families are all of its split; it has a
// body and, unless it has no headline, the headline.
func TestLabelsDescribeTheFile(t *testing.T) {
	c := tinyCorpus(t)
	for _, a := range c.Generate(Options{N: 90, Seed: 3}) {
		rest := a.Text
		kinds := map[string]bool{}
		for _, b := range a.Blocks {
			for _, s := range b.Segments {
				kinds[s.Kind] = true
				i := strings.Index(rest, s.Text)
				if i < 0 {
					t.Fatalf("%s: segment %s %q not in the file after the one before:\n%s", a.Name, s.Kind, s.Text, a.Text)
				}
				rest = rest[i+len(s.Text):]
			}
		}
		if !kinds[KindBody] || kinds[KindTitle] != a.HasTitle {
			t.Errorf("%s: kinds %v, has title %v", a.Name, kinds, a.HasTitle)
		}
		for _, f := range a.Families {
			if FamilySplit(f) != a.Split {
				t.Errorf("%s (%s) uses family %s of the %s split", a.Name, a.Split, f, FamilySplit(f))
			}
		}
		for k := range kinds {
			if k != KindBody && k != KindTitle && FamilySplit(k) != a.Split {
				t.Errorf("%s (%s) has %s lines", a.Name, a.Split, k)
			}
		}
		if md := slices.Contains(a.Families, "markdown"); md != strings.HasSuffix(a.Name, ".md") {
			t.Errorf("%s: markdown layout %v", a.Name, md)
		}
		if single := slices.Contains(a.Families, "single-newline"); single == strings.Contains(a.Text, "\n\n") {
			t.Errorf("%s: single-newline layout %v, but blank lines %v", a.Name, single, !single)
		}
	}
}

// TestEveryFamilyAppears: a set of a few hundred articles holds every
// family, each in its own split's articles.
func TestEveryFamilyAppears(t *testing.T) {
	c := tinyCorpus(t)
	seen := map[string]int{}
	for _, a := range c.Generate(Options{N: 300, Seed: 1}) {
		for _, f := range a.Families {
			seen[f]++
		}
	}
	for _, f := range append(FurnitureFamilies(), LayoutFamilies()...) {
		if seen[f] < 10 {
			t.Errorf("family %s in %d of 300 articles", f, seen[f])
		}
	}
}

func TestWriteSet(t *testing.T) {
	c := tinyCorpus(t)
	arts := c.Generate(Options{N: 3, Seed: 1})
	dir := t.TempDir()
	if err := WriteSet(dir, arts); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		got, err := os.ReadFile(filepath.Join(dir, a.Name))
		if err != nil || string(got) != a.Text {
			t.Errorf("%s: %v, text written differs", a.Name, err)
		}
	}
	labels, err := os.ReadFile(filepath.Join(dir, "labels.tsv"))
	if err != nil || !strings.HasPrefix(string(labels), "file\tblock\tkind\ttext\n") || !strings.Contains(string(labels), "\tbody\t") {
		t.Errorf("labels.tsv: %v\n%.300s", err, labels)
	}
}

// TestRealCorpus generates from the BBC corpus, which lives beside the
// project and is never copied into it.
func TestRealCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", "bbc-news-summary")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("!!! BBC News Summary corpus not found at %s: the synthetic set NOT generated from it (%v)", dir, err)
	}
	c, err := LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.docs) < 2000 || len(c.byTopic) != 5 {
		t.Fatalf("%d articles in %d topics", len(c.docs), len(c.byTopic))
	}
	for _, a := range c.Generate(Options{N: 300, Seed: 1}) {
		if a.Theme.Name != a.Topic || len(a.Theme.Keywords) != themeTerms {
			t.Errorf("%s: theme %+v for topic %s", a.Name, a.Theme, a.Topic)
		}
	}
}
