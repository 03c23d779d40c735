package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// editorial is what an editor wrote into an edition: their note and their
// sentence edits, applied on every rebuild.
type editorial struct {
	note  digest.EditorNote
	edits []digest.SentenceEdit
}

// loadEditorial reads an edition's note and sentence edits.
func (b *Builder) loadEditorial(ctx context.Context, id string) (editorial, error) {
	note, err := b.Store.Note(ctx, id)
	if err != nil {
		return editorial{}, err
	}
	edits, err := b.Store.SentenceEdits(ctx, id)
	if err != nil {
		return editorial{}, err
	}
	return editorial{note: note, edits: edits}, nil
}

// editList is an editor's sentence edits, by article and original text.
type editList map[editKey]digest.SentenceEdit

type editKey struct{ article, text string }

func newEditList(edits []digest.SentenceEdit) editList {
	byKey := make(editList, len(edits))
	for _, e := range edits {
		byKey[editKey{e.ArticleID, e.Original}] = e
	}
	return byKey
}

// apply removes or swaps the summary sentences an editor edited. A
// replacement is used only while it is still a sentence of its article
// (the engine's split of the stored text), so no edit, however old, puts
// into a summary words its source does not say. Edits are keyed by
// text, so one meant for the lead can meet its sentence again in a
// section summary: a replacement that said (which may be nil) holds
// already is left out there, and one used is added to it.
func (l editList) apply(ss []digest.Sentence, engine *summarize.Engine, said *summarize.Seen) []digest.Sentence {
	if len(l) == 0 {
		return ss
	}
	out := ss[:0]
	for _, s := range ss {
		e, ok := l[editKey{s.ItemID, s.Text}]
		switch {
		case !ok:
		case e.Removed():
			continue
		case slices.Contains(engine.Sentences(s.ItemID), e.Replacement):
			if said.Covers(e.Replacement) {
				continue
			}
			s.Text = e.Replacement
			said.Add(s.Text)
		}
		out = append(out, s)
	}
	return out
}

// struck is every sentence an editor took out, by removing it or
// swapping it for another: out of the edition, not only out of the
// summary it was in, so a blurb never brings one back.
func (l editList) struck() []string {
	out := make([]string, 0, len(l))
	for k := range l {
		out = append(out, k.text)
	}
	slices.Sort(out) // a map's order is not the same twice
	return out
}

// applyNote puts the editor's words in: the intro as theirs, and a
// subject and preheader in place of the generated ones.
func applyNote(ed *digest.Edition, n digest.EditorNote) {
	ed.Intro = n.Intro
	if n.Subject != "" {
		ed.Subject = n.Subject
	}
	if n.Preheader != "" {
		ed.Preheader = n.Preheader
	}
}

// orderByEditor puts the items an editor ordered in their places, ahead
// of the others, which keep their order of importance. It runs after
// the section limit, so moving an article down never drops it.
func orderByEditor(items []chosenItem, positions map[string]int) {
	if len(positions) == 0 {
		return
	}
	slices.SortStableFunc(items, func(x, y chosenItem) int {
		px, py := positions[x.art.ID], positions[y.art.ID]
		switch {
		case px > 0 && py > 0:
			return cmp.Compare(px, py)
		case px > 0:
			return -1
		case py > 0:
			return 1
		}
		return 0
	})
}

// SwapRefusal says why sentence may not be swapped into an edition of
// date at from its article (see summarize.Engine.Refusal), "" when it may.
func (b *Builder) SwapRefusal(ctx context.Context, articleID string, at time.Time, sentence string) (string, error) {
	arts, err := b.Store.Articles(ctx, []string{articleID})
	if err != nil {
		return "", fmt.Errorf("swap refusal: %w", err)
	}
	if len(arts) == 0 {
		return "", fmt.Errorf("swap refusal: article %s is not stored", articleID)
	}
	engine := summarize.New(arts, summarize.Options{Query: b.Theme.Query(), Now: at})
	return engine.Refusal(articleID, sentence), nil
}

// Alternatives lists the sentences an editor may swap a summary sentence
// of an edition for: the other sentences of its article, best first by
// the engine's ranking against the theme as of the edition's date (at),
// leaving out those the edition shows already.
func (b *Builder) Alternatives(ctx context.Context, articleID string, at time.Time, shown []string) ([]string, error) {
	arts, err := b.Store.Articles(ctx, []string{articleID})
	if err != nil {
		return nil, fmt.Errorf("alternatives: %w", err)
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("alternatives: article %s is not stored", articleID)
	}
	engine := summarize.New(arts, summarize.Options{Query: b.Theme.Query(), Now: at})
	return slices.DeleteFunc(engine.Ranked(articleID), func(s string) bool { return slices.Contains(shown, s) }), nil
}
