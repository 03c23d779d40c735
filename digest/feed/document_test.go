package feed

import (
	"slices"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestEntryDocument(t *testing.T) {
	published := time.Date(2024, 5, 14, 9, 30, 0, 0, time.FixedZone("", 9*3600))
	tests := []struct {
		name      string
		entry     Entry
		feedTitle string
		want      digest.Document
	}{
		{
			name: "full entry",
			entry: Entry{
				GUID: "tag:x,2024:1", URL: "https://x.example/a", Title: "Pact signed",
				Authors: []string{"A. Writer"}, Published: published,
				Text: "First paragraph.\n\nSecond paragraph.",
			},
			feedTitle: " The Review ",
			want: digest.Document{
				Name: "https://x.example/a", Origin: digest.OriginFeed, URL: "https://x.example/a",
				Text:  "Pact signed\n\nFirst paragraph.\n\nSecond paragraph.",
				Title: "Pact signed", Authors: []string{"A. Writer"}, Published: published,
				Publication: "The Review", GUID: "tag:x,2024:1",
			},
		},
		{
			name:      "no URL: named by GUID",
			entry:     Entry{GUID: "note-7", Title: "Note", Text: "Body."},
			feedTitle: "Notes",
			want: digest.Document{
				Name: "note-7", Origin: digest.OriginFeed, Text: "Note\n\nBody.",
				Title: "Note", Publication: "Notes", GUID: "note-7",
			},
		},
		{
			name:  "no title: text alone",
			entry: Entry{URL: "https://x.example/b", Text: "Only body."},
			want: digest.Document{
				Name: "https://x.example/b", Origin: digest.OriginFeed, URL: "https://x.example/b",
				Text: "Only body.",
			},
		},
		{
			name:  "title without text",
			entry: Entry{URL: "https://x.example/c", Title: "Headline only"},
			want: digest.Document{
				Name: "https://x.example/c", Origin: digest.OriginFeed, URL: "https://x.example/c",
				Text: "Headline only", Title: "Headline only",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.entry.Document(tt.feedTitle)
			if got.Name != tt.want.Name || got.Origin != tt.want.Origin || got.URL != tt.want.URL ||
				got.Text != tt.want.Text || got.Format != tt.want.Format || got.Title != tt.want.Title ||
				got.Publication != tt.want.Publication || got.GUID != tt.want.GUID ||
				!got.Published.Equal(tt.want.Published) || !slices.Equal(got.Authors, tt.want.Authors) ||
				len(got.Warnings) != 0 {
				t.Errorf("Document =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestEntryDocumentCopiesAuthors(t *testing.T) {
	entry := Entry{URL: "https://x.example/a", Authors: []string{"A. Writer"}}
	doc := entry.Document("")
	doc.Authors[0] = "changed"
	if entry.Authors[0] != "A. Writer" {
		t.Errorf("changing the document's authors changed the entry's: %q", entry.Authors)
	}
}
