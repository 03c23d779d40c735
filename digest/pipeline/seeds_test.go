package pipeline

import (
	"context"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/seeds"
)

// The seeds on the default config: general properties only, no expected
// strings from the seed files.
func TestSeedEdition(t *testing.T) {
	cfg, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, st := testBuilder(t, FSSource{Label: "seeds", FS: seeds.FS(), Origin: digest.OriginSeed, MaxBytes: 1 << 20})
	b.Theme, b.Sections, b.Limits = cfg.DigestTheme(), cfg.SectionSpecs(), cfg.DigestLimits()
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ed := res.Edition
	if ed.ItemCount() != 5 || len(ed.Sections) < 2 {
		t.Fatalf("%d items in %d sections; left out %+v", ed.ItemCount(), len(ed.Sections), ed.LeftOut)
	}
	arts, err := st.UnsentArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, a := range arts {
		bodies[a.ID] = a.Body()
	}
	checkFaithful(t, ed, bodies)

	seen := map[string]string{}
	each := func(where, s string) {
		if prev, dup := seen[s]; dup {
			t.Errorf("%q said twice (%s and %s)", s, prev, where)
		}
		seen[s] = where
		if len(strings.Fields(s)) < 5 || strings.HasSuffix(s, ":") {
			t.Errorf("%s: fragment %q", where, s)
		}
	}
	for _, s := range ed.Lead {
		each("lead", s.Text)
	}
	for _, sec := range ed.Sections {
		// A summary across a section needs three items to speak for
		// (issue 22); with fewer, their blurbs say it all.
		if len(sec.Summary) > 0 && len(sec.Items) < 3 {
			t.Errorf("section %q has a summary over %d items", sec.Title, len(sec.Items))
		}
		if len(sec.Items) >= 3 && len(sec.Summary) == 0 {
			t.Errorf("section %q of %d items has no summary", sec.Title, len(sec.Items))
		}
		checkShare(t, sec)
		for _, s := range sec.Summary {
			each(sec.Title, s.Text)
		}
		for _, it := range sec.Items {
			// One or two sentences that say what happened (issue 22), and
			// enough of them to: a blurb of one short line says too little.
			if n, w := len(it.Summary), words(it.Summary); n < 1 || n > 2 || w < minBlurbWords {
				t.Errorf("item %q has %d summary sentences of %d words, want 1–2 of %d or more", it.Title, n, w, minBlurbWords)
			}
			if it.Title == "" || len([]rune(it.Title)) > 110 {
				t.Errorf("item title %q", it.Title)
			}
			for _, s := range it.Summary {
				each(it.ID, s)
			}
		}
	}
}

// minBlurbWords is the fewest words a seed item's blurb may have.
const minBlurbWords = 25

func words(sentences []string) int {
	n := 0
	for _, s := range sentences {
		n += len(strings.Fields(s))
	}
	return n
}
