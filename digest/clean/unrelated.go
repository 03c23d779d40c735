package clean

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// The rule for a paragraph pasted in from another story. All thresholds
// are relative to the article's own paragraphs, so long and short,
// on-theme and off-theme articles are judged alike.
const (
	// minParagraphs is the fewest prose paragraphs an article needs
	// before any is judged against the others. With fewer, there is no
	// reliable "usual" similarity to compare with: in a four-paragraph
	// story a paragraph of its own (the cabins of a cable car, in the
	// tests) can share no term with the other three.
	minParagraphs = 6
	// minWords keeps short paragraphs (quotes, transitions, the line that
	// introduces a list) out of the judgement: a sentence or two gives
	// similarities too noisy to act on.
	minWords = 20
	// A paragraph's similarities, to the rest of its article and to the
	// theme, are taken relative to the median paragraph's. It is unrelated
	// when neither is above maxRatio and their mean is below maxMeanRatio.
	maxRatio     = 0.4
	maxMeanRatio = 0.2
	// minThemeTerms is the fewest distinct terms a theme needs to judge a
	// paragraph by. A theme of a name and two keywords only tells whether
	// a paragraph names them, which on-topic paragraphs often do not.
	minThemeTerms = 10
	// maxShare caps the share of paragraphs the rule may remove, and
	// maxWordShare the share of words (higher, as a pasted paragraph may
	// be longer than the article's own), so an article is never gutted.
	maxShare     = 0.2
	maxWordShare = 0.3
)

// dropUnrelated removes paragraphs that score far below their siblings
// both against the rest of the article and against the theme, worst
// first. It rescores after each round of removals, so two pasted
// paragraphs from the same other story do not vouch for each other for
// long. Without a theme rich enough to judge by, or for an
// article that shares nothing with it, nothing is removed: similarity to
// the siblings alone is too weak a signal (in tests it picked out list
// items of on-topic stories).
func dropUnrelated(units []unit, title string, theme digest.Theme) {
	var candidates []int
	totalWords := 0
	for i := range units {
		if units[i].kept() {
			totalWords += text.WordCount(units[i].text)
			if isJudged(&units[i]) {
				candidates = append(candidates, i)
			}
		}
	}
	themeVec := text.Counts(text.Terms(theme.Query()))
	if len(candidates) < minParagraphs || len(themeVec) < minThemeTerms {
		return
	}
	// terms of every paragraph still in the article, by unit; nil for
	// units taken out. A slice keeps the sums below in a fixed order.
	terms := make([][]string, len(units))
	for i := range units {
		if units[i].kept() {
			terms[i] = text.Terms(units[i].text)
		}
	}
	titleTerms := text.Terms(title)
	maxDrops := max(1, int(maxShare*float64(len(candidates))))
	wordBudget := int(maxWordShare * float64(totalWords))
	for maxDrops > 0 {
		low := lowParagraphs(terms, candidates, titleTerms, themeVec)
		if len(low) == 0 {
			return
		}
		for _, i := range low[:min(len(low), maxDrops)] {
			if text.WordCount(units[i].text) > wordBudget {
				return
			}
			units[i].drop = ReasonUnrelated
			terms[i] = nil
			wordBudget -= text.WordCount(units[i].text)
			maxDrops--
			candidates = slices.DeleteFunc(candidates, func(c int) bool { return c == i })
		}
	}
}

// isJudged reports whether u is prose long enough to be judged. A
// paragraph ending in a colon introduces what follows and belongs with it.
func isJudged(u *unit) bool {
	return !u.bullet && !u.headingLike() && !strings.HasSuffix(u.text, ":") && text.WordCount(u.text) >= minWords
}

// lowParagraphs scores every candidate and returns those low enough on
// both counts to be unrelated, worst first. The rest of the article is
// the sum of all paragraph vectors less the candidate's own, which keeps
// the work linear in the article's length.
func lowParagraphs(terms [][]string, candidates []int, titleTerms []string, themeVec text.Vector) []int {
	idf := text.NewIDF()
	for _, t := range terms {
		if t != nil {
			idf.AddDoc(t)
		}
	}
	total := idf.TFIDF(titleTerms)
	for _, t := range terms {
		total.Add(idf.TFIDF(t), 1)
	}
	totalNorm2 := text.Dot(total, total)
	scores := make([]paragraphScore, 0, len(candidates))
	for _, c := range candidates {
		scores = append(scores, paragraphScore{
			unit:    c,
			sibling: cosineWithRest(idf.TFIDF(terms[c]), total, totalNorm2),
			theme:   text.Cosine(text.Counts(terms[c]), themeVec),
		})
	}
	medSibling := median(scores, func(s paragraphScore) float64 { return s.sibling })
	medTheme := median(scores, func(s paragraphScore) float64 { return s.theme })
	if medSibling == 0 || medTheme == 0 {
		return nil
	}
	var low []paragraphScore
	for _, s := range scores {
		sibling, theme := s.sibling/medSibling, s.theme/medTheme
		if sibling >= maxRatio || theme >= maxRatio {
			continue
		}
		if s.mean = (sibling + theme) / 2; s.mean < maxMeanRatio {
			low = append(low, s)
		}
	}
	slices.SortStableFunc(low, func(a, b paragraphScore) int { return cmp.Compare(a.mean, b.mean) })
	units := make([]int, len(low))
	for i, s := range low {
		units[i] = s.unit
	}
	return units
}

// cosineWithRest is the cosine of v and total−v without building total−v.
func cosineWithRest(v, total text.Vector, totalNorm2 float64) float64 {
	vt, vv := text.Dot(v, total), text.Dot(v, v)
	restDot := vt - vv
	restNorm2 := totalNorm2 - 2*vt + vv
	if restDot <= 0 || restNorm2 <= 0 || vv == 0 {
		return 0
	}
	return restDot / math.Sqrt(vv*restNorm2)
}

type paragraphScore struct {
	unit                 int
	sibling, theme, mean float64
}

func median(scores []paragraphScore, value func(paragraphScore) float64) float64 {
	vals := make([]float64, len(scores))
	for i, s := range scores {
		vals[i] = value(s)
	}
	slices.Sort(vals)
	n := len(vals)
	if n%2 == 1 {
		return vals[n/2]
	}
	return (vals[n/2-1] + vals[n/2]) / 2
}
