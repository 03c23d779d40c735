package summarize

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// The sentence-quality filter: what a sentence must be to be quoted
// anywhere (blurb, lead, section summary, the desk's swap list), read
// alone under its item. Each flaw is decided from the sentence's shape,
// never from a list of phrases: an elided or broken sentence, furniture
// or promotion, a reference to something it does not carry, a person
// never named in full, or filler that shares nothing with its article.
// Every selector draws from an article's usable sentences, so usable is
// the filter's one home.

// Flaws a sentence can have. The names are what `digest eval quality`
// reports on.
const (
	FlawElided    = "elided"
	FlawFragment  = "fragment"
	FlawPromotion = "promotion"
	FlawReference = "reference"
	FlawUnnamed   = "unnamed"
	FlawFiller    = "filler"
)

// elided reports a sentence with an ellipsis anywhere (words left out
// inside a quote, a pull quote cut short, a lead that opens mid-thought)
// or with an editor's bracketed change of a letter or word ("[T]he
// plan", "[it] was"), the other mark of a quotation cut from a longer
// sentence. A reader cannot tell what was left out.
func elided(s string) bool {
	return strings.Contains(s, "…") || strings.Contains(s, "...") || strings.Contains(s, ". . .") || bracketEditRE.MatchString(s)
}

// bracketEditRE finds a bracketed letter or short word joined to a word
// or standing for one, as editors mark a changed quotation; a bracketed
// aside of several words ("[see below]") is not one.
var bracketEditRE = lazyre.New(`\[\p{L}{1,12}\]\p{L}|(?:^|\s)\[\p{L}{1,12}\](?:\s|$)`)

// brokenShape reports a unit that is not a whole sentence: it starts
// with a lower-case word (the end of a sentence cut from its start; a
// brand like "iPhone" aside) or does not end in terminal punctuation.
func brokenShape(s string) bool {
	t := strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	r, n := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) {
		next, _ := utf8.DecodeRuneInString(t[n:])
		if !unicode.IsUpper(next) {
			return true
		}
	}
	end := strings.TrimRight(strings.TrimSpace(s), `"'”’)]`)
	last, _ := utf8.DecodeLastRuneInString(end)
	return !strings.ContainsRune(".!?", last)
}

// readerWords are the words a text uses to address its reader or speak
// for its publisher; an imperative opening followed by one of them
// ("Join us", "Visit our …") is a prompt, not news.
var readerWords = wordSet(`you your yours yourself you're you’re our us`)

// linkRE finds what only promotion carries in prose: a web address, a
// domain or a social handle.
var linkRE = lazyre.New(`(?i)https?://|\bwww\.|\b[a-z0-9-]+\.(?:com|org|net|co|io|tv|news)\b|(?:^|\s)@[a-z0-9_]{2,}`)

// promotion reports a call to action, promotion or site furniture:
// whatever the cleaner's furniture model says of the line; an
// imperative opening addressed to the reader (a capitalised first word,
// then the reader or publisher as its object: "Join us", "Visit our
// site"), outside a quotation, where it is someone's words; or the reader addressed next to a link.
func promotion(s string) bool {
	if clean.Furniture(s) != "" {
		return true
	}
	words := text.Words(firstChars(s, 60))
	second := false
	for _, w := range text.Words(s) {
		if readerWords[w] {
			second = true
			break
		}
	}
	quoted := strings.ContainsRune("\"“‘'", []rune(strings.TrimSpace(s) + " ")[0])
	if !quoted && len(words) >= 2 && readerWords[words[1]] && words[1] != "you" && !leaningOpeners[words[0]] &&
		!notNameStart[words[0]] && !strings.HasSuffix(words[0], "s") && !strings.HasSuffix(words[0], "ed") {
		return true
	}
	return second && linkRE.MatchString(s)
}

// flawOf is the first flaw the filter finds in a sentence by itself, or
// "". people are the article's surnames given in full somewhere (see
// personNames). The reference and filler rules need the article around
// the sentence and run in split and markFiller.
func flawOf(s string, people map[string]string) string {
	switch {
	case elided(s):
		return FlawElided
	case brokenShape(s):
		return FlawFragment
	case promotion(s):
		return FlawPromotion
	case unnamedSpeaker(s, people) != "":
		return FlawUnnamed
	}
	return ""
}

// keyTerms is how many of an article's heaviest terms make its key
// terms, and fillerWords the length from which a sentence sharing none
// of them is filler: a shorter one may be a plain statement of fact.
const (
	keyTerms    = 20
	fillerWords = 15
)

// markFiller refuses generic sentences that could stand in any article
// ("As the environment continues to evolve, cooperation promises to play
// a role"): long, naming no one and nothing (no capitalised word after
// the first, no figure), and sharing no term with the article's key
// terms (its heaviest by summed weight of those in two sentences or more, the
// engine's own term statistics). News that merely turns to a side topic
// names or counts something. It needs the sentences' vectors.
func markFiller(d *document, dict *text.Dictionary) {
	sum := map[uint64]float64{}
	uses := map[uint64]int{}
	for _, s := range d.sentences {
		for _, x := range s.vec {
			sum[x.Key] += x.W * 1
			uses[x.Key]++
		}
	}
	type tw struct {
		id uint64
		t  string
		w  float64
	}
	var all []tw
	for id, w := range sum {
		if uses[id] >= 2 { // a key term recurs
			all = append(all, tw{id, dict.Term(uint32(id)), w})
		}
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].w > all[j].w || all[i].w == all[j].w && all[i].t < all[j].t })
	key := map[uint64]bool{}
	for _, x := range all[:min(keyTerms, len(all))] {
		key[x.id] = true
	}
	for i := range d.sentences {
		s := &d.sentences[i]
		if !s.usable || s.words < fillerWords || namesOrCounts(s.text) {
			continue
		}
		shared := 0
		for _, x := range s.vec {
			if key[x.Key] {
				shared++
			}
		}
		if shared == 0 {
			s.usable, s.flaw = false, FlawFiller
		}
	}
}

// namesOrCounts reports a capitalised word after the first, or a digit.
func namesOrCounts(s string) bool {
	for i, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"“‘'(")
		r, _ := utf8.DecodeRuneInString(w)
		if i > 0 && unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789") {
			return true
		}
	}
	return false
}
