package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/digest-newsletter/digest/digest"
)

// manyArticles makes n distinct on-theme articles, long enough that an
// edition of all of them would not fit the email limit. Sentences draw
// words from pools with a fixed seed, so they differ from article to
// article (no two are near-duplicates) yet every run is the same.
func manyArticles(n int) fstest.MapFS {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(pool []string) string { return pool[rng.IntN(len(pool))] }
	places := []string{"Svalbard", "Murmansk", "Nuuk", "Tromsø", "Barrow", "Tiksi", "Dikson", "Kirkenes", "Longyearbyen", "Iqaluit"}
	subjects := []string{"icebreaker crews", "cargo shippers", "polar researchers", "harbour pilots", "climate scientists", "insurers", "coast guards", "tanker owners"}
	verbs := []string{"reported", "measured", "recorded", "charted", "observed", "logged", "estimated", "mapped"}
	objects := []string{"thinning sea ice", "open water", "drifting floes", "ice ridges", "meltwater pools", "fog banks", "pressure ice", "shipping lanes"}
	fsys := fstest.MapFS{}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Convoy %d reaches %s on the Arctic shipping route\n\n", i, pick(places))
		for j := 0; j < 6; j++ {
			fmt.Fprintf(&b, "Near %s, %s %s %s over %d kilometres while %s %s %s on the polar route. ",
				pick(places), pick(subjects), pick(verbs), pick(objects), 10+rng.IntN(900),
				pick(subjects), pick(verbs), pick(objects))
		}
		fsys[fmt.Sprintf("a%03d.txt", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

func TestEmailStaysUnderTheSizeLimit(t *testing.T) {
	src := FSSource{Label: "many", FS: manyArticles(120), Origin: digest.OriginFile, MaxBytes: 1 << 20}
	b, st := testBuilder(t, src)
	b.Limits.ItemsPerSection = 500
	b.Limits.MaxEmailBytes = 40_000
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(res.Dir, "digest.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(html) > b.Limits.MaxEmailBytes {
		t.Errorf("HTML is %d bytes, over the %d limit", len(html), b.Limits.MaxEmailBytes)
	}
	// The limit holds for what is sent: the mail part with a
	// subscriber's link of the longest length in place of the placeholder.
	rec, err := st.Edition(context.Background(), res.Edition.ID)
	if err != nil {
		t.Fatal(err)
	}
	sent := bytes.ReplaceAll(rec.MailHTML, []byte(digest.UnsubscribePlaceholder), bytes.Repeat([]byte("x"), b.LinkLen))
	if !bytes.Contains(rec.MailHTML, []byte(digest.UnsubscribePlaceholder)) || len(sent) > b.Limits.MaxEmailBytes {
		t.Errorf("mail HTML as sent is %d bytes (limit %d), placeholder present: %v", len(sent), b.Limits.MaxEmailBytes,
			bytes.Contains(rec.MailHTML, []byte(digest.UnsubscribePlaceholder)))
	}
	trimmed := 0
	for _, l := range res.Edition.LeftOut {
		if strings.HasPrefix(l.Reason, "email size limit") {
			trimmed++
		}
	}
	if trimmed == 0 || res.Edition.ItemCount()+trimmed != 120 {
		t.Errorf("%d items kept, %d trimmed for size; want all 120 accounted for", res.Edition.ItemCount(), trimmed)
	}
}

func TestItemsPerSectionLimit(t *testing.T) {
	src := FSSource{Label: "many", FS: manyArticles(12), Origin: digest.OriginFile, MaxBytes: 1 << 20}
	b, _ := testBuilder(t, src)
	b.Limits.ItemsPerSection = 2
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Edition.Sections {
		if len(s.Items) > 2 {
			t.Errorf("section %q has %d items, limit 2", s.Title, len(s.Items))
		}
	}
	full := 0
	for _, l := range res.Edition.LeftOut {
		if strings.Contains(l.Reason, "full (limit 2") {
			full++
		}
	}
	if res.Edition.ItemCount()+full != 12 {
		t.Errorf("%d items + %d left out for the limit != 12", res.Edition.ItemCount(), full)
	}
}
