package summarize

import (
	"reflect"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

func TestArticleKeepsRules(t *testing.T) {
	arts := fixtures()
	e := New(arts, Options{})
	budgets := []struct{ sentences, words int }{{1, 200}, {2, 200}, {3, 200}, {3, 40}, {3, 25}, {5, 1000}}
	for _, a := range arts {
		all := e.Sentences(a.ID)
		for _, b := range budgets {
			got := e.Article(a.ID, b.sentences, b.words, nil)
			if len(got) == 0 {
				t.Errorf("%s %+v: no sentences", a.ID, b)
			}
			if len(got) > b.sentences {
				t.Errorf("%s %+v: %d sentences", a.ID, b, len(got))
			}
			if n := wordCount(got); n > b.words {
				t.Errorf("%s %+v: %d words", a.ID, b, n)
			}
			last := -1
			for _, s := range got {
				if !paragraphsContain(a, s) {
					t.Errorf("%s: %q is not in the article", a.ID, s)
				}
				i := indexOf(all, s)
				if i <= last {
					t.Errorf("%s %+v: %q out of source order in %q", a.ID, b, s, got)
				}
				last = i
				if text.IsFragment(s) || len(strings.Fields(s)) < minWords {
					t.Errorf("%s: picked fragment %q", a.ID, s)
				}
				if indexOf(bareListItems, s) >= 0 {
					t.Errorf("%s: picked list item %q", a.ID, s)
				}
				if s == a.Title || strings.HasPrefix(s, "By ") {
					t.Errorf("%s: picked title or byline %q", a.ID, s)
				}
				if leansOnPrevious(s) && (i == 0 || indexOf(got, all[i-1]) < 0) {
					t.Errorf("%s: %q picked without the sentence before it", a.ID, s)
				}
			}
		}
	}
}

func TestArticleBudgetSmallerThanBestSentence(t *testing.T) {
	long := "Japan and its European partners agreed on a wide plan to share radar data, train naval officers together and build ships in each other's yards over the coming decade."
	short := "The first ships will sail in April."
	a := &digest.Article{ID: "a", Paragraphs: []string{long + " " + short}}
	e := New([]*digest.Article{a}, Options{})
	tests := []struct {
		words int
		want  []string
	}{
		{100, []string{long, short}},
		{len(strings.Fields(long)) - 1, []string{short}},
		{len(strings.Fields(short)) - 1, nil},
	}
	for _, tt := range tests {
		got := e.Article("a", 2, tt.words, nil)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("budget %d words: got %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestArticleAnaphora(t *testing.T) {
	// The leaning sentence repeats the article's key terms and would be
	// the most central one on its own.
	intro := "Weather stations recorded heavy snow across the northern island on Sunday night."
	leaning := "It said Japan and NATO will expand cyber defense and space technology cooperation, Japan and NATO officials confirmed."
	paras := []string{
		intro + " " + leaning,
		"Japan and NATO will expand cyber defense cooperation, and Japan will share space technology with NATO partners.",
		"NATO members welcomed Japan's offer of space technology and cyber defense support at the summit.",
	}
	a := &digest.Article{ID: "a", Paragraphs: paras}
	e := New([]*digest.Article{a}, Options{})
	for _, max := range []int{1, 2, 3, 4} {
		got := e.Article("a", max, 500, nil)
		if i := indexOf(got, leaning); i >= 0 && (i == 0 || got[i-1] != intro) {
			t.Errorf("max %d: leaning sentence picked without its predecessor: %q", max, got)
		}
	}
	got := e.Multi([]string{"a"}, 500, nil)
	for i, s := range got {
		if s.Text == leaning && (i == 0 || got[i-1].Text != intro) {
			t.Errorf("Multi: leaning sentence picked without its predecessor: %v", got)
		}
	}
}

func TestSharedQuoteSaidOnce(t *testing.T) {
	// Small articles, so every sentence of each is a Multi candidate.
	arts := []*digest.Article{
		{ID: "oslo", Paragraphs: []string{
			"Ministers from Japan and Norway met in Oslo on Monday to discuss maritime security. " + quoteInShips,
			"Both governments plan a joint naval exercise in the Barents Sea next year.",
		}},
		{ID: "wire", Paragraphs: []string{
			"Japan will send a frigate to a Norwegian naval exercise, its defence minister said on Tuesday.",
			quoteInChips,
		}},
	}
	e := New(arts, Options{})
	fp := newFingerprint(quoteInShips)
	quoted := func(s string) bool {
		g := newFingerprint(s)
		return g.duplicates(&fp)
	}

	got := e.Multi([]string{"oslo", "wire"}, 1000, nil)
	n := 0
	for i, s := range got {
		if quoted(s.Text) {
			n++
		}
		for _, o := range got[:i] {
			a, b := newFingerprint(s.Text), newFingerprint(o.Text)
			if a.duplicates(&b) {
				t.Errorf("Multi repeats itself: %q and %q", o.Text, s.Text)
			}
		}
	}
	if n != 1 {
		t.Errorf("shared quote said %d times, want once, in %v", n, got)
	}

	seen := NewSeen()
	seen.Add(quoteInShips)
	for _, s := range e.Article("wire", 10, 1000, seen) {
		if quoted(s) {
			t.Errorf("Article repeats a quote Seen holds: %q", s)
		}
	}
	if got := e.Article("wire", 10, 1000, nil); indexOf(got, quoteInChips) < 0 {
		t.Errorf("without Seen the quote should be free to pick, got %q", got)
	}
}

func TestSeenBlocksRewording(t *testing.T) {
	e := New(fixtures(), Options{})
	original := "Japan and three European navies agreed on Monday to run joint patrols across the western Pacific from next spring."
	if got := e.Article("ships", 5, 1000, nil); indexOf(got, original) < 0 {
		t.Fatalf("fixture changed: %q not picked without Seen in %q", original, got)
	}
	seen := NewSeen()
	seen.Add("On Monday, three European navies and Japan agreed to run joint patrols from next spring across the western Pacific.")
	if got := e.Article("ships", 5, 1000, seen); indexOf(got, original) >= 0 {
		t.Errorf("Article repeats a reworded sentence Seen holds: %q", got)
	}
	seen = NewSeen()
	seen.Add("On Monday, three European navies and Japan agreed to run joint patrols from next spring across the western Pacific.")
	for _, s := range e.Multi([]string{"ships", "chips"}, 1000, seen) {
		if s.Text == original {
			t.Errorf("Multi repeats a reworded sentence Seen holds: %q", s.Text)
		}
	}
}

func TestSeenCarriesAcrossCalls(t *testing.T) {
	arts := fixtures()
	e := New(arts, Options{})
	seen := NewSeen()
	items := e.Article("ships", 3, 200, seen)
	section := e.Multi([]string{"ships", "chips"}, 300, seen)
	if len(items) == 0 || len(section) == 0 {
		t.Fatalf("empty summaries: %q %v", items, section)
	}
	for _, s := range section {
		if indexOf(items, s.Text) >= 0 {
			t.Errorf("Multi repeats item sentence %q", s.Text)
		}
		if !seen.Covers(s.Text) {
			t.Errorf("Multi did not record %q", s.Text)
		}
	}
	for _, s := range e.Multi([]string{"ships", "chips"}, 300, seen) {
		t.Errorf("second Multi repeats %q", s.Text)
	}
}

func TestMultiBudgetOrderAndAttribution(t *testing.T) {
	arts := fixtures()
	e := New(arts, Options{})
	ids := []string{"space", "unknown", "ships", "chips", "space"}
	for _, budget := range []int{25, 40, 80, 1000} {
		got := e.Multi(ids, budget, nil)
		if len(got) == 0 {
			t.Errorf("budget %d: nothing", budget)
		}
		words, lastDoc, lastIdx := 0, -1, -1
		for _, s := range got {
			words += len(strings.Fields(s.Text))
			a := byID(t, arts, s.ItemID)
			if !paragraphsContain(a, s.Text) {
				t.Errorf("%q attributed to %s, which does not contain it", s.Text, s.ItemID)
			}
			doc := indexOf(ids, s.ItemID)
			idx := indexOf(e.Sentences(s.ItemID), s.Text)
			if doc < lastDoc || doc == lastDoc && idx <= lastIdx {
				t.Errorf("budget %d: %v not in reading order", budget, got)
			}
			lastDoc, lastIdx = doc, idx
		}
		if words > budget {
			t.Errorf("budget %d: %d words", budget, words)
		}
	}
}

func TestQueryBiasesSelection(t *testing.T) {
	a := &digest.Article{ID: "a", Paragraphs: []string{
		"Japan and NATO agreed to expand cooperation on cyber defense networks and malware response teams.",
		"Japan and NATO agreed to expand cooperation on shipping lanes and port security for cargo vessels.",
		"Japan and NATO officials met in Brussels to review the cooperation plan and its budget.",
	}}
	tests := []struct{ query, want string }{
		{"cyber defense networks malware", "cyber"},
		{"shipping ports cargo vessels", "shipping"},
	}
	for _, tt := range tests {
		got := New([]*digest.Article{a}, Options{Query: tt.query}).Article("a", 1, 100, nil)
		if len(got) != 1 || !strings.Contains(got[0], tt.want) {
			t.Errorf("query %q: got %q, want the sentence about %s", tt.query, got, tt.want)
		}
	}
}

func TestEngineSentences(t *testing.T) {
	arts := fixtures()
	e := New(arts, Options{})
	for _, a := range arts {
		var want []string
		for _, p := range a.Paragraphs {
			want = append(want, text.Sentences(p)...)
		}
		if got := e.Sentences(a.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", a.ID, got, want)
		}
	}
	if got := e.Sentences("unknown"); got != nil {
		t.Errorf("unknown id: %q", got)
	}
}

func TestEmptyInputs(t *testing.T) {
	arts := []*digest.Article{
		nil,
		{ID: ""},
		{ID: "empty"},
		{ID: "blank", Paragraphs: []string{"", "  \n ", "…"}},
		{ID: "fragments", Title: "Only a Heading", Paragraphs: []string{"Only a Heading", "• a bullet", "Short one."}},
	}
	for _, e := range []*Engine{New(nil, Options{}), New(arts, Options{Query: "anything"})} {
		for _, id := range []string{"", "empty", "blank", "fragments", "unknown"} {
			if got := e.Article(id, 3, 100, NewSeen()); got != nil {
				t.Errorf("Article(%q) = %q", id, got)
			}
			if got := e.Multi([]string{id}, 100, nil); got != nil {
				t.Errorf("Multi(%q) = %v", id, got)
			}
		}
		if got := e.Multi(nil, 100, nil); got != nil {
			t.Errorf("Multi(nil) = %v", got)
		}
	}
	e := New(fixtures(), Options{})
	for _, b := range [][2]int{{0, 100}, {3, 0}, {-1, -1}} {
		if got := e.Article("ships", b[0], b[1], nil); got != nil {
			t.Errorf("Article with budget %v = %q", b, got)
		}
	}
	if got := e.Multi([]string{"ships"}, 0, nil); got != nil {
		t.Errorf("Multi with no words = %v", got)
	}
}
