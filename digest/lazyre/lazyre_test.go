package lazyre

import "testing"

// Under test an expression compiles when it is declared, so a bad one
// fails the first test of its package instead of waiting for a match.
func TestBadExpressionFailsAtOnceUnderTest(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New accepted an invalid expression")
		}
	}()
	New(`(unclosed`)
}

func TestMatchesAsRegexp(t *testing.T) {
	r := New(`(\d+)-(\d+)`)
	if r.Re() != r.Re() {
		t.Error("compiled twice")
	}
	if got := r.ReplaceAllString("a 1-2 b", "$2-$1"); got != "a 2-1 b" {
		t.Errorf("replace: %q", got)
	}
	if m := r.FindStringSubmatch("x 10-20"); len(m) != 3 || m[2] != "20" {
		t.Errorf("submatch: %q", m)
	}
}
