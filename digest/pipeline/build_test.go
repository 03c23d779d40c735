package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/templates"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var arcticTheme = digest.Theme{
	Name:         "Arctic shipping and climate",
	Description:  "Sea ice, polar shipping routes, icebreakers and the climate of the Arctic.",
	Keywords:     []string{"Arctic", "sea ice", "icebreaker", "shipping", "polar", "climate"},
	MinRelevance: 0.08,
}

func testBuilder(t *testing.T, sources ...Source) (*Builder, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tfs, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(tfs)
	if err != nil {
		t.Fatal(err)
	}
	return &Builder{
		Title: "Polar Brief", Language: "en", Theme: arcticTheme,
		Sections: []digest.SectionSpec{
			{Title: "Shipping", Keywords: []string{"shipping", "route", "cargo", "convoy", "port"}},
			{Title: "Climate", Keywords: []string{"climate", "warming", "scientists", "ice"}},
		},
		Limits: digest.Limits{ItemsPerSection: 5, SentencesPerItem: 3, WordsPerItemSummary: 90,
			WordsPerSectionSummary: 110, WordsPerLead: 70, MaxEmailBytes: 100_000},
		Sources: sources, Store: st, Renderer: r,
		Mail: digest.MailHeader{From: "Polar Brief <brief@example.org>", ListID: "polar.example.org"}, LinkLen: 140,
		Clock: fixedClock{time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)},
		Log:   slog.New(slog.NewTextHandler(io.Discard, nil)), EditionsDir: filepath.Join(dir, "editions"),
	}, st
}

