package clean

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// TestSeeds runs cleaning over the real seeded articles and checks only
// general properties; what each seed yields is not written down here.
func TestSeeds(t *testing.T) {
	docs, errs := ingest.ReadFS(os.DirFS("../../seeds"), ".", digest.OriginSeed, ingest.DefaultMaxBytes)
	if len(errs) != 0 || len(docs) == 0 {
		t.Fatalf("reading seeds: %d documents, errors %v", len(docs), errs)
	}
	// The project's default theme, as config/digest.yaml has it.
	theme := digest.Theme{
		Name: "Japan–NATO security and technology cooperation",
		Description: "Security, defense and technology cooperation between Japan and NATO: partnership agreements, " +
			"summits and diplomacy, joint exercises, interoperability, defense industry and dual-use technology, " +
			"cyber and space, and the regional threats from China, Russia and North Korea that drive the alignment " +
			"of Europe and the Indo-Pacific.",
		Keywords: []string{"Japan", "NATO", "Tokyo", "alliance", "defense", "defence", "security", "military",
			"interoperability", "Indo-Pacific", "cooperation", "partnership", "deterrence"},
	}
	furniture := regexp.MustCompile(`(?i)leave a comment|join the conversation|you may also like|in the comments|subscribe to|frequently asked questions|^image:|^photo:|from instagram`)
	for _, doc := range docs {
		t.Run(doc.Name, func(t *testing.T) {
			a, err := Article(doc, Options{Theme: theme})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title == "" || len([]rune(a.Title)) > 160 {
				t.Errorf("title %q", a.Title)
			}
			if len(a.Paragraphs) < 3 {
				t.Errorf("only %d paragraphs left", len(a.Paragraphs))
			}
			for _, p := range a.Paragraphs {
				if strings.TrimSpace(p) == "" || p != strings.TrimSpace(p) {
					t.Errorf("empty or untrimmed paragraph %q", p)
				}
				if furniture.MatchString(p) {
					t.Errorf("boilerplate left: %q", p)
				}
				if strings.Contains(p, "***") || strings.Contains(p, ",,,") || strings.Contains(p, "….") {
					t.Errorf("separator debris left: %q", p)
				}
				if p == a.Title {
					t.Errorf("title repeated in the body: %q", p)
				}
			}
			if a.ID == "" || a.ID != a.ContentHash[:16] || a.Origin != digest.OriginSeed || a.Source != doc.Name {
				t.Errorf("id %q, hash %q, origin %q, source %q", a.ID, a.ContentHash, a.Origin, a.Source)
			}
			unrelated := 0
			for _, r := range a.Removed {
				if r.Reason == ReasonUnrelated {
					unrelated++
				}
			}
			if unrelated > len(a.Paragraphs)/4 {
				t.Errorf("%d paragraphs removed as unrelated, more than a small share", unrelated)
			}
			checkWordsKept(t, doc.Text, a)
		})
	}
}
