package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// WarningWindows1252 is the warning given for text that is not UTF-8.
const WarningWindows1252 = "not UTF-8; read as Windows-1252"

// maxControlShare is the share of control characters above which a file
// is taken for binary. Real text has tabs and form feeds, which are not
// counted, and almost nothing else.
const maxControlShare = 0.10

// Decode turns the bytes of an article file into UTF-8 text with LF line
// endings. It reads UTF-8 (with or without a byte order mark) and UTF-16
// with a byte order mark. Bytes that are not UTF-8 are read as
// Windows-1252, the charset of most old Windows and web text (it agrees
// with Latin-1 on every printable character), and a warning says so. A
// text that is empty, only whitespace or binary is an error.
func Decode(data []byte) (string, []string, error) {
	if len(data) == 0 {
		return "", nil, ErrEmpty
	}
	var text string
	var warnings []string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text, warnings = decode8(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		text, warnings = decode16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, warnings = decode16(data[2:], true)
	default:
		if bytes.IndexByte(data, 0) >= 0 {
			return "", nil, fmt.Errorf("%w: contains NUL bytes", ErrBinary)
		}
		text, warnings = decode8(data)
	}
	if err := checkText(text); err != nil {
		return "", nil, err
	}
	return normalizeNewlines(text), warnings, nil
}

// decode8 keeps every valid UTF-8 sequence and reads each byte that is
// not part of one as Windows-1252. Decoding byte by byte rather than
// switching the whole file copes with the common mix: a UTF-8 file with a
// few pasted Windows quotes.
func decode8(data []byte) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			r = charmap.Windows1252.DecodeByte(data[0])
			size = 1
		}
		b.WriteRune(r)
		data = data[size:]
	}
	return b.String(), []string{WarningWindows1252}
}

// decode16 reads UTF-16 after its byte order mark.
func decode16(data []byte, bigEndian bool) (string, []string) {
	var warnings []string
	if len(data)%2 == 1 {
		data = data[:len(data)-1]
		warnings = append(warnings, "odd byte at the end of UTF-16 text dropped")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		hi, lo := data[2*i+1], data[2*i]
		if bigEndian {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	return string(utf16.Decode(units)), warnings
}

// checkText refuses text with nothing to read and text that is really
// binary data: any NUL, or more than a small share of control characters.
func checkText(text string) error {
	if strings.TrimFunc(text, isBlank) == "" {
		return fmt.Errorf("%w: only whitespace", ErrEmpty)
	}
	var runes, controls int
	for _, r := range text {
		runes++
		if r == 0 {
			return fmt.Errorf("%w: contains NUL characters", ErrBinary)
		}
		if isControl(r) {
			controls++
		}
	}
	if share := float64(controls) / float64(runes); share > maxControlShare {
		return fmt.Errorf("%w: %.0f%% control characters", ErrBinary, share*100)
	}
	return nil
}

// isControl counts control characters that have no place in text, and
// the replacement character that undecodable bytes become.
func isControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f', '\v':
		return false
	case utf8.RuneError:
		return true
	}
	return unicode.IsControl(r)
}

func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

// normalizeNewlines turns CRLF and lone CR into LF and the Unicode line
// and paragraph separators into their plain-text equivalents, so later
// stages split lines one way only.
func normalizeNewlines(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	return strings.NewReplacer(
		"\r\n", "\n",
		"\r", "\n",
		"\u2028", "\n",
		"\u2029", "\n\n",
	).Replace(s)
}

// metaCharset finds the charset a page declares in a meta tag. Browsers
// look at the first 1024 bytes only, but saved pages often carry a long
// head of scripts and styles before the declaration, so the whole head
// (up to maxHeadScan bytes) is searched.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)`)

const maxHeadScan = 64 << 10

// DecodeHTML turns the bytes of a web page into UTF-8 markup with LF line
// endings, using the charset the page declares (a byte order mark or a
// meta tag) rather than guessing. Declarations are often wrong, so bytes
// that are valid UTF-8 are read as UTF-8 whatever the page says (legacy
// text almost never is), and a page that declares UTF-8 but is not is
// read byte by byte as Decode does. Warnings say when the declaration was
// overruled or missing.
func DecodeHTML(data []byte) (string, []string, error) {
	if len(data) == 0 {
		return "", nil, ErrEmpty
	}
	if _, _, certain := charset.DetermineEncoding(data, ""); certain {
		// A byte order mark: Decode reads UTF-8 and UTF-16 ones.
		return Decode(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", nil, fmt.Errorf("%w: contains NUL bytes", ErrBinary)
	}
	label := declaredCharset(data)
	enc, name, certain := charset.DetermineEncoding(data, mime.FormatMediaType("text/html", map[string]string{"charset": label}))
	declared := label != "" && certain
	if strings.HasPrefix(name, "utf-16") {
		// Bytes without NULs are not UTF-16 whatever a meta tag says;
		// browsers read such pages as UTF-8.
		name = "utf-8"
	}
	var text string
	var warnings []string
	switch {
	case utf8.Valid(data):
		text = string(data)
		if declared && name != "utf-8" && hasHighBit(data) {
			warnings = append(warnings, fmt.Sprintf("declares %s but is UTF-8; read as UTF-8", label))
		}
	case !declared:
		text, warnings = decode8(data)
	case name == "utf-8":
		text, _ = decode8(data)
		warnings = append(warnings, "declares UTF-8 but is not; "+WarningWindows1252)
	default:
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			text, _ = decode8(data)
			warnings = append(warnings, fmt.Sprintf("not valid %s; %s", label, WarningWindows1252))
			break
		}
		text = string(out)
	}
	if err := checkText(text); err != nil {
		return "", nil, err
	}
	return normalizeNewlines(text), warnings, nil
}

// declaredCharset returns the charset label of the page's meta tag, or
// "" when there is none in the head.
func declaredCharset(data []byte) string {
	head := data[:min(len(data), maxHeadScan)]
	if end := bytes.Index(bytes.ToLower(head), []byte("</head")); end >= 0 {
		head = head[:end]
	}
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return ""
	}
	return strings.ToLower(string(m[1]))
}

func hasHighBit(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return true
		}
	}
	return false
}
