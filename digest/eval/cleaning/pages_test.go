package cleaning

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/extract"
)

// tinyBenchmark is a made-up three-page benchmark in the public one's
// layout (cafe is in French).
func tinyBenchmark(t *testing.T) map[string]extract.BenchmarkPage {
	t.Helper()
	pages, err := extract.LoadBenchmark(filepath.Join("..", "..", "extract", "testdata", "benchmark"))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]extract.BenchmarkPage{}
	for _, p := range pages {
		byID[p.ID] = p
	}
	return byID
}

func TestJudgePage(t *testing.T) {
	pages := tinyBenchmark(t)
	trains := pages["trains"]
	inner := "Home Lines About\nNight Trains Return to the Northern Line\nBy Ines Halloran\n" + trains.Truth
	tests := []struct {
		name, id, title, body, lang string
		err                         error
		right                       bool
	}{
		{name: "the headline with its site name", id: "trains", title: "Night Trains Return to the Northern Line - Rail Weekly", body: trains.Truth, lang: "en", right: true},
		{name: "a menu for a title", id: "trains", title: "Home Lines About", body: trains.Truth, lang: "en"},
		{name: "nothing left", id: "trains", err: errors.New("no text"), lang: "en"},
		{name: "french", id: "cafe", title: "Le café du port rouvre ses portes", body: pages["cafe"].Truth, lang: "fr", right: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{BenchmarkPage: pages[tt.id], Half: HalfB, InnerText: inner}
			var art *digest.Article
			if tt.err == nil {
				art = &digest.Article{Title: tt.title, Paragraphs: strings.Split(tt.body, "\n\n")}
			}
			r := judgePage(p, art, tt.err)
			if r.TitleRight != tt.right || r.Lang != tt.lang || r.Half != HalfB || r.ID != tt.id {
				t.Errorf("title right %v, lang %q, half %q, id %q; want %v, %q", r.TitleRight, r.Lang, r.Half, r.ID, tt.right, tt.lang)
			}
			if want := extract.Compare(p.Truth, tt.body); r.Cleaned != want || (r.Err != nil) != (tt.err != nil) {
				t.Errorf("cleaned %+v, err %v; want %+v", r.Cleaned, r.Err, want)
			}
			if want := extract.Compare(p.Truth, inner); r.Whole != want {
				t.Errorf("whole page %+v, want %+v", r.Whole, want)
			}
		})
	}
}

func TestPageGroups(t *testing.T) {
	results := []PageResult{{ID: "1", Half: HalfA, Lang: "en"}, {ID: "2", Half: HalfA, Lang: "fr"}, {ID: "3", Half: HalfB, Lang: "en"}}
	var got []string
	for _, g := range PageGroups(results) {
		got = append(got, g.Name+":"+strings.Repeat("x", len(g.Results)))
	}
	if want := "all:xxx half A:xx half B:x not English:x"; strings.Join(got, " ") != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	if len(PageGroups(results[:2])) != 2 {
		t.Error("one half alone: want only that half and the non-English pages")
	}
}
