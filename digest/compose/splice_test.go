package compose

import (
	"bytes"
	"strings"
	"testing"
)

func TestSplitRuns(t *testing.T) {
	p := Placeholder
	tests := []struct {
		name    string
		content string
		want    []sourceRun // dynamic runs hold the placeholder
	}{
		{"no placeholder", "a\nb\n", []sourceRun{{text: []byte("a\nb\n")}}},
		{"placeholder line in the middle", "a\nb\n" + p + "\nc\nd",
			[]sourceRun{{text: []byte("a\nb\n")}, {text: []byte(p + "\n"), dynamic: true}, {text: []byte("c\nd")}}},
		{"two lines, two runs", p + "\n" + p + " x " + p + "\n",
			[]sourceRun{{text: []byte(p + "\n"), dynamic: true}, {text: []byte(p + " x " + p + "\n"), dynamic: true}}},
		{"last line without newline", "a\nx" + p,
			[]sourceRun{{text: []byte("a\n")}, {text: []byte("x" + p), dynamic: true}}},
		{"crlf ends are safe", "a\r\n" + p + "\r\nb\r\n",
			[]sourceRun{{text: []byte("a\r\n")}, {text: []byte(p + "\r\n"), dynamic: true}, {text: []byte("b\r\n")}}},
		// After a bare CR followed only by encoded bytes, the writer
		// swallows the LF and keeps its line: no cut there.
		{"bare cr joins the next line", "a\r€\n" + p + "\nb\n",
			[]sourceRun{{text: []byte("a\r€\n" + p + "\n"), dynamic: true}, {text: []byte("b\n")}}},
		{"bare cr in the placeholder line joins the next", p + "\rx\ny\nz\n",
			[]sourceRun{{text: []byte(p + "\rx\ny\n"), dynamic: true}, {text: []byte("z\n")}}},
		{"only bare cr", "a\r" + p + "\rb\r",
			[]sourceRun{{text: []byte("a\r" + p + "\rb\r"), dynamic: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, dynamic := splitRuns([]byte(tt.content))
			wantDynamic := false
			for _, r := range tt.want {
				wantDynamic = wantDynamic || r.dynamic
			}
			if dynamic != wantDynamic {
				t.Errorf("dynamic = %v, want %v", dynamic, wantDynamic)
			}
			if len(runs) != len(tt.want) {
				t.Fatalf("runs %+v, want %+v", runs, tt.want)
			}
			for i := range runs {
				if !bytes.Equal(runs[i].text, tt.want[i].text) || runs[i].dynamic != tt.want[i].dynamic {
					t.Errorf("run %d = %q (dynamic %v), want %q (dynamic %v)",
						i, runs[i].text, runs[i].dynamic, tt.want[i].text, tt.want[i].dynamic)
				}
			}
		})
	}
}

// TestSpliceIsWholeEncoding checks the claim the template rests on,
// without jordan-wright/email: the runs encoded one by one, links in
// place, give the bytes of the whole personalised part encoded at once.
func TestSpliceIsWholeEncoding(t *testing.T) {
	p := Placeholder
	long := strings.Repeat("lamp ", 30)
	contents := []string{
		"a\n" + p + "\nb",
		long + p + long + "\n" + long,
		"x \t\n" + p + " \n \t",
		"\r€\n" + p + "\n€\r\n" + p + "\r",
		"==" + p + "=\n" + strings.Repeat("ü", 40) + p,
		p,
	}
	links := []string{"https://d.example.org/unsubscribe?s=1&t=abc", strings.Repeat("https://d.example.org/x", 20) + "?s=12&t=" + strings.Repeat("Q", 43)}
	for _, content := range contents {
		for _, link := range links {
			body := framed("b0undary", encodeQP(nil, []byte(content)))
			tmpl, err := newBodyTemplate(body, "b0undary", partSource{name: "text part", content: []byte(content)})
			if err != nil {
				t.Fatalf("%q: %v", content, err)
			}
			got, err := tmpl.appendTo(nil, link, link)
			if err != nil {
				t.Fatal(err)
			}
			want := framed("b0undary", encodeQP(nil, bytes.ReplaceAll([]byte(content), []byte(p), []byte(link))))
			if !bytes.Equal(got, want) {
				t.Errorf("%q with %q:\n got %q\nwant %q", content, link, got, want)
			}
		}
	}
}

func TestBodyTemplateRefuses(t *testing.T) {
	p := Placeholder
	content := []byte("a\n" + p + "\n")
	t.Run("part without placeholder", func(t *testing.T) {
		_, err := newBodyTemplate([]byte("a\n"), "b", partSource{name: "html part", content: []byte("a\n")})
		if err == nil || !strings.Contains(err.Error(), "html part has no unsubscribe placeholder") {
			t.Errorf("error %v", err)
		}
	})
	for name, body := range map[string][]byte{
		"body that is not the part encoded":          framed("b", []byte("something else\r\n")),
		"part encoded but not where the part starts": append(framed("b", []byte("x\r\n")), encodeQP(nil, content)...),
		"no part header":                             encodeQP(nil, content),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := newBodyTemplate(body, "b", partSource{name: "text part", content: content})
			if err == nil || !strings.Contains(err.Error(), "not encoded line by line") {
				t.Errorf("error %v", err)
			}
		})
	}
	t.Run("link that would end the part", func(t *testing.T) {
		tmpl, err := newBodyTemplate(framed("cafe", encodeQP(nil, content)), "cafe", partSource{name: "text part", content: content})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tmpl.appendTo(nil, "https://x.example/--cafe", "x"); err == nil || !strings.Contains(err.Error(), "boundary") {
			t.Errorf("error %v, want one about the boundary", err)
		}
		if _, err := tmpl.appendTo(nil, "https://x.example/\r\nX: 1", "x"); err == nil || !strings.Contains(err.Error(), "line break") {
			t.Errorf("error %v, want one about the line break", err)
		}
	})
}

// framed wraps one encoded part the way jordan-wright/email writes a
// multipart body.
func framed(boundary string, encoded []byte) []byte {
	out := []byte("--" + boundary + "\r\nContent-Transfer-Encoding: quoted-printable\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n\r\n")
	out = append(out, encoded...)
	return append(out, "\r\n--"+boundary+"--\r\n"...)
}
