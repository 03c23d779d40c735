package compose

import (
	"bytes"
	"mime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

// Any subject survives encoding and folding: the header field is ASCII,
// its lines end in CRLF within the limit, and it decodes back to the text.
func FuzzHeaderEncoding(f *testing.F) {
	for _, s := range []string{"Japan–NATO Security Brief No. 3 — 7 December 2026", "plain", "", "=?utf-8?q?x?=",
		strings.Repeat("ü", 400), "a\x00b", "tab\there", strings.Repeat("word ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
			t.Skip()
		}
		field, err := appendField(nil, "Subject", encodeText(s), false)
		if err != nil {
			if strings.Contains(err.Error(), "line longer") {
				return // refused, which is allowed: never sent malformed
			}
			t.Fatalf("encodeText(%q) gave a field that cannot be written: %v", s, err)
		}
		if err := checkLines(field); err != nil {
			t.Fatalf("field for %q: %v", s, err)
		}
		if !isASCII(string(field)) || !bytes.HasSuffix(field, []byte("\r\n")) {
			t.Fatalf("field for %q is not ASCII lines: %q", s, field)
		}
		value := strings.TrimPrefix(strings.ReplaceAll(strings.TrimSuffix(string(field), "\r\n"), "\r\n", ""), "Subject: ")
		got, err := new(mime.WordDecoder).DecodeHeader(value)
		if err != nil {
			t.Fatalf("field for %q does not decode: %v", s, err)
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(s), " ") {
			t.Fatalf("round trip: %q became %q", s, got)
		}
	})
}

// A token verifies for the subscriber it was made for and no other, and
// no guessed token verifies.
func FuzzToken(f *testing.F) {
	f.Add(int64(1), int64(2), "guess")
	f.Add(int64(0), int64(-1), "")
	f.Fuzz(func(t *testing.T, id, other int64, guess string) {
		secret := bytes.Repeat([]byte("k"), 32)
		sub := digest.Subscriber{ID: id, Address: "a@example.org"}
		tok := Token(secret, sub)
		if !VerifyToken(secret, sub, tok) {
			t.Fatal("a token does not verify for its own subscriber")
		}
		if other != id && VerifyToken(secret, digest.Subscriber{ID: other, Address: "a@example.org"}, tok) {
			t.Fatalf("the token of %d verifies for %d", id, other)
		}
		if guess != tok && VerifyToken(secret, sub, guess) {
			t.Fatalf("guessed token %q verifies", guess)
		}
	})
}
