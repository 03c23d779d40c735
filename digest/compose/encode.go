package compose

import (
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"
)

// encodeText formats unstructured text such as a Subject. Plain ASCII is
// left readable; anything a reader could misparse (non-ASCII, control
// characters, something that looks like an encoded word, a word too long
// to fold) becomes RFC 2047 encoded words, which fold between words.
func encodeText(s string) string {
	if !needsEncodedWords(s) {
		return s
	}
	return qEncode(s)
}

// qEncode writes s as RFC 2047 Q encoded words of at most 75 characters,
// separated by spaces where the header may fold. Unlike
// mime.QEncoding.Encode, it always encodes: that one returns ASCII input
// unchanged, control characters and "=?" lookalikes included.
// s must be valid UTF-8; runes are never split across words.
func qEncode(s string) string {
	const prefix, suffix, hex = "=?utf-8?q?", "?=", "0123456789ABCDEF"
	const room = 75 - len(prefix) - len(suffix)
	var out, word strings.Builder
	var enc []byte
	flush := func() {
		if out.Len() > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(prefix + word.String() + suffix)
		word.Reset()
	}
	for _, r := range s {
		enc = enc[:0]
		var buf [4]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			switch {
			case b == ' ':
				enc = append(enc, '_')
			case b > ' ' && b <= '~' && b != '=' && b != '?' && b != '_':
				enc = append(enc, b)
			default:
				enc = append(enc, '=', hex[b>>4], hex[b&0xf])
			}
		}
		if word.Len()+len(enc) > room {
			flush()
		}
		word.Write(enc)
	}
	if word.Len() > 0 || out.Len() == 0 {
		flush()
	}
	return out.String()
}

func needsEncodedWords(s string) bool {
	if strings.Contains(s, "=?") {
		return true
	}
	for _, word := range strings.Split(s, " ") {
		if len(word) > foldAt-2 {
			return true
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return true
		}
	}
	return false
}

// formatPhrase formats a display name for List-Id: as is when it is only
// atoms, quoted when it has specials such as commas, and base64 encoded
// words when it is not ASCII (Q encoding may not carry specials in a
// phrase, RFC 2047 section 5).
func formatPhrase(s string) string {
	if !isASCIIPrintable(s) {
		return mime.BEncoding.Encode("utf-8", s)
	}
	atoms := true
	for _, word := range strings.Split(s, " ") {
		if word == "" || !isAtext(word, false) {
			atoms = false
			break
		}
	}
	if atoms && !strings.Contains(s, "=?") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// formatListID parses "Name <list.example.org>" or a bare list id and
// returns the List-Id field value.
func formatListID(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("list id is required")
	}
	phrase, id := "", raw
	if strings.HasSuffix(raw, ">") {
		open := strings.LastIndexByte(raw, '<')
		if open < 0 {
			return "", fmt.Errorf("list id %q: unbalanced angle brackets", raw)
		}
		phrase, id = strings.TrimSpace(raw[:open]), raw[open+1:len(raw)-1]
		if len(phrase) >= 2 && strings.HasPrefix(phrase, `"`) && strings.HasSuffix(phrase, `"`) {
			phrase = unquote(phrase[1 : len(phrase)-1])
		}
	}
	// RFC 2919: list-label "." namespace, both dot-atom-text.
	if !strings.Contains(id, ".") || !isAtext(id, true) || len(id) > 255 {
		return "", fmt.Errorf("list id %q: want a dot-atom such as list.example.org", id)
	}
	if phrase == "" {
		return "<" + id + ">", nil
	}
	return formatPhrase(phrase) + " <" + id + ">", nil
}

func unquote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isASCIIPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// isAtext reports whether s is RFC 5322 atext, or dot-atom-text when dot
// is set (dots allowed between atoms only).
func isAtext(s string, dot bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0:
		case c == '.' && dot:
			if i == 0 || i == len(s)-1 || s[i-1] == '.' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isDomain reports whether s is an ASCII host name usable as the right
// side of a Message-ID and as a DKIM domain.
func isDomain(s string) bool {
	if len(s) == 0 || len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
