package clean

// Furniture says why one line or sentence, read alone, is site furniture
// rather than news: the reason of the cleaner's boilerplate rule it
// matches (a call to action, a share or related-links prompt, a comment
// prompt, a credit), or "" for none. The summarizer asks it of every
// sentence it may quote, so furniture has one model, the cleaner's. The
// paragraph classifier's density test is left out: a single sentence is
// too short for it to judge (jusText's own caveat for short blocks).
func Furniture(line string) string {
	return boilerplateReason(line)
}
