package summarize

import (
	"reflect"
	"strings"
	"testing"
)

// jointCand describes a made-up candidate: its salience, its length and
// whether it leans on the candidate before it.
type jointCand struct {
	name     string
	salience float64
	words    int
	leans    bool
}

// jointCands builds the candidates of one article, in source order.
func jointCands(specs []jointCand) []*candidate {
	var out []*candidate
	for i, sp := range specs {
		text := sp.name + " " + strings.Repeat(sp.name+"x ", sp.words-1)
		s := &sentence{text: text, index: i, words: sp.words, salience: sp.salience, leans: sp.leans,
			print: newFingerprint(text)}
		c := &candidate{s: s, value: sp.salience * float64(sp.words)}
		if i > 0 {
			c.prev = out[i-1]
		}
		out = append(out, c)
	}
	return out
}

// jointNames lists picks by the first word of each, in reading order.
func jointNames(cs []*candidate) []string {
	inReadingOrder(cs)
	var out []string
	for _, c := range cs {
		out = append(out, strings.Fields(c.s.text)[0])
	}
	return out
}

func TestPickJoint(t *testing.T) {
	// An article of 200 words, so the extract holds 100 and
	// F(S) = Σ salience·words / (Σ words + 100).
	base := []jointCand{
		{"a", 0.9, 10, false},
		{"b", 0.8, 40, false},
		{"c", 0.8, 40, false},
		{"d", 0.2, 10, false},
	}
	tests := []struct {
		name     string
		specs    []jointCand
		maxPicks int
		maxWords int
		want     []string
	}{
		// {a,b,c}: (9+32+32)/(90+100) = 0.384; adding d gives
		// (73+2)/(100+100) = 0.375, so d stays out with a slot free.
		{"a weak sentence is not worth its words", base, 4, 1000, []string{"a", "b", "c"}},
		// {b,c}: 64/180 = 0.356 beats {a,b}: 41/150 = 0.273.
		{"two long strong sentences", base, 2, 1000, []string{"b", "c"}},
		// Within 50 words: {a,b} = 41/150 = 0.273 beats {b} = 32/140.
		{"within the budget", base, 3, 50, []string{"a", "b"}},
		{"nothing fits", base, 3, 5, nil},
		// e leans on d, so {a,e} is not allowed; {d,e} = (2+36)/(50+100)
		// = 0.253 beats {a,d} = 11/120 = 0.092.
		{"a leaning sentence comes with its predecessor", []jointCand{
			{"a", 0.9, 10, false},
			{"d", 0.2, 10, false},
			{"e", 0.9, 40, true},
		}, 2, 1000, []string{"d", "e"}},
		{"a leaning first sentence is never picked", []jointCand{
			{"e", 0.9, 40, true},
			{"a", 0.5, 10, false},
		}, 2, 1000, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands := jointCands(tt.specs)
			cands[0].prev = nil
			got := pickJoint(cands, nil, tt.maxPicks, tt.maxWords, 200)
			if g := jointNames(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("picked %q, want %q", g, tt.want)
			}
		})
	}
}

func TestPickJointSkipsRepeatsAndSeen(t *testing.T) {
	cands := jointCands([]jointCand{{"a", 0.9, 10, false}, {"b", 0.8, 40, false}, {"c", 0.7, 30, false}})
	// b and c say the same thing.
	cands[2].s.print = cands[1].s.print
	if got := jointNames(pickJoint(cands, nil, 3, 1000, 200)); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("with a repeat: %q", got)
	}
	seen := NewSeen()
	seen.Add(cands[1].s.text)
	if got := jointNames(pickJoint(cands, seen, 3, 1000, 200)); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("with b seen (and c repeating it): %q", got)
	}
}
