package summarize

import "testing"

func TestSeenCovers(t *testing.T) {
	said := []string{
		"Japan and NATO agreed to deepen defense industry cooperation on Monday.",
		`“As the international community stands at a crossroads in history, the security of Europe and of the Indo-Pacific is inseparable,” Kishida said.`,
		"NATO’s liaison office in Tokyo would be the alliance’s first in Asia, officials in Brussels confirmed.",
	}
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"same sentence", said[0], true},
		{"case and punctuation", "JAPAN and NATO agreed to deepen defense-industry cooperation on Monday!", true},
		{"near duplicate wording", "On Monday Japan and NATO agreed to deepen their defense industry cooperation.", true},
		{"quote cut and typeset differently", `Kishida said that "the security of Europe and of the Indo Pacific is inseparable" at the summit in Madrid.`, true},
		{"curly and straight apostrophes", "Reports say NATO's liaison office in Tokyo would be the alliance's first in Asia, but France strongly objects.", true},
		{"long shared opening", "As the international community stands at a crossroads in history, Japan's leader spoke.", true},
		{"seven shared words are not a quote", "The security of Europe and of the Baltic states was discussed by ministers in Riga.", false},
		{"different fact on the same topic", "NATO will open a liaison office in Tokyo next year despite objections from France.", false},
		{"empty", "", false},
	}
	seen := NewSeen()
	for _, s := range said {
		seen.Add(s)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := seen.Covers(tt.in); got != tt.want {
				t.Errorf("Covers(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSeenZeroAndNil(t *testing.T) {
	var nilSeen *Seen
	nilSeen.Add("Japan and NATO agreed to deepen cooperation.")
	if nilSeen.Covers("Japan and NATO agreed to deepen cooperation.") {
		t.Error("nil Seen covers a sentence")
	}
	var zero Seen
	if zero.Covers("Japan and NATO agreed to deepen cooperation.") {
		t.Error("empty Seen covers a sentence")
	}
	zero.Add("Japan and NATO agreed to deepen cooperation.")
	if !zero.Covers("Japan and NATO agreed to deepen cooperation.") {
		t.Error("zero Seen did not record a sentence")
	}
	zero.Add("")
	if zero.Covers("") {
		t.Error("empty sentence covered")
	}
}
