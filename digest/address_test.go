package digest

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAddress(t *testing.T) {
	long := strings.Repeat("a", 64) + "@" + strings.Repeat(strings.Repeat("b", 63)+".", 3) + "example"
	tests := []struct {
		name     string
		raw      string
		smtputf8 bool
		want     string // "" when refused
		why      string // part of the refusal
	}{
		{"plain", "ada@example.org", false, "ada@example.org", ""},
		{"spaces around are trimmed", "  ada@example.org\n", false, "ada@example.org", ""},
		{"case kept", "Ada.Lovelace@Example.ORG", false, "Ada.Lovelace@Example.ORG", ""},
		{"atext", "o'brien+news@mail.example.co.uk", false, "o'brien+news@mail.example.co.uk", ""},
		{"IDN domain to ASCII", "jm@bücher.example", false, "jm@xn--bcher-kva.example", ""},
		{"IDN full stop", "jm@bücher。example", false, "jm@xn--bcher-kva.example", ""},
		{"non-ASCII local part without SMTPUTF8", "jürgen@example.de", false, "", "SMTPUTF8"},
		{"non-ASCII local part with SMTPUTF8", "jürgen@example.de", true, "jürgen@example.de", ""},
		{"empty", "  ", false, "", "no email address"},
		{"12,000 characters", strings.Repeat("a", 12000) + "@example.org", false, "", "at most 254"},
		{"just over 254", long[:len(long)-len("example")] + "examples", false, "", "at most 254"},
		{"local part over 64", strings.Repeat("a", 65) + "@example.org", false, "", "at most 64"},
		{"no @", "ada.example.org", false, "", "needs an @"},
		{"two @", "ada@home@example.org", false, "", "cannot hold '@'"},
		{"empty local part", "@example.org", false, "", "empty"},
		{"empty domain", "ada@", false, "", "empty"},
		{"dotless domain", "ada@localhost", false, "", "needs a dot"},
		{"IP literal", "ada@[192.0.2.1]", false, "", "IP address"},
		{"leading dot", ".ada@example.org", false, "", "dot"},
		{"double dot", "a..da@example.org", false, "", "dot"},
		{"quoted local part", `"ada lovelace"@example.org`, false, "", "spaces"},
		{"quote", `"ada"@example.org`, false, "", `cannot hold '"'`},
		{"display name form", "Ada <ada@example.org>", false, "", "spaces"},
		{"C1 control", "ada\u0085@example.org", true, "", "U+0085"},
		{"RLO", "ada\u202e@example.org", true, "", "U+202E"},
		{"zero-width space in domain", "ada@exa\u200bmple.org", true, "", "U+200B"},
		{"NUL", "ada\x00@example.org", false, "", "U+0000"},
		{"line break inside", "ada@exa\r\nmple.org", false, "", "U+000D"},
		{"not UTF-8", "ad\xffa@example.org", true, "", "UTF-8"},
		{"underscore in domain", "ada@my_host.example", false, "", "cannot hold '_'"},
		{"hyphen at label edge", "ada@-example.org", false, "", "host name"},
		{"label over 63", "ada@" + strings.Repeat("b", 64) + ".org", false, "", "host name"},
		{"bad IDN", "ada@\u0661\u0662a.example", false, "", "international domain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAddress(tt.raw, tt.smtputf8)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("ParseAddress = %q, %v; want %q", got, err, tt.want)
				}
				if again, err := ParseAddress(got, tt.smtputf8); err != nil || again != got {
					t.Errorf("not stable: %q gives %q, %v", got, again, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseAddress accepted %q as %q", tt.raw, got)
			}
			if !errors.Is(err, ErrBadAddress) || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("error %q: want ErrBadAddress saying %q", err, tt.why)
			}
			if len(err.Error()) > 300 {
				t.Errorf("the error repeats the input: %d characters", len(err.Error()))
			}
		})
	}
}

func TestParseAddressErrorIsShort(t *testing.T) {
	_, err := ParseAddress("a@"+strings.Repeat("b", 900)+".org", false)
	var ae *AddressError
	if !errors.As(err, &ae) || len(err.Error()) > 200 {
		t.Errorf("error %q (%d characters)", err, len(err.Error()))
	}
}
