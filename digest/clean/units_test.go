package clean

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// Chinese and Japanese text has no spaces between words: a paragraph of
// it is many words, not one, so an article in them is not "empty".
func TestWordCountUnspacedScripts(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"three plain words", 3},
		{"灯台の修復が四年ぶりに終わりました。", 8},
		{"Tokyo 東京", 2},
	}
	for _, tt := range tests {
		if got := wordCount(tt.s); got != tt.want {
			t.Errorf("wordCount(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
	doc := digest.Document{Name: "ja.txt", Extracted: true, Title: "灯台", Text: "島の古い灯台の修復が、四年の工事を経てついに終わりました。\n\n毎晩また灯りがともり、六月から見学もできるようになります。"}
	if _, err := Article(doc, Options{}); err != nil {
		t.Errorf("a Japanese article is not empty: %v", err)
	}
}
