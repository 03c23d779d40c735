package clean

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// TestRecordChangesNothing: cleaning every fixture and seed with a
// recorder gives the article (or error) it gives without one, and the
// recorder hears every entry of Article.Removed, in order.
func TestRecordChangesNothing(t *testing.T) {
	docs, errs := ingest.ReadFS(os.DirFS("../../seeds"), ".", digest.OriginSeed, ingest.DefaultMaxBytes)
	if len(errs) != 0 || len(docs) == 0 {
		t.Fatalf("reading seeds: %d documents, errors %v", len(docs), errs)
	}
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range fixtures {
		docs = append(docs, readFixture(t, filepath.Base(name)))
	}
	for _, doc := range docs {
		t.Run(doc.Name, func(t *testing.T) {
			want, wantErr := Article(doc, Options{})
			var heard []digest.Removal
			got, err := Article(doc, Options{Record: func(r digest.Removal) { heard = append(heard, r) }})
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
				t.Fatalf("with a recorder: %+v, %v\nwithout: %+v, %v", got, err, want, wantErr)
			}
			if want == nil {
				return
			}
			i := 0
			for _, r := range heard {
				if i < len(want.Removed) && r == want.Removed[i] {
					i++
				}
			}
			if i < len(want.Removed) {
				t.Errorf("removal %+v never recorded; heard %+v", want.Removed[i], heard)
			}
		})
	}
}

// TestRecordReasons: each kind of line that leaves the body is heard
// with what it was taken for.
func TestRecordReasons(t *testing.T) {
	const lead = "The museum reopened its east wing on Saturday after two years of repairs to the roof."
	tests := []struct {
		name string
		text string
		want []digest.Removal
	}{
		{
			name: "front matter and furniture",
			text: "---\ntitle: East Wing Reopens\nauthor: Ann Example\n---\n\nShare this\n\n" + lead + "\n\nLeave a comment\n",
			want: []digest.Removal{
				{Text: "title: East Wing Reopens", Reason: ReasonMetaFrontMatter},
				{Text: "author: Ann Example", Reason: ReasonMetaFrontMatter},
				{Text: "Share this", Reason: ReasonShare},
				{Text: "Leave a comment", Reason: ReasonComment},
			},
		},
		{
			name: "head lines and a dateline",
			text: "East Wing Reopens\n\nBy Ann Example\n\nMay 4, 2024\n\nLast updated: May 5, 2024\n\nSource: City Herald\n\nOSLO (AP) -- " + lead + "\n",
			want: []digest.Removal{
				{Text: "East Wing Reopens", Reason: ReasonMetaTitle},
				{Text: "By Ann Example", Reason: ReasonMetaByline},
				{Text: "May 4, 2024", Reason: ReasonMetaDate},
				{Text: "Last updated: May 5, 2024", Reason: reasonMetaLabel + "updated"},
				{Text: "Source: City Herald", Reason: reasonMetaLabel + "publication"},
				{Text: "OSLO (AP) --", Reason: ReasonDateline},
			},
		},
		{
			name: "derived title",
			text: "- East wing reopens after repairs\n\n" + lead + "\n",
			want: []digest.Removal{{Text: "East wing reopens after repairs", Reason: ReasonMetaDerivedTitle}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var heard []digest.Removal
			a, err := Article(digest.Document{Name: "t.txt", Text: tt.text}, Options{Record: func(r digest.Removal) { heard = append(heard, r) }})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(heard, tt.want) {
				t.Errorf("heard %q\nwant  %q", heard, tt.want)
			}
			if !slices.Equal(a.Paragraphs, []string{lead}) {
				t.Errorf("body %q, want only the lead", a.Paragraphs)
			}
		})
	}
}
