package clean

import "testing"

func TestStripDebris(t *testing.T) {
	tests := []struct{ in, want string }{
		{",,,Tokyo is a port.", "Tokyo is a port."},
		{"Tokyo is a port.,,,", "Tokyo is a port."},
		{"Tokyo is a port. ***", "Tokyo is a port."},
		{"*** Tokyo is a port.", "Tokyo is a port."},
		{"• • • Tokyo is a port.", "Tokyo is a port."},
		{"~~~Tokyo is a port.", "Tokyo is a port."},
		{"--- Tokyo is a port. ---", "Tokyo is a port."},
		{"Tokyo ,,, is a port.", "Tokyo is a port."},
		{"Tokyo,, Osaka and Kobe", "Tokyo, Osaka and Kobe"},
		{"A - B - C", "A - B - C"},
		{"Prices rose 5-10% in 2023.", "Prices rose 5-10% in 2023."},
	}
	for _, tt := range tests {
		if got := stripDebris(tt.in); got != tt.want {
			t.Errorf("stripDebris(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeparatorLines(t *testing.T) {
	for _, s := range []string{"***", "---", ",,,", "• • •", "~~~", "* * *", "___", "==="} {
		if !isSeparator(s) {
			t.Errorf("%q is a separator", s)
		}
	}
	for _, s := range []string{"1,000", "Yes.", "- item", "A***"} {
		if isSeparator(s) {
			t.Errorf("%q is not a separator", s)
		}
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tokyo  is\u00a0 seeking   ties.", "Tokyo is seeking ties."},
		{"Tokyo is…seeking ties….", "Tokyo is… seeking ties…"},
		{"a decade….The country joined.", "a decade… The country joined."},
		{"…Japan is drafting a plan.", "Japan is drafting a plan."},
		{"It grew.... Then it fell . . . again", "It grew… Then it fell … again"},
		{"Wait... what?", "Wait… what?"},
		{"one , two ; three", "one, two; three"},
		{"U.S. and U.K. officials met.", "U.S. and U.K. officials met."},
	}
	for _, tt := range tests {
		if got := tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The **new** line opened on *Monday*.", "The new line opened on Monday."},
		{"A ***bold italic*** claim", "A bold italic claim"},
		{"See [the report](https://example.com/r \"Report\") today", "See the report today"},
		{"Read [the plan][1] now", "Read the plan now"},
		{"![map](map.png) The map shows it.", "The map shows it."},
		{"Use __strong__ and _em_ but keep snake_case_names.", "Use strong and em but keep snake_case_names."},
		{"Costs <b>rose</b> 5 < 6 and 7 > 3", "Costs rose 5 < 6 and 7 > 3"},
		{"Visit <https://example.com> now", "Visit https://example.com now"},
		{"The `six` years", "The six years"},
		{"[T]he emergence of space", "[T]he emergence of space"},
		{"Fish &amp; chips", "Fish & chips"},
		{`Escaped \*stars\*`, "Escaped *stars*"},
	}
	for _, tt := range tests {
		if got := stripInline(tt.in); got != tt.want {
			t.Errorf("stripInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFirstSentenceAndShorten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trains resume. More later.", "Trains resume."},
		{"The U.S. and Dr. Lee agreed. Then they left.", "The U.S. and Dr. Lee agreed."},
		{"“We are ready,” she said. Then she left.", "“We are ready,” she said."},
		{"No full stop at all", "No full stop at all"},
		{"Prices rose 2.5 percent. Then fell.", "Prices rose 2.5 percent."},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := "The quick brown fox jumps over the lazy dog while the slow green turtle watches from the riverbank nearby"
	if got, want := shorten(long, 40), "The quick brown fox jumps over the lazy…"; got != want {
		t.Errorf("shorten = %q, want %q", got, want)
	}
	if got := shorten("Short enough", 40); got != "Short enough" {
		t.Errorf("shorten cut a short title: %q", got)
	}
	if got, want := shorten("Supercalifragilisticexpialidocious", 10), "Supercali…"; got != want {
		t.Errorf("shorten one long word = %q, want %q", got, want)
	}
}

func TestStripInlineKeepsAngleBracketText(t *testing.T) {
	in := "if a <b and c> d then x <y and z> w"
	if got := stripInline(in); got != "if a <b and c> d then x <y and z> w" {
		t.Errorf("stripInline(%q) = %q: words inside angle brackets were lost", in, got)
	}
}

func TestStripInlineHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p class="lead">Trams <em>return</em> today.</p>`, "Trams return today."},
		{`Line one<br/>line two`, "Line one line two"},
		{`<a href='https://example.com' target=_blank>Ferry news</a>`, "Ferry news"},
	}
	for _, tt := range tests {
		if got := stripInline(tt.in); got != tt.want {
			t.Errorf("stripInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Lines pasted with single newlines are one paragraph only when they
// are hard-wrapped prose: the lines that stop mid-sentence run close to
// the wrap width. A head pasted line by line (a long headline over a
// short credit) is not wrapped, and each line stays its own, while a
// wrapped paragraph is still joined. The texts are made up.
func TestWrappedLinesJoin(t *testing.T) {
	tests := []struct {
		name, text string
		units      int
	}{
		{"a head pasted line by line",
			"Riverside library reopens with its rooftop garden after two years of work\nCity Desk staff\nVisitors queued along the river before the doors opened.", 3},
		{"hard-wrapped prose",
			"The Riverside public library reopened on Saturday after a renovation\nthat took two years and added a reading garden on its roof, the city\ncouncil said on Monday.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildUnits(splitLines(tt.text)); len(got) != tt.units {
				var texts []string
				for _, u := range got {
					texts = append(texts, u.text)
				}
				t.Errorf("%d units, want %d: %q", len(got), tt.units, texts)
			}
		})
	}
}
