package summarize

import (
	"math"
)

// cover chooses the sentences of a multi-article summary as a set that
// covers the most concept weight within the word budget: a budgeted
// maximum coverage problem, monotone and submodular, which is NP-hard to
// solve exactly (Gillick and Favre solve it as an integer program). We
// use the budgeted greedy of Khuller, Moss and Naor as Lin and Bilmes
// (2010) apply it to summaries: repeatedly take the sentence with the
// best gain per word^r. With r = 1, and keeping the best single sentence
// if it beats the greedy set, the result is within (1 − 1/√e) of the
// optimum. We also run the greedy at the tuned r, keep whichever set is
// worth more (so the guarantee holds), and then improve it by swapping
// one sentence for another while that gains.
type cover struct {
	cands  []*candidate
	weight []float64 // by concept id; 0 for concepts that do not count
	// covered counts, per concept, the picked sentences that cover it.
	covered  []int32
	base     []bool // concepts the edition has already said
	maxWords int
	// bonus is each candidate's modular value: what it is worth
	// besides its concepts (its salience in its own article, its
	// similarity to the query).
	bonus []float64
	// allowed reports whether a candidate may join the set as it is;
	// it enforces the readability rules.
	allowed func(c *candidate, picked []*candidate) bool
	// maxParts and perArticle, when positive, cap the source sentences
	// of the set and of each article in it; shared holds each article
	// to at most one sentence more than all the others (see fairShare).
	maxParts, perArticle int
	shared               bool
	// blocked counts, per candidate, the picked candidates it repeats.
	// dups lists each candidate's repeats, found the first time it is
	// picked: the same picks come back in every greedy pass and swap.
	blocked []int32
	dups    [][]int32
	known   []bool
}

// block adds delta to the blocked count of every candidate repeating i.
func (v *cover) block(i int, delta int32) {
	if !v.known[i] {
		v.known[i] = true
		for j := range v.cands {
			if j != i && v.cands[i].s.print.duplicates(&v.cands[j].s.print) {
				v.dups[i] = append(v.dups[i], int32(j))
			}
		}
	}
	for _, j := range v.dups[i] {
		v.blocked[j] += delta
	}
}

// gain is what c would add to the current set.
func (v *cover) gain(i int) float64 {
	g := v.bonus[i]
	for _, k := range v.cands[i].concepts {
		if v.covered[k] == 0 && !v.base[k] {
			g += v.weight[k]
		}
	}
	return g
}

func (v *cover) add(i int) {
	v.cands[i].picked = true
	v.block(i, 1)
	for _, k := range v.cands[i].concepts {
		v.covered[k]++
	}
}

func (v *cover) remove(i int) {
	v.cands[i].picked = false
	v.block(i, -1)
	for _, k := range v.cands[i].concepts {
		v.covered[k]--
	}
}

func (v *cover) reset() {
	for i := range v.cands {
		v.cands[i].picked = false
	}
	clear(v.covered)
	clear(v.blocked)
}

// value is the objective of the current set.
func (v *cover) value(set []int) float64 {
	total := 0.0
	for _, i := range set {
		total += v.bonus[i]
	}
	for k, n := range v.covered {
		if n > 0 && !v.base[k] {
			total += v.weight[k]
		}
	}
	return total
}

func (v *cover) pickedCands(set []int) []*candidate {
	out := make([]*candidate, len(set))
	for j, i := range set {
		out[j] = v.cands[i]
	}
	return out
}

// eligible reports whether candidate i may be added to set within budget
// words.
func (v *cover) eligible(i int, set []int, budget int) bool {
	c := v.cands[i]
	if c.picked || c.dropped || c.s.words > budget || v.blocked[i] > 0 {
		return false
	}
	if (v.maxParts > 0 || v.perArticle > 0 || v.shared) && !v.fits(c, set) {
		return false
	}
	if v.allowed == nil || !c.s.leans && !c.s.unanchored && len(c.s.antecedents) == 0 && len(c.s.names.needs) == 0 {
		return true // the rules only ever hold back these
	}
	return v.allowed(c, v.pickedCands(set))
}

