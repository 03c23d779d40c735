package cleaning

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/eval/synth"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// furnitureTitleF1 is the token F1 with a furniture line at which a
// wrong title counts as that furniture.
const furnitureTitleF1 = 0.5

// minDerivedWords is the fewest words a title derived from the body
// needs to count as right for a file without a headline.
const minDerivedWords = 3

// SynthResult is what the drop-file path made of one synthetic article.
type SynthResult struct {
	Article *synth.Article
	Err     error // cleaning made no article: the article is dropped
	Title   string
	// TitleRight: the headline, or for a file without one a run of the
	// first paragraph's words. TitleFurniture: a wrong title that is
	// like a furniture line, holds one whole or is cut from one.
	TitleRight, TitleFurniture bool
	// HeadlineInBody: the headline stayed in the body, as it does when
	// another line is taken for the title.
	HeadlineInBody bool
	// Furniture counts, per family, the furniture lines (segments) and
	// those that reached the cleaned body, whole or in part.
	Furniture map[string]*Tally
	// Body counts the body paragraphs, and lost those not in the cleaned
	// body whole.
	Body      Tally
	Unaligned int
}

// Tally is a count of lines and of those that did something.
type Tally struct{ Lines, Hit int }

func (t *Tally) add(hit bool) {
	t.Lines++
	if hit {
		t.Hit++
	}
}

// ScoreSynthetic cleans every article as a dropped file, with its
// topic's theme, and scores it against its labels.
func ScoreSynthetic(ctx context.Context, articles []synth.Article) ([]SynthResult, error) {
	out := make([]SynthResult, len(articles))
	if err := onEveryCore(ctx, len(articles), func(i int) { out[i] = scoreSynthetic(&articles[i]) }); err != nil {
		return nil, fmt.Errorf("score synthetic set: %w", err)
	}
	return out, nil
}

func scoreSynthetic(a *synth.Article) SynthResult {
	e, err := pipeline.ExplainBytes(a.Name, []byte(a.Text), clean.Options{Theme: a.Theme})
	return judgeSynthetic(a, e.Article, err)
}

// judgeSynthetic scores what cleaning made of a (art, or err when it
// made nothing) against a's labels.
func judgeSynthetic(a *synth.Article, art *digest.Article, err error) SynthResult {
	r := SynthResult{Article: a, Furniture: map[string]*Tally{}}
	var body []string
	if err != nil {
		r.Err = err
	} else {
		body = tokens(art.Body())
		r.Title = art.Title
	}
	status, unaligned := align(a.Blocks, body)
	r.Unaligned = unaligned
	var lead []string
	for i, b := range a.Blocks {
		for j, s := range b.Segments {
			switch s.Kind {
			case synth.KindTitle:
				r.HeadlineInBody = r.HeadlineInBody || status[i][j] != segmentDropped
			case synth.KindBody:
				if lead == nil {
					lead = tokens(s.Text)
				}
				r.Body.add(status[i][j] != segmentKept)
			default:
				if len(tokens(s.Text)) == 0 {
					continue
				}
				if r.Furniture[s.Kind] == nil {
					r.Furniture[s.Kind] = &Tally{}
				}
				r.Furniture[s.Kind].add(status[i][j] != segmentDropped)
			}
		}
	}
	if r.Err == nil {
		r.TitleRight, r.TitleFurniture = judgeTitle(r.Title, a, lead)
	}
	return r
}

// judgeTitle says whether a synthetic article's title is right, and if
// not, whether it is furniture.
func judgeTitle(title string, a *synth.Article, lead []string) (right, furniture bool) {
	got := tokens(title)
	if a.HasTitle {
		right = tokenF1(got, tokens(a.Headline)) >= titleMatch
	} else {
		right = len(got) >= minDerivedWords && containsRun(lead, got)
	}
	if right {
		return true, false
	}
	for _, b := range a.Blocks {
		for _, s := range b.Segments {
			if s.Kind == synth.KindTitle || s.Kind == synth.KindBody {
				continue
			}
			t := tokens(s.Text)
			if tokenF1(got, t) >= furnitureTitleF1 || len(t) >= 2 && containsRun(got, t) || len(got) >= 2 && containsRun(t, got) {
				return false, true
			}
		}
	}
	return false, false
}
