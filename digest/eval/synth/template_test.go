package synth

import (
	"math/rand/v2"
	"testing"
)

func TestSay(t *testing.T) {
	tests := []struct {
		tmpl string
		want map[string]bool // every expansion possible
	}{
		{"plain words", map[string]bool{"plain words": true}},
		{"{a|b} c", map[string]bool{"a c": true, "b c": true}},
		{"x [y] z", map[string]bool{"x y z": true, "x z": true}},
		{"{a [b]|c{d|e}}", map[string]bool{"a b": true, "a": true, "cd": true, "ce": true}},
		{"by $who for $5", map[string]bool{"by Ann for $5": true}},
	}
	for _, tt := range tests {
		p := &phrases{r: rand.New(rand.NewPCG(1, 2)), slots: map[string]func() string{"who": func() string { return "Ann" }}}
		seen := map[string]bool{}
		for range 200 {
			got := p.say(tt.tmpl)
			if !tt.want[got] {
				t.Errorf("say(%q) = %q, not one of %v", tt.tmpl, got, tt.want)
			}
			seen[got] = true
		}
		if len(seen) != len(tt.want) {
			t.Errorf("say(%q) made %v in 200 tries, want all of %v", tt.tmpl, seen, tt.want)
		}
	}
}

func TestSayUnknownSlotPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("an unknown slot did not panic")
		}
	}()
	p := &phrases{r: rand.New(rand.NewPCG(1, 2))}
	p.say("by $nobody")
}
