package desk

import (
	"context"
	"fmt"
	"slices"

	"github.com/digest-newsletter/digest/digest"
)

// SentenceAction is what an editor does to one summary sentence.
type SentenceAction string

// The sentence actions the edition page offers.
const (
	RemoveSentence SentenceAction = "remove"
	SwapSentence   SentenceAction = "swap"
)

// SentenceChange is an editor's edit of one lead or section-summary
// sentence. Replacement (Swap only) is one of the sentence's
// alternatives; empty takes the best of them.
type SentenceChange struct {
	ArticleID, Text, Replacement string
	Action                       SentenceAction
}

// SummarySentence is a lead or section-summary sentence as the editor
// sees it: where it stands, the article it comes from, and what it may
// be swapped for.
type SummarySentence struct {
	// Place is "Lead" or the section's title.
	Place        string
	Text         string
	ArticleID    string
	Ref          int
	ArticleTitle string
	Alternatives []string
}

// maxAlternatives is how many sentences an editor is offered per swap.
const maxAlternatives = 5

// Sentences lists an edition's lead and section-summary sentences, each
// with the alternatives it may be swapped for.
func (d *Desk) Sentences(ctx context.Context, v *View) ([]SummarySentence, error) {
	if v.Edition == nil {
		return nil, nil
	}
	titles := map[string]string{}
	for _, s := range v.Edition.Sections {
		for _, it := range s.Items {
			titles[it.ID] = it.Title
		}
	}
	shown := v.Edition.Sentences()
	alternatives := map[string][]string{}
	var out []SummarySentence
	add := func(place string, ss []digest.Sentence) error {
		for _, s := range ss {
			alts, ok := alternatives[s.ItemID]
			if !ok {
				all, err := d.Builder.Alternatives(ctx, s.ItemID, v.CreatedAt, shown)
				if err != nil {
					return err
				}
				alts = all[:min(len(all), maxAlternatives)]
				alternatives[s.ItemID] = alts
			}
			out = append(out, SummarySentence{Place: place, Text: s.Text, ArticleID: s.ItemID, Ref: s.Ref,
				ArticleTitle: titles[s.ItemID], Alternatives: alts})
		}
		return nil
	}
	if err := add("Lead", v.Edition.Lead); err != nil {
		return nil, err
	}
	for _, s := range v.Edition.Sections {
		if err := add(s.Title, s.Summary); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EditSentence removes or swaps one summary sentence and rebuilds the
// edition, which returns it to draft. A swap takes only a sentence of the
// same article that the edition does not show yet.
func (d *Desk) EditSentence(ctx context.Context, id string, ch SentenceChange) error {
	view, err := d.changeable(ctx, id)
	if err != nil {
		return err
	}
	if !inSummaries(view.Edition, ch.ArticleID, ch.Text) {
		return fmt.Errorf("no summary sentence of article %q reads %q in edition %s: %w", ch.ArticleID, ch.Text, id, ErrNoSuchSentence)
	}
	edit := digest.SentenceEdit{ArticleID: ch.ArticleID, Original: ch.Text}
	switch ch.Action {
	case RemoveSentence:
	case SwapSentence:
		alts, err := d.Builder.Alternatives(ctx, ch.ArticleID, view.CreatedAt, view.Edition.Sentences())
		if err != nil {
			return err
		}
		switch {
		case len(alts) == 0:
			return fmt.Errorf("article %q has no other sentence to swap in: %w", ch.ArticleID, ErrNoAlternative)
		case ch.Replacement == "":
			edit.Replacement = alts[0]
		case slices.Contains(alts, ch.Replacement):
			edit.Replacement = ch.Replacement
		default:
			why, err := d.Builder.SwapRefusal(ctx, ch.ArticleID, view.CreatedAt, ch.Replacement)
			if err != nil {
				return err
			}
			if why == "" {
				why = "the edition shows it already"
			}
			return fmt.Errorf("%q is not a sentence of article %q the edition may take: %s: %w", ch.Replacement, ch.ArticleID, why, ErrSwapRefused)
		}
	default:
		return fmt.Errorf("unknown sentence action %q: %w", ch.Action, ErrBadInput)
	}
	before, err := d.before(ctx, id)
	if err != nil {
		return err
	}
	if err := d.Store.EditSentence(ctx, id, edit, d.Clock.Now()); err != nil {
		return err
	}
	if _, err := d.Builder.Rebuild(ctx, id); err != nil {
		return err
	}
	d.log().Info("summary sentence edited", "edition_id", id, "article_id", ch.ArticleID, "action", string(ch.Action))
	return d.record(ctx, id, who(ctx, ""), digest.ChangeSentence, sentenceWords(view.Edition, ch.ArticleID, edit), before)
}

// SetNote stores the editor's note of an edition and rebuilds it, which
// returns it to draft.
func (d *Desk) SetNote(ctx context.Context, id string, n digest.EditorNote) error {
	n, err := n.Normalize()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	if _, err := d.changeable(ctx, id); err != nil {
		return err
	}
	before, err := d.before(ctx, id)
	if err != nil {
		return err
	}
	if err := d.Store.SetNote(ctx, id, n, d.Clock.Now()); err != nil {
		return err
	}
	if _, err := d.Builder.Rebuild(ctx, id); err != nil {
		return err
	}
	d.log().Info("editor's note changed", "edition_id", id, "intro_chars", len(n.Intro),
		"subject_set", n.Subject != "", "preheader_set", n.Preheader != "")
	return d.record(ctx, id, who(ctx, ""), digest.ChangeNote, noteWords(before, n), before)
}

// Note returns an edition's editor's note.
func (d *Desk) Note(ctx context.Context, id string) (digest.EditorNote, error) {
	return d.Store.Note(ctx, id)
}

// reorder moves an article one place up or down within its section. The
// new order of the whole section is stored, so later rebuilds keep it.
func (d *Desk) reorder(ctx context.Context, id string, view *View, ov map[string]digest.Override, articleID string, by int) error {
	var section string
	for _, it := range view.Items {
		if it.ArticleID == articleID {
			section = it.Section
		}
	}
	if section == "" {
		return fmt.Errorf("article %q is in no section of edition %s: %w", articleID, id, ErrBadInput)
	}
	var order []string
	for _, it := range view.Items {
		if it.Section == section {
			order = append(order, it.ArticleID)
		}
	}
	i := slices.Index(order, articleID)
	j := i + by
	if j < 0 || j >= len(order) {
		return nil // already first or last
	}
	order[i], order[j] = order[j], order[i]
	changes := make([]digest.Override, len(order))
	for k, aid := range order {
		o := ov[aid]
		o.ArticleID, o.Position = aid, k+1
		changes[k] = o
	}
	return d.Store.SetOverrides(ctx, id, changes, d.Clock.Now())
}

func inSummaries(ed *digest.Edition, articleID, text string) bool {
	match := func(s digest.Sentence) bool { return s.ItemID == articleID && s.Text == text }
	if slices.ContainsFunc(ed.Lead, match) {
		return true
	}
	for _, sec := range ed.Sections {
		if slices.ContainsFunc(sec.Summary, match) {
			return true
		}
	}
	return false
}
