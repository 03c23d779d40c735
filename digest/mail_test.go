package digest

import (
	"strings"
	"testing"
)

func TestCheckSubscriberName(t *testing.T) {
	tests := []struct {
		name, in string
		why      string // "" when accepted
	}{
		{"empty", "", ""},
		{"latin", "Ada Lovelace", ""},
		{"comma and accents", "Müller, Jürgen", ""},
		{"japanese", "山田 太郎", ""},
		{"arabic, right to left by its letters", "محمد علي", ""},
		{"hebrew", "דוד לוי", ""},
		{"initials", "J.R.R. Tolkien", ""},
		{"abbreviation then space", "Dr. Who", ""},
		{"64 characters", strings.Repeat("é", MaxNameLength), ""},
		{"65 characters", strings.Repeat("é", MaxNameLength+1), "longer than 64"},
		{"the phishing line", "URGENT: your bank account is locked - verify now at http://bank.example", "longer than 64"},
		{"a short link", "verify at http://x.example", "web address"},
		{"a scheme alone", "see https://", "web address"},
		{"a host name", "visit bank-example.com now", "web address"},
		{"a host name with an ideographic full stop", "bank。com", "web address"},
		{"www", "www dot bank", ""},
		{"www with a dot", "go to www.b", "web address"},
		{"an address", "support@bank.example", "@"},
		{"a fullwidth at", "support＠bank", "@"},
		{"RLO", "Ada \u202eecalevol", "text-direction"},
		{"right-to-left isolate", "Ada \u2067x\u2069", "text-direction"},
		{"zero-width joiner", "Ada\u200dLovelace", "invisible"},
		{"C1 control", "Bad\u0085Name", "control character"},
		{"line break", "Ada\r\nBcc: x", "line break"},
		{"line separator", "Ada\u2028Lovelace", "line break"},
		{"not UTF-8", "Ad\xffa", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSubscriberName(tt.in)
			switch {
			case tt.why == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.why != "" && (err == nil || !strings.Contains(err.Error(), tt.why)):
				t.Errorf("error %v, want one saying %q", err, tt.why)
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ada Lovelace", "Ada Lovelace"},
		{"山田 太郎", "山田 太郎"},
		{"ada\u0085@example.org", `ada\x85@example.org`},
		{"\u202egro.elpmaxe@ada", `\u202egro.elpmaxe@ada`},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"private \U000F0000", `private \U000f0000`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
