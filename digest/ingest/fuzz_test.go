package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks that any bytes either decode to clean UTF-8 text or
// are refused with one of the documented reasons.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"plain", "\xEF\xBB\xBFbom", "\xFF\xFEa\x00b\x00", "\xFE\xFF\x00a", "caf\xe9", "a\r\nb\rc", "\x00", " \n", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !utf8.ValidString(text) || strings.Contains(text, "\r") || strings.TrimSpace(text) == "" {
			t.Fatalf("bad text %q", text)
		}
	})
}
