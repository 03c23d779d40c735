package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One two three. Four five six.", []string{"One two three.", "Four five six."}},
		{"question and exclamation", "Will it work? Nobody knows! We will see.",
			[]string{"Will it work?", "Nobody knows!", "We will see."}},
		{"country acronyms mid-sentence", "The U.S. President met U.K. officials. They agreed.",
			[]string{"The U.S. President met U.K. officials.", "They agreed."}},
		{"acronym ends sentence", "Japan relies on the U.S. The alliance is old.",
			[]string{"Japan relies on the U.S.", "The alliance is old."}},
		{"titles", "Dr. Anya Sharma and Prof. Ito spoke. Gen. Tanaka and Mr. Smith listened.",
			[]string{"Dr. Anya Sharma and Prof. Ito spoke.", "Gen. Tanaka and Mr. Smith listened."}},
		{"number abbreviation", "It ranks No. 5 in Asia. Next year it may rise.",
			[]string{"It ranks No. 5 in Asia.", "Next year it may rise."}},
		{"street and company", "She lives on Baker St. Number ten is hers. Acme Inc. said profits rose. Acme Inc. The firm grew.",
			[]string{"She lives on Baker St. Number ten is hers.", "Acme Inc. said profits rose.", "Acme Inc.", "The firm grew."}},
		{"latin abbreviations", "Some allies, e.g. Japan, i.e. a partner, help. Tanks, jets, etc. are costly. Done.",
			[]string{"Some allies, e.g. Japan, i.e. a partner, help.", "Tanks, jets, etc. are costly.", "Done."}},
		{"months", "The talks began on Jan. 5 and ended Feb. 10 in Tokyo. They resume in March.",
			[]string{"The talks began on Jan. 5 and ended Feb. 10 in Tokyo.", "They resume in March."}},
		{"initials", "J. R. R. Tolkien wrote it. Mark A. Smith read it.",
			[]string{"J. R. R. Tolkien wrote it.", "Mark A. Smith read it."}},
		{"decimals and money", "Mitsubishi won a $2.1B deal. Spending grew 7.2% to 3.5 million yen, or 1,000.50 each. Fine.",
			[]string{"Mitsubishi won a $2.1B deal.", "Spending grew 7.2% to 3.5 million yen, or 1,000.50 each.", "Fine."}},
		{"sentence ends inside quotes", `He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"curly quotes", "She said “we will win.” The crowd cheered.", []string{"She said “we will win.”", "The crowd cheered."}},
		{"quoted speech with comma", `"Go," she said. He went.`, []string{`"Go," she said.`, "He went."}},
		{"exclamation inside quote then lower case", `"Stop!" she shouted at them.`, []string{`"Stop!" she shouted at them.`}},
		{"ellipsis mid-sentence", "Tokyo is…seeking ties. Europe … affects Asia. Wait... what now?",
			[]string{"Tokyo is…seeking ties.", "Europe … affects Asia.", "Wait... what now?"}},
		{"ellipsis glued to next sentence", "Japan has built ties for a decade….The country joined a summit.",
			[]string{"Japan has built ties for a decade….", "The country joined a summit."}},
		{"leading ellipsis stays attached", "…Japan is drafting a strategy. It will pass.",
			[]string{"…Japan is drafting a strategy.", "It will pass."}},
		{"ellipsis then capital", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
		{"lost space after full stop", "The talks ended.The ministers left.", []string{"The talks ended.", "The ministers left."}},
		{"inner dots are not ends", "Visit example.com or the U.S.-Japan page. Done now.",
			[]string{"Visit example.com or the U.S.-Japan page.", "Done now."}},
		{"parenthesis after full stop", "He left. (He came back.) Then he slept.",
			[]string{"He left.", "(He came back.)", "Then he slept."}},
		{"bullets", "This includes:\n  • Autonomous Systems: drones.\n  • Quantum Computing: networks.\nA new line follows.",
			[]string{"This includes:", "• Autonomous Systems: drones.", "• Quantum Computing: networks.", "A new line follows."}},
		{"bullet with two sentences stays whole", "• Cyber: shared drills. New teams form.\nThe plan is set.",
			[]string{"• Cyber: shared drills. New teams form.", "The plan is set."}},
		{"dash, star and numbered bullets", "- first item\n* second item\n1. third item\n2) fourth item",
			[]string{"- first item", "* second item", "1. third item", "2) fourth item"}},
		{"heading line", "Breaking the Mindset\nJapan is shifting. It is slow.",
			[]string{"Breaking the Mindset", "Japan is shifting.", "It is slow."}},
		{"newline after full stop is a space", "Will Japan join NATO?\nUnlikely. NATO is a treaty.",
			[]string{"Will Japan join NATO?", "Unlikely.", "NATO is a treaty."}},
		{"hard-wrapped sentence", "The security of\nthe region is linked to Asia.", []string{"The security of\nthe region is linked to Asia."}},
		{"abbreviation across a newline", "They met Dr.\nSharma in Tokyo.", []string{"They met Dr.\nSharma in Tokyo."}},
		{"blank lines separate", "First part\n\nSecond part.", []string{"First part", "Second part."}},
		{"empty", "  \n ", nil},
		{"no terminal punctuation", "just words", []string{"just words"}},
		{"lower-case brand starts sentence", "Sales fell. iPhone demand slowed.", []string{"Sales fell.", "iPhone demand slowed."}},
		{"figure with inner dot ends sentence", "He ran it in 7:40.53. Cragg held off Bekele.",
			[]string{"He ran it in 7:40.53.", "Cragg held off Bekele."}},
		{"time abbreviation", "They met at 9 a.m. Tokyo time. It went well.", []string{"They met at 9 a.m. Tokyo time.", "It went well."}},
		{"digit starts sentence", "It ended in 2023. 40 ships joined.", []string{"It ended in 2023.", "40 ships joined."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			for _, s := range got {
				if !strings.Contains(tt.in, s) {
					t.Errorf("sentence %q is not a substring of the input", s)
				}
			}
		})
	}
}

func TestIsFragment(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Japan is undergoing a fundamental shift in its defense philosophy.", false},
		{"“The geostrategic landscape is becoming increasingly complex and unpredictable,” stated a spokesperson.", false},
		{"Will Japan eventually join NATO as a full member?", false},
		{"• Autonomous Systems: Integrating Japanese drone swarm technology with NATO command.", true},
		{"- Japan and NATO expand defense technology collaboration for cyber domains", true},
		{"1. Japan and NATO agreed to expand their defense cooperation.", true},
		{"Breaking the Defense Isolation Mindset", true},
		{"The specific areas of cooperation outlined during the meetings include:", true},
		{"Unlikely.", true},
		{"by Chief Editor", true},
		{"Japan Seeks Deeper Defense Ties with NATO.", true},
		{"Image: U.S. Army Reserve photo archive.", true},
		{"It was followed by Harry Potter and the Prisoner of Azkaban, Finding Nemo and The Lord of the Rings.", false},
		{"The reality is simple: the security of the Indo-Pacific and of Europe are now linked.", false},
		{"", true},
	}
	for _, tt := range tests {
		if got := IsFragment(tt.in); got != tt.want {
			t.Errorf("IsFragment(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsBullet(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"• item", true},
		{"  ◦ nested item", true},
		{"- item", true},
		{"* item", true},
		{"1. item", true},
		{"12) item", true},
		{"(3) item", true},
		{"a) item", true},
		{"-5% growth", false},
		{"J. R. R. Tolkien wrote it.", false},
		{"2023. A year of change.", false},
		{"Plain sentence.", false},
	}
	for _, tt := range tests {
		if got := IsBullet(tt.in); got != tt.want {
			t.Errorf("IsBullet(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
