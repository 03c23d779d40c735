package clean

import (
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Metadata a feed or a page states outright wins over what the text
// suggests; what it leaves empty is still inferred.
func TestStatedMetadataWins(t *testing.T) {
	text := "Harbour approves container terminal\n\nBy Maria Olsen\n\nThe harbour authority approved a new container terminal on Tuesday after two years of talks with residents and shipping lines.\n"
	published := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		doc  digest.Document
		want digest.Article
	}{
		{"stated", digest.Document{Name: "x", Text: text, Title: "Stated title", Authors: []string{"Feed Author"},
			Published: published, Publication: "Harbour News", GUID: "urn:1"},
			digest.Article{Title: "Stated title", Authors: []string{"Feed Author"}, Published: published, Publication: "Harbour News", GUID: "urn:1"}},
		{"inferred", digest.Document{Name: "x", Text: text},
			digest.Article{Title: "Harbour approves container terminal", Authors: []string{"Maria Olsen"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(tt.doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want.Title || a.Publication != tt.want.Publication || a.GUID != tt.want.GUID ||
				!a.Published.Equal(tt.want.Published) || len(a.Authors) != 1 || a.Authors[0] != tt.want.Authors[0] {
				t.Errorf("got title %q authors %v published %v publication %q guid %q", a.Title, a.Authors, a.Published, a.Publication, a.GUID)
			}
		})
	}
}
