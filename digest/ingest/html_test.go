package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

const cafe = "Élodie Marchal a rouvert le café du port."

func TestReadFSReadsHTML(t *testing.T) {
	docs, errs := ReadFS(os.DirFS(filepath.Join("testdata", "html")), ".", digest.OriginFile, 0)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	type got struct{ name, format, warnings string }
	var all []got
	for _, d := range docs {
		all = append(all, got{d.Name, d.Format, strings.Join(d.Warnings, "; ")})
		if d.Format == "html" && (!strings.Contains(d.Text, cafe) || !strings.Contains(d.Text, "<title>Le café</title>")) {
			t.Errorf("%s: not the decoded markup:\n%s", d.Name, d.Text)
		}
	}
	want := []got{
		{"latin1.htm", "html", ""},
		{"notes.txt", "", ""},
		{"sub/wrong-charset.HTML", "html", "declares UTF-8 but is not; " + WarningWindows1252},
		{"utf8.html", "html", ""},
	}
	if !slices.Equal(all, want) {
		t.Errorf("documents %+v\nwant %+v", all, want)
	}
}

func TestReadFileHTML(t *testing.T) {
	p := filepath.Join("testdata", "html", "latin1.htm")
	doc, err := ReadFile(p, digest.OriginFile, 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "html" || doc.Name != p || !strings.Contains(doc.Text, cafe) {
		t.Errorf("ReadFile = %+v", doc)
	}
	empty := filepath.Join(t.TempDir(), "empty.html")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(empty, digest.OriginFile, 0); !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), empty) {
		t.Errorf("empty page: %v", err)
	}
}

func TestIsArticleFileHTML(t *testing.T) {
	for name, want := range map[string]bool{"a.html": true, "b.HTM": true, "c.htm": true, "d.xhtml": false, "e.html.gz": false, "f.txt": true} {
		if got := IsArticleFile(name); got != want {
			t.Errorf("IsArticleFile(%q) = %v", name, got)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	// A long head pushes the declaration past the 1024 bytes browsers
	// look at; it must still count.
	longHead := "<html><head><script>" + strings.Repeat("// filler\n", 150) + "</script>"
	tests := []struct {
		name     string
		data     []byte
		want     string
		warnings []string
	}{
		{"utf-8 declared", []byte(`<meta charset="utf-8"><p>café</p>`), `<meta charset="utf-8"><p>café</p>`, nil},
		{"utf-8 undeclared", []byte("<p>café</p>"), "<p>café</p>", nil},
		{"latin-1 declared", []byte("<meta charset=iso-8859-1><p>caf\xe9</p>"), "<meta charset=iso-8859-1><p>café</p>", nil},
		{"windows-1251 declared late", []byte(longHead + `<meta http-equiv="content-type" content="text/html; charset=windows-1251"></head><p>` + "\xcc\xee\xf1\xea\xe2\xe0</p>"),
			longHead + `<meta http-equiv="content-type" content="text/html; charset=windows-1251"></head><p>Москва</p>`, nil},
		{"latin-1 undeclared", []byte("<p>caf\xe9</p>"), "<p>café</p>", []string{WarningWindows1252}},
		{"latin-1 declared utf-8", []byte("<meta charset=UTF-8><p>caf\xe9</p>"), "<meta charset=UTF-8><p>café</p>", []string{"declares UTF-8 but is not; " + WarningWindows1252}},
		{"utf-8 declared latin-1", []byte("<meta charset=iso-8859-1><p>café</p>"), "<meta charset=iso-8859-1><p>café</p>", []string{"declares iso-8859-1 but is UTF-8; read as UTF-8"}},
		// Browsers read a page that declares UTF-16 in a meta tag as UTF-8.
		{"meta utf-16", []byte("<meta charset=utf-16><p>café</p>"), "<meta charset=utf-16><p>café</p>", nil},
		{"unknown charset", []byte("<meta charset=klingon><p>caf\xe9</p>"), "<meta charset=klingon><p>café</p>", []string{WarningWindows1252}},
		{"declaration after the head ignored", []byte("<head></head><p>caf\xe9 charset</p><meta charset=koi8-r>"), "<head></head><p>café charset</p><meta charset=koi8-r>", []string{WarningWindows1252}},
		{"utf-8 bom", []byte("\xEF\xBB\xBF<meta charset=iso-8859-1><p>café</p>"), "<meta charset=iso-8859-1><p>café</p>", nil},
		{"utf-16 bom", append([]byte{0xFF, 0xFE}, utf16le("<p>café</p>\r\n")...), "<p>café</p>\n", nil},
		{"crlf", []byte("<p>a</p>\r\n<p>b</p>\r"), "<p>a</p>\n<p>b</p>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := DecodeHTML(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tt.warnings)
			}
		})
	}
}

func TestDecodeHTMLRefuses(t *testing.T) {
	tests := map[string]struct {
		data []byte
		want error
	}{
		"empty":      {nil, ErrEmpty},
		"whitespace": {[]byte(" \r\n "), ErrEmpty},
		"nul":        {[]byte("<p>a\x00b</p>"), ErrBinary},
		"controls":   {[]byte("\x01\x02\x03\x04<p>"), ErrBinary},
	}
	for name, tt := range tests {
		if _, _, err := DecodeHTML(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", name, err, tt.want)
		}
	}
}

// FuzzDecodeHTML checks that any bytes either decode to UTF-8 markup
// with LF line endings or are refused with a documented reason.
func FuzzDecodeHTML(f *testing.F) {
	for _, s := range []string{"<p>x</p>", "<meta charset=iso-8859-1>\xe9", "<meta charset=utf-8>\xe9", "<meta charset=utf-16>a", "\xFF\xFEa\x00", "\x00", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := DecodeHTML(data)
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