func dropSource(t *testing.T, dir string) Source {
	t.Helper()
	src, err := DropFolder(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestBuildFromDropFolder(t *testing.T) {
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ed := res.Edition
	titles := map[string]digest.Item{}
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			titles[it.Title] = it
		}
	}
	if ed.ItemCount() != 2 {
		t.Fatalf("items: %+v", ed.Sections)
	}
	// The HTML file is extracted like a web page: its main text, its
	// stated author, none of its navigation or footer.
	page, ok := titles["Polar researchers map thinning sea ice"]
	if !ok || len(page.Authors) != 1 || page.Authors[0] != "Ingrid Berg" {
		t.Errorf("HTML item: %+v", page)
	}
	for _, s := range page.Summary {
		if strings.Contains(s, "Follow us") || strings.Contains(s, "Home") {
			t.Errorf("boilerplate in the HTML item's summary: %q", s)
		}
	}
	if len(ed.LeftOut) != 1 || !strings.HasPrefix(ed.LeftOut[0].Reason, "off theme") ||
		!strings.Contains(ed.LeftOut[0].Title, "bakery") {
		t.Errorf("left out: %+v", ed.LeftOut)
	}
	it := titles["Icebreakers Open a Polar Shipping Lane"]
	if it.Origin != digest.OriginFile || len(it.Authors) != 1 || it.Authors[0] != "Maria Olsen" {
		t.Errorf("item metadata: %+v", it)
	}
	for _, f := range []string{"digest.html", "digest.txt", "digest.json"} {
		if _, err := os.Stat(filepath.Join(res.Dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	stored, err := st.Edition(context.Background(), ed.ID)
	if err != nil || stored.Status != "draft" || len(stored.Items) != 2 {
		t.Fatalf("stored edition: %+v, %v", stored, err)
	}
	var fromJSON digest.Edition
	data, _ := os.ReadFile(filepath.Join(res.Dir, "digest.json"))
	if err := json.Unmarshal(data, &fromJSON); err != nil || fromJSON.ID != ed.ID {
		t.Fatalf("digest.json: %v (id %q)", err, fromJSON.ID)
	}
}

// Every summary sentence must be a sentence of its own cleaned article.
func TestSummariesAreFaithful(t *testing.T) {
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	b.Theme.MinRelevance = 0 // keep everything, to check more sentences
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	arts, err := st.UnsentArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, a := range arts {
		bodies[a.ID] = a.Body()
	}
	checkFaithful(t, res.Edition, bodies)
}

func checkFaithful(t *testing.T, ed *digest.Edition, bodies map[string]string) {
	t.Helper()
	check := func(where, id, s string) {
		body, ok := bodies[id]
		if !ok {
			t.Errorf("%s: sentence attributed to unknown article %q", where, id)
		} else if !strings.Contains(body, s) {
			t.Errorf("%s: %q is not in article %s", where, s, id)
		}
	}
	for _, s := range ed.Lead {
		check("lead", s.ItemID, s.Text)
	}
	for _, sec := range ed.Sections {
		for _, s := range sec.Summary {
			check("section "+sec.Title, s.ItemID, s.Text)
		}
		for _, it := range sec.Items {
			if len(it.Summary) == 0 {
				t.Errorf("item %s has no summary", it.ID)
			}
			for _, s := range it.Summary {
				check("item "+it.ID, it.ID, s)
			}
		}
	}
}

func TestBadFilesDoNotStopTheBuild(t *testing.T) {
	good, _ := os.ReadFile("testdata/drop/arctic.txt")
	src := FSSource{Label: "test", Origin: digest.OriginFile, MaxBytes: 1 << 20, FS: fstest.MapFS{
		"good.txt":   {Data: good},
		"empty.txt":  {Data: []byte("  \n")},
		"binary.txt": {Data: []byte("\x00\x01\x02PNG\x00\x00")},
		"latin1.txt": {Data: []byte("Arctic caf\xe9 owners welcome icebreaker crews\n\nThe caf\xe9 near the polar port serves crews of icebreakers and cargo ships on the Arctic shipping route.")},
	}}
	b, _ := testBuilder(t, src)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 2 {
		t.Errorf("problems = %v, want empty.txt and binary.txt", res.Problems)
	}
	for _, p := range res.Problems {
		if !strings.Contains(p.Error(), "empty.txt") && !strings.Contains(p.Error(), "binary.txt") {
			t.Errorf("problem does not name its file: %v", p)
		}
	}
	if res.Articles != 2 {
		t.Errorf("%d articles read, want 2 (good and latin1)", res.Articles)
	}
}

func TestNothingToBuild(t *testing.T) {
	src := FSSource{Label: "test", Origin: digest.OriginFile, MaxBytes: 1 << 20,
		FS: fstest.MapFS{"empty.txt": {Data: []byte("")}}}
	b, _ := testBuilder(t, src)
	_, err := b.Build(context.Background())
	if !errors.Is(err, ErrNothingToBuild) {
		t.Fatalf("err = %v, want ErrNothingToBuild", err)
	}
}

func TestManualBuildsAreSeparateEditions(t *testing.T) {
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	first, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Build(context.Background()) // same clock second
	if err != nil {
		t.Fatal(err)
	}
	if first.Edition.ID == second.Edition.ID || first.Dir == second.Dir {
		t.Fatalf("second build reused %s", first.Edition.ID)
	}
	eds, err := st.Editions(context.Background(), 10)
	if err != nil || len(eds) != 2 {
		t.Fatalf("editions = %d, %v", len(eds), err)
	}
	if second.NewArticles != 0 {
		t.Errorf("re-reading the same files stored %d new articles", second.NewArticles)
	}
	// Each edition has its own number, in its title, so no two share a
	// subject; a rebuild keeps it.
	if first.Edition.Issue != 1 || second.Edition.Issue != 2 || first.Edition.Title == second.Edition.Title ||
		!strings.Contains(second.Edition.Title, "No. 2") {
		t.Errorf("issues %d %q and %d %q", first.Edition.Issue, first.Edition.Title, second.Edition.Issue, second.Edition.Title)
	}
	again, err := b.Rebuild(context.Background(), first.Edition.ID)
	if err != nil || again.Edition.Issue != 1 || again.Edition.Title != first.Edition.Title {
		t.Errorf("rebuilt: issue %d %q, %v", again.Edition.Issue, again.Edition.Title, err)
	}
	// A file's name is never shown as its publication.
	for _, s := range first.Edition.Sections {
		for _, it := range s.Items {
			if strings.HasSuffix(it.Source, ".txt") || strings.HasSuffix(it.Source, ".md") {
				t.Errorf("item %q shows the file name %q as its source", it.Title, it.Source)
			}
		}
	}
}

// A source's section hint beats placement by content.
func TestSectionHint(t *testing.T) {
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	hinted := &digest.Article{ID: "hinted", ContentHash: "hinted-hash", Origin: digest.OriginFeed, Source: "https://x.org/feed",
		Title: "Cargo convoy crosses the Arctic shipping route", SectionHint: "climate",
		Paragraphs: []string{"A cargo convoy escorted by icebreakers crossed the Arctic shipping route to the port of Murmansk, " +
			"the shipping company said, after a summer of thin sea ice on the polar route."}}
	if _, err := st.SaveArticles(context.Background(), []*digest.Article{hinted}, time.Now()); err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Edition.Sections {
		for _, it := range s.Items {
			if it.ID == "hinted" && s.Title != "Climate" {
				t.Errorf("hinted article placed in %q, want Climate", s.Title)
			}
			if it.ID == "hinted" {
				return
			}
		}
	}
	t.Errorf("hinted article missing: %+v", res.Edition.Sections)
}
