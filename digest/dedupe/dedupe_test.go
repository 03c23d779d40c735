package dedupe

import (
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

const story = "The harbour authority approved a new container terminal on Tuesday after two years of talks. " +
	"The terminal will add capacity for four large ships and create about three hundred jobs. " +
	"Construction starts in spring and should finish within three years, officials said. " +
	"Residents raised concerns about traffic and noise during the consultation. " +
	"The authority promised a new access road and limits on night work."

const other = "A heatwave pushed temperatures past forty degrees across the south of the country. " +
	"Hospitals reported more admissions and the government urged people to stay indoors. " +
	"\"The harbour authority approved a new container terminal on Tuesday,\" the minister noted in passing."

func a(id string, body ...string) *digest.Article {
	return &digest.Article{ID: id, Title: id, Paragraphs: body}
}

func TestArticles(t *testing.T) {
	sentences := strings.SplitAfter(story, ". ")
	tests := []struct {
		name     string
		arts     []*digest.Article
		wantKept []string
	}{
		{"exact copy", []*digest.Article{a("x", story), a("y", story)}, []string{"x"}},
		{"copy with boilerplate", []*digest.Article{a("x", story), a("y", story, "Share this article. Leave a comment.")}, []string{"y"}},
		{"shortened copy keeps the fuller", []*digest.Article{a("short", strings.Join(sentences[:4], "")), a("full", story)}, []string{"full"}},
		{"shared quote is not the same article", []*digest.Article{a("x", story), a("y", other)}, []string{"x", "y"}},
		{"distinct", []*digest.Article{a("x", story), a("y", other), a("z", "Tiny.")}, []string{"x", "y", "z"}},
		{"three copies", []*digest.Article{a("x", story), a("y", story), a("z", story)}, []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, dups := Articles(tt.arts)
			var ids []string
			for _, k := range kept {
				ids = append(ids, k.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantKept, ",") {
				t.Fatalf("kept %v, want %v", ids, tt.wantKept)
			}
			if len(kept)+len(dups) != len(tt.arts) {
				t.Errorf("%d kept + %d dropped != %d articles", len(kept), len(dups), len(tt.arts))
			}
		})
	}
}

func TestMergeFillsUnknownFields(t *testing.T) {
	bare := a("bare", story, "One more paragraph makes this copy the longer one.")
	rich := a("rich", story)
	rich.URL = "https://example.com/terminal"
	rich.Authors = []string{"Ann Lee"}
	rich.Published = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	kept, _ := Articles([]*digest.Article{rich, bare})
	if len(kept) != 1 || kept[0].ID != "bare" {
		t.Fatalf("kept %v", kept)
	}
	k := kept[0]
	if k.URL != rich.URL || len(k.Authors) != 1 || k.Date() != "2024-03-01" {
		t.Errorf("metadata not merged: %+v", k)
	}
}
