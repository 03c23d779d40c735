package cleaning

import "github.com/RadhiFadlillah/whatlanggo"

// language is the ISO 639-1 code of the language text is written in, by
// whatlanggo's trigram profiles (the benchmark does not say), or "" when
// there is no text to tell by.
func language(text string) string {
	if len(text) == 0 {
		return ""
	}
	return whatlanggo.DetectLang(text).Iso6391()
}
