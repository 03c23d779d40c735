package summarize

// Refusal says why sentence s of article id may not stand in a summary,
// or "" when it may: an editor who forces a sentence the swap list did
// not offer is told which rule keeps it out, not only that it is out.
func (e *Engine) Refusal(id, s string) string {
	d := e.docs[id]
	if d == nil {
		return "the article is not known"
	}
	for _, x := range d.sentences {
		if x.text != s {
			continue
		}
		switch {
		case x.flaw == FlawStale:
			return "it is stale: it announces as still to come something dated before the edition"
		case x.flaw != "":
			return "it fails the quality filter (" + x.flaw + ")"
		case !x.usable:
			return "it does not read as a sentence on its own (too short, a heading, a byline, the title or a list item)"
		case x.titleCut:
			return "the item's title is cut from it, so it would be read twice"
		case x.leans:
			return "it leans on the sentence before it"
		}
		return ""
	}
	return "it is not a sentence of the article"
}
