package extract

import "strings"

// The selection rule below was chosen on half A of the article
// extraction benchmark only (see digest/cli/eval_extraction.go); half B
// is held out. On half A: plain go-trafilatura 0.965 F1, the medoid
// alone 0.970, the medoid with the paragraph vote 0.975. Variants tried
// and not kept, being no better or within noise: other subsets of six
// extractor configurations (trafilatura favouring recall, trafilatura
// without fallbacks), asymmetric similarities (precision, recall, F0.5,
// F2, Jaccard), and voting that needs every other extractor.

// choose keeps the candidate the other extractors agree with most: the
// one whose summed similarity to all the others is highest (the medoid).
// Extractors fail in different ways (one keeps a comment thread, another
// drops the first paragraphs, a third grabs a sidebar), so on a page
// where one goes wrong the others still agree with each other and
// outvote it, while on a page where all succeed any of them will do.
// Similarity is the F1 of shared word 4-grams, the measure the benchmark
// scores with. Ties go to the earlier candidate, in the order readings
// returns them. Only candidates with prose are chosen (all count as
// voters); ok is false when none has any, as on a page that is all
// menus and notices.
func choose(cands []candidate) (best candidate, ok bool) {
	bestScore := -1.0
	for i, c := range cands {
		if !c.prose {
			continue
		}
		score := 0.0
		for j, o := range cands {
			if j != i {
				score += similarity(c.shingles, o.shingles)
			}
		}
		if score > bestScore {
			best, bestScore, ok = c, score, true
		}
	}
	return best, ok
}

// vote drops the paragraphs of the chosen text that most extractors do
// not have: a caption, a "read more" line or a comment that one
// extractor let through and the others left out. A paragraph is kept
// when more than half of the extractors with any text (the chosen one
// included) contain it. When the vote would drop more than half of the
// words, the extractors disagree too much for it to mean anything, and
// the text is kept whole.
func vote(best candidate, cands []candidate) []string {
	var others []candidate
	for _, c := range cands {
		if c.words > 0 && c.extractor != best.extractor {
			others = append(others, c)
		}
	}
	voters := 1 + len(others)
	kept := make([]string, 0, len(best.paragraphs))
	keptWords := 0
	for _, p := range best.paragraphs {
		words := wordPattern.FindAllString(p, -1)
		support := 1
		for _, o := range others {
			if contains(o, words) {
				support++
			}
		}
		if 2*support > voters {
			kept = append(kept, p)
			keptWords += len(words)
		}
	}
	if 2*keptWords < best.words {
		return best.paragraphs
	}
	return kept
}

// contains reports whether a candidate has a paragraph's words. A short
// paragraph (a byline, a heading) must appear word for word; a longer
// one needs half its 4-grams, so that a link or an emphasis one
// extractor dropped does not count against it.
func contains(c candidate, words []string) bool {
	if len(words) < 2*shingleSize {
		return strings.Contains(c.joined, " "+strings.Join(words, " ")+" ")
	}
	own := shingleCounts(words)
	shared, total := 0, 0
	for s, n := range own {
		shared += min(n, c.shingles[s])
		total += n
	}
	return 2*shared >= total
}

// similarity is the F1 of the shingles two texts share: 1 for the same
// text, 0 for texts with no 4-gram in common.
func similarity(a, b map[string]int) float64 {
	shared, total := 0, 0
	for s, n := range a {
		shared += min(n, b[s])
		total += n
	}
	for _, n := range b {
		total += n
	}
	if total == 0 {
		return 0
	}
	return 2 * float64(shared) / float64(total)
}
