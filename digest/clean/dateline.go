package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// ReasonDateline marks the wire-service dateline cut from the front of
// an article's first paragraph.
const ReasonDateline = "dateline"

// wireDateline is the place (and perhaps state, country or date) in
// capitals with an optional agency in brackets and a dash, that wire
// copy opens with: "PINE RIDGE, S.D. (AP) -- ", "BEIJING (AP) _ ",
// "WASHINGTON, Jan. 5 (Xinhua) -- ". It belongs to the wire, not to the
// first sentence, and a summary quoting that sentence should not start
// with it. The place must be at least two capitals, so an ordinary
// sentence opening "A -- " is left alone.
var wireDateline = lazyre.New(`^[A-Z][A-Z.'’ -]*[A-Z.]` + // the place, in capitals
	`(?:, [A-Z][A-Za-z.'’ ]{0,30}?(?: [0-9]{1,2})?)?` + // ", S.D." or ", Jan. 5"
	`(?: \([A-Za-z-]{2,20}\)?)?` + // " (AP)" (and the odd "(AP")
	` (?:--|—|–|_|-) +`)

// cutDateline removes a wire dateline from the first kept paragraph and
// records it. Only a paragraph that goes on for a sentence afterwards is
// cut, so a heading such as "NATO -- the next decade" stays.
func cutDateline(kept []unit, art *digest.Article) {
	if len(kept) == 0 || kept[0].heading || kept[0].bullet {
		return
	}
	u := &kept[0]
	loc := wireDateline.FindStringIndex(u.text)
	if loc == nil {
		return
	}
	rest := u.text[loc[1]:]
	if len(strings.Fields(rest)) < minUsableWords {
		return
	}
	art.Removed = append(art.Removed, digest.Removal{Text: strings.TrimSpace(u.text[:loc[1]]), Reason: ReasonDateline})
	u.text = rest
}
