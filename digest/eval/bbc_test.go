package eval

import (
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSplitReference(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Sales rose 2% to $11.1bn from $10.9bn.For the full year, profit was up.",
			[]string{"Sales rose 2% to $11.1bn from $10.9bn.", "For the full year, profit was up."}},
		// A quote that opens a word after the full stop starts a
		// sentence; one closed before a space does not.
		{`Profit was up."We are pleased," she said.Is it "over?" he asked.`,
			[]string{"Profit was up.", `"We are pleased," she said.`, `Is it "over?" he asked.`}},
		// Decimals and sentences joined the ordinary way.
		{"Shares rose 0.5%. Bonds fell.", []string{"Shares rose 0.5%.", "Bonds fell."}},
		{"Did it work?Nobody knows!Yes.", []string{"Did it work?", "Nobody knows!", "Yes."}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SplitReference(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitReference(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseArticle(t *testing.T) {
	a := ParseArticle("tech/007", "Robots on sale\n\nFirst paragraph. Second sentence.\n\n\n  Second paragraph.  \n")
	if a.ID != "tech/007" || a.Title != "Robots on sale" {
		t.Errorf("ID %q, Title %q", a.ID, a.Title)
	}
	want := []string{"First paragraph. Second sentence.", "Second paragraph."}
	if !reflect.DeepEqual(a.Paragraphs, want) {
		t.Errorf("Paragraphs = %q, want %q", a.Paragraphs, want)
	}
}

func TestLoadBBC(t *testing.T) {
	dir := filepath.Join("testdata", "bbc")
	docs, err := LoadBBC(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.Article.ID)
	}
	if want := []string{"business/001", "business/002", "tech/001"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids = %q, want %q", ids, want)
	}
	d := docs[0]
	if d.Topic != "business" || d.Article.Title != "Widget maker profits jump" {
		t.Errorf("topic %q, title %q", d.Topic, d.Article.Title)
	}
	if len(d.Body) != 6 || d.Body[0] != "Widget maker Acme said on Monday that profits rose 40% to $2.1bn in the last quarter." {
		t.Errorf("body = %q", d.Body)
	}
	if want := []string{
		"Widget maker Acme said on Monday that profits rose 40% to $2.1bn in the last quarter.",
		"Acme expects sales to keep growing next year.",
		`"This was a strong quarter," said chief executive Jane Roe.`,
	}; !reflect.DeepEqual(d.Reference, want) {
		t.Errorf("reference = %q, want %q", d.Reference, want)
	}
	// A Windows-1252 pound sign is read as one.
	if !strings.Contains(docs[1].Body[0], "£2m") || !strings.Contains(docs[1].Reference[0], "£2m") {
		t.Errorf("not decoded: %q / %q", docs[1].Body[0], docs[1].Reference[0])
	}

	only, err := LoadBBC(dir, []string{"tech"})
	if err != nil || len(only) != 1 || only[0].Topic != "tech" {
		t.Errorf("tech only: %d docs, %v", len(only), err)
	}
	if _, err := LoadBBC(dir, []string{"weather"}); err == nil || !strings.Contains(err.Error(), `"weather"`) {
		t.Errorf("unknown topic: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "nowhere")
	if _, err := LoadBBC(missing, nil); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing corpus: %v", err)
	}
}

func TestSummariesOnMadeUpCorpus(t *testing.T) {
	docs, err := LoadBBC(filepath.Join("testdata", "bbc"), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Summaries(context.Background(), docs, 3)
	if err != nil {
		t.Fatal(err)
	}
	// business/002's reference is its first three sentences.
	if lead := r.Mean(SystemLead, nil); lead.N() != 3 {
		t.Errorf("Lead over %d docs", lead.N())
	}
	for i, d := range docs {
		if d.Article.ID == "business/002" && r.scores[SystemLead][i].R1.F != 1 {
			t.Errorf("Lead-3 of %s: %+v", d.Article.ID, r.scores[SystemLead][i])
		}
	}
	if n := r.Mean(SystemDigest, HeldOutTopics()).N(); n != 1 {
		t.Errorf("held-out docs = %d, want 1 (tech)", n)
	}
	var out strings.Builder
	if err := r.WriteTable(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lead-3", "LexRank-3", "digest-3", "all (3)", "tuning (2)", "held-out (1)", "business (2)", "tech (1)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Summaries(ctx, docs, 3); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestBBCCorpus scores the real corpus, which lives beside the project
// in shared/eval and is never copied into it.
func TestBBCCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("BBC corpus evaluation skipped in -short mode")
	}
	dir := bbcDir(t)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("!!! BBC News Summary corpus not found at %s: summary quality NOT measured (%v)", dir, err)
	}
	docs, err := LoadBBC(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Summaries(context.Background(), docs, 3)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + table.String())

	// Lead-3 over all 2,225 articles must match the corpus README's
	// figures, or our ROUGE or splitting differ from the literature's.
	if n := r.Mean(SystemLead, nil).N(); n != 2225 {
		t.Errorf("%d articles, want 2225", n)
	}
	lead := r.Mean(SystemLead, nil).Scores()
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"R-1", lead.R1.F, 0.448}, {"R-2", lead.R2.F, 0.360}, {"R-L", lead.RL.F, 0.437}} {
		if math.Abs(c.got-c.want) > 0.005 {
			t.Errorf("Lead-3 %s = %.1f, want %.1f ± 0.5", c.name, 100*c.got, 100*c.want)
		}
	}
	for _, g := range []struct {
		name   string
		topics []string
	}{{"all topics", nil}, {"held-out topics", HeldOutTopics()}} {
		ours, lex := r.Mean(SystemDigest, g.topics).Scores(), r.Mean(SystemLexRank, g.topics).Scores()
		for _, c := range []struct {
			name      string
			ours, lex float64
		}{{"R-1", ours.R1.F, lex.R1.F}, {"R-2", ours.R2.F, lex.R2.F}, {"R-L", ours.RL.F, lex.RL.F}} {
			if c.ours <= c.lex {
				t.Errorf("%s %s: ours %.1f does not beat LexRank %.1f", g.name, c.name, 100*c.ours, 100*c.lex)
			}
		}
	}
}

// bbcDir is shared/eval/bbc-news-summary beside the module root, found
// by walking up to go.mod.
func bbcDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "eval", "bbc-news-summary")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
