package desk

import (
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// The history's sentences: what a change did, in the words the edition
// page uses, after the editor's name ("Aiko removed the sentence “…”
// from item 2"). Titles and sentences are quoted as the reader sees
// them, so a change reads the same long after its ids are forgotten.

// maxQuoted is how many characters of a sentence or title a record
// quotes; the rest is cut at a word with an ellipsis.
const maxQuoted = 120

func articleWords(ch Change, items []Item) string {
	title := "an article"
	for _, it := range items {
		if it.ArticleID == ch.ArticleID && it.Title != "" {
			title = quote(it.Title)
		}
	}
	switch ch.Action {
	case Include:
		return "included " + title
	case Exclude:
		return "excluded " + title
	case Pin:
		return "pinned " + title + " to the top"
	case Unpin:
		return "unpinned " + title
	case Up:
		return "moved " + title + " up"
	case Down:
		return "moved " + title + " down"
	default:
		return "moved " + title + " to " + ch.Section
	}
}

// sentenceWords names the sentence and the item it came from, by the
// number the edition shows it under.
func sentenceWords(ed *digest.Edition, articleID string, e digest.SentenceEdit) string {
	where := ""
	if ref := itemRef(ed, articleID, e.Original); ref > 0 {
		where = fmt.Sprintf(" of item %d", ref)
	}
	if e.Removed() {
		return fmt.Sprintf("removed the sentence %s%s", quote(e.Original), where)
	}
	return fmt.Sprintf("swapped the sentence %s%s for %s", quote(e.Original), where, quote(e.Replacement))
}

// itemRef is the number of the item a summary sentence cites, 0 when
// the edition does not show it.
func itemRef(ed *digest.Edition, articleID, text string) int {
	if ed == nil {
		return 0
	}
	all := append([]digest.Sentence(nil), ed.Lead...)
	for _, s := range ed.Sections {
		all = append(all, s.Summary...)
	}
	for _, s := range all {
		if s.ItemID == articleID && s.Text == text {
			return s.Ref
		}
	}
	return 0
}

// noteWords names the fields of the editor's note that changed.
func noteWords(before *digest.EditorialState, n digest.EditorNote) string {
	var old digest.EditorNote
	if before != nil {
		old = before.Note
	}
	var fields []string
	for _, f := range []struct {
		name     string
		old, new string
	}{{"introduction", old.Intro, n.Intro}, {"subject", old.Subject, n.Subject}, {"preheader", old.Preheader, n.Preheader}} {
		if f.old != f.new {
			fields = append(fields, f.name)
		}
	}
	if len(fields) == 0 {
		return "saved the editor's note unchanged"
	}
	return "changed the editor's note: " + strings.Join(fields, ", ")
}

func quote(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		cut := string(r[:maxQuoted])
		if i := strings.LastIndex(cut, " "); i > maxQuoted/2 {
			cut = cut[:i]
		}
		s = cut + "…"
	}
	return "“" + s + "”"
}
