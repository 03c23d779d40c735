package text

import "testing"

// Chinese and Japanese text has no spaces between words: a paragraph of
// it is many words, not one.
func TestWordCount(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"three plain words", 3},
		{"  spaced\tout\n words ", 3},
		{"灯台の修復が四年ぶりに終わりました。", 8},
		{"Tokyo 東京", 2},
		{"", 0},
	}
	for _, tt := range tests {
		if got := WordCount(tt.s); got != tt.want {
			t.Errorf("WordCount(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
