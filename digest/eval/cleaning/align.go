package cleaning

import "github.com/digest-newsletter/digest/digest/eval/synth"

// Where a labelled segment of a file ended up in the cleaned body.
const (
	segmentDropped = iota // not in the body
	segmentKept           // in the body whole
	segmentCut            // in the body with its first words cut off
)

// Choices in align that read no segment: the segment is left out of the
// body, or the body word at hand belongs to no segment.
const (
	leftOut   = -1
	strayWord = -2
)

// maxCut is the most words cleaning is taken to cut off the front of a
// line (a dateline is a few words); a longer cut counts as the line lost.
const maxCut = 12

// align finds each segment of the file in the cleaned body. Cleaning
// keeps words and their order and removes only whole lines or the front
// of a paragraph (a dateline), so the body is the segments' words in
// order with some segments left out and some cut at the front. Of all
// such readings, align takes the one that accounts for the most body
// words (dynamic programming over segment and body position); where two
// readings tie, a line is given to furniture rather than to the headline,
// so furniture that reached readers is never hidden by a title that
// repeats it. unaligned counts body words no segment accounts for, which
// should be none.
func align(blocks []synth.Block, body []string) (status [][]int, unaligned int) {
	type ref struct {
		b, s  int
		title bool
		toks  []string
	}
	var segs []ref
	status = make([][]int, len(blocks))
	for i, b := range blocks {
		status[i] = make([]int, len(b.Segments))
		for j, s := range b.Segments {
			segs = append(segs, ref{i, j, s.Kind == synth.KindTitle, tokens(s.Text)})
		}
	}
	n, m := len(segs), len(body)
	// best[k][c]: the most body words segments k… can account for from
	// body position c on; choice[k][c]: how segment k is read there
	// (left out, 0 whole, >0 that many words cut), or that the body word
	// at c is a stray no segment accounts for.
	best := make([][]int, n+1)
	choice := make([][]int, n+1)
	for k := range best {
		best[k] = make([]int, m+1)
		choice[k] = make([]int, m+1)
	}
	for k := n - 1; k >= 0; k-- {
		t := segs[k].toks
		for c := m; c >= 0; c-- {
			b, ch := best[k+1][c], leftOut
			if c < m && best[k][c+1] > b {
				b, ch = best[k][c+1], strayWord
			}
			if len(t) > 0 {
				for cut := 0; cut < len(t) && cut <= maxCut; cut++ {
					rest := len(t) - cut
					if !equalAt(body, c, t[cut:]) {
						continue
					}
					v := rest + best[k+1][c+rest]
					if v > b || v == b && ch == leftOut && !segs[k].title {
						b, ch = v, cut
					}
					break // a smaller cut accounts for more words
				}
			}
			best[k][c], choice[k][c] = b, ch
		}
	}
	for k, c := 0, 0; k < n; {
		s := segs[k]
		switch ch := choice[k][c]; {
		case ch == strayWord:
			c++
			continue
		case ch == 0:
			status[s.b][s.s] = segmentKept
			c += len(s.toks)
		case ch > 0:
			status[s.b][s.s] = segmentCut
			c += len(s.toks) - ch
		}
		k++
	}
	return status, m - best[0][0]
}
