package clean

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// An extracted page in Japanese is not "empty": its paragraphs count as
// many words (see text.WordCount), not one each.
func TestJapaneseArticleIsNotEmpty(t *testing.T) {
	doc := digest.Document{Name: "ja.txt", Extracted: true, Title: "灯台", Text: "島の古い灯台の修復が、四年の工事を経てついに終わりました。\n\n毎晩また灯りがともり、六月から見学もできるようになります。"}
	if _, err := Article(doc, Options{}); err != nil {
		t.Errorf("a Japanese article is not empty: %v", err)
	}
}