// greedy builds a set by best gain per word^r.
func (v *cover) greedy(r float64) []int {
	v.reset()
	var set []int
	budget := v.maxWords
	for {
		best, bestRatio := -1, 0.0
		for i, c := range v.cands {
			if !v.eligible(i, set, budget) {
				continue
			}
			g := v.gain(i)
			if g <= 0 {
				continue
			}
			if ratio := g / math.Pow(float64(c.s.words), r); best < 0 || ratio > bestRatio {
				best, bestRatio = i, ratio
			}
		}
		if best < 0 {
			return set
		}
		v.add(best)
		set = append(set, best)
		budget -= v.cands[best].s.words
	}
}

// solve returns the chosen candidates, in the order they were chosen.
func (v *cover) solve(r float64) []*candidate {
	if len(v.cands) == 0 {
		return nil
	}
	type option struct {
		set   []int
		value float64
	}
	evaluate := func(set []int) option {
		v.reset()
		for _, i := range set {
			v.add(i)
		}
		return option{set: set, value: v.value(set)}
	}
	best := evaluate(v.greedy(1))
	// The best single sentence completes the guarantee. Alone, a
	// sentence is worth its gain over nothing.
	v.reset()
	single, singleGain := -1, 0.0
	for i := range v.cands {
		if v.eligible(i, nil, v.maxWords) {
			if g := v.gain(i); single < 0 || g > singleGain {
				single, singleGain = i, g
			}
		}
	}
	if single >= 0 {
		if o := evaluate([]int{single}); o.value > best.value {
			best = o
		}
	}
	if r != 1 {
		if o := evaluate(v.greedy(r)); o.value > best.value {
			best = o
		}
	}
	evaluate(best.set)
	set := v.improve(best.set)
	return v.pickedCands(set)
}

// maxSwapRounds bounds the local search; each round tries every swap.
const maxSwapRounds = 3

// improve swaps a picked sentence for an unpicked one, or adds one that
// fits, while the objective grows. The set is already picked in v.
func (v *cover) improve(set []int) []int {
	words := func(s []int) int {
		n := 0
		for _, i := range s {
			n += v.cands[i].s.words
		}
		return n
	}
	current := v.value(set)
	for range maxSwapRounds {
		improved := false
		for pos := 0; pos < len(set); pos++ {
			out := set[pos]
			rest := append(append([]int(nil), set[:pos]...), set[pos+1:]...)
			v.remove(out) // now gain(out) is what the set loses without it
			if !v.consistent(rest) {
				v.add(out)
				continue
			}
			budget := v.maxWords - words(rest)
			best, bestValue := -1, current
			for i := range v.cands {
				if i == out || !v.eligible(i, rest, budget) {
					continue
				}
				if val := current - v.gain(out) + v.gain(i); val > bestValue+1e-9 {
					best, bestValue = i, val
				}
			}
			if best < 0 {
				v.add(out)
				continue
			}
			v.add(best)
			set = append(rest, best)
			current = v.value(set)
			improved = true
		}
		// Fill what budget is left.
		for {
			budget := v.maxWords - words(set)
			best, bestGain := -1, 0.0
			for i := range v.cands {
				if v.eligible(i, set, budget) {
					if g := v.gain(i); g > bestGain {
						best, bestGain = i, g
					}
				}
			}
			if best < 0 {
				break
			}
			v.add(best)
			set = append(set, best)
			current = v.value(set)
			improved = true
		}
		if !improved {
			break
		}
	}
	return set
}

// consistent reports whether every member of set is still allowed with
// the others, as a removal can strand a sentence that leaned on it.
func (v *cover) consistent(set []int) bool {
	if v.allowed == nil {
		return true
	}
	for j, i := range set {
		others := append(append([]int(nil), set[:j]...), set[j+1:]...)
		if !v.allowed(v.cands[i], v.pickedCands(others)) {
			return false
		}
	}
	return true
}
