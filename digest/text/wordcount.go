package text

import "unicode"

// WordCount counts the words of s: runs between spaces, and in Chinese
// and Japanese, which put no spaces between words, a word for about
// every runesPerUnspacedWord characters. Every count of words an
// edition shows or a rule measures is this one.
func WordCount(s string) int {
	n, unspaced, in := 0, 0, false
	end := func() {
		if in {
			n += max(1, unspaced/runesPerUnspacedWord)
		}
		in, unspaced = false, 0
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			end()
			continue
		}
		in = true
		if r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			unspaced++
		}
	}
	end()
	return n
}

// runesPerUnspacedWord: Chinese and Japanese write no spaces between
// words, whose average length there is about two characters, so a run
// of their script counts as that many words rather than one.
const runesPerUnspacedWord = 2
