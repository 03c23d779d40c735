package render

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestIntroHTML(t *testing.T) {
	tests := []struct {
		name, in string
		want     []template.HTML
	}{
		{"plain", "Hello  there,\nreaders.", []template.HTML{"Hello there, readers."}},
		{"paragraphs", "One.\n\n\nTwo.", []template.HTML{"One.", "Two."}},
		{"escaped", `<script>alert(1)</script> & "q"`, []template.HTML{`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;`}},
		{"link", "See [the plan](https://example.org/p?a=1&b=2).",
			[]template.HTML{`See <a href="https://example.org/p?a=1&amp;b=2" style="color:#1d4ed8;">the plan</a>.`}},
		{"bare url without its full stop", "At https://example.org/x.",
			[]template.HTML{`At <a href="https://example.org/x" style="color:#1d4ed8;">https://example.org/x</a>.`}},
		{"javascript link stays text", "[x](javascript:alert(1))", []template.HTML{`[x](javascript:alert(1))`}},
		{"data link stays text", "[x](data:text/html,hi)", []template.HTML{`[x](data:text/html,hi)`}},
		{"emphasis", "**big** and *small*", []template.HTML{`<strong>big</strong> and <em>small</em>`}},
		{"escaped inside emphasis", "**<i>x</i>**", []template.HTML{`<strong>&lt;i&gt;x&lt;/i&gt;</strong>`}},
		{"attribute breakout in link text", `[" onmouseover="x](https://example.org)`,
			[]template.HTML{`<a href="https://example.org" style="color:#1d4ed8;">&#34; onmouseover=&#34;x</a>`}},
		{"empty", " \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := introParagraphsHTML(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("introParagraphsHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIntroText(t *testing.T) {
	got := introParagraphsText("See [the plan](https://example.org/p) or **write** [to us](mailto:a@example.org).\n\nBye, https://example.org/x")
	want := []string{"See the plan (https://example.org/p) or write to us (a@example.org).", "Bye, https://example.org/x"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// The email links to its web copy; the web copy, which is that page,
// does not link to itself.
func TestViewInBrowser(t *testing.T) {
	r := newRenderer(t)
	ed := fixtureEdition()
	rend, err := r.Rendition(ed, digest.MailHeader{From: "d@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	link := `<a href="` + ed.WebURL + `"`
	if !strings.Contains(string(rend.MailHTML), link+` style="color:#4b5563;">View in your browser</a>`) {
		t.Error("the mail HTML has no view-in-browser link")
	}
	if !strings.Contains(string(rend.MailText), "View in your browser: "+ed.WebURL) {
		t.Error("the mail text has no view-in-browser link")
	}
	if strings.Contains(string(rend.HTML), "View in your browser") || strings.Contains(string(rend.Text), "View in your browser") {
		t.Error("the web copy links to itself")
	}
}
