package extract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"blocks and inline", `<div><p>One <em>two</em> three</p><p>Four</p></div>`, []string{"One two three", "Four"}},
		{"script, style and head never count", `<head><title>T</title><style>p{}</style></head><p>Text<script>alert("x")</script></p><noscript>enable js</noscript>`, []string{"Text"}},
		{"line breaks split", `<p>line one<br>line two</p>`, []string{"line one", "line two"}},
		{"table rows and cells", `<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>`, []string{"a | b", "c | d"}},
		{"lists", `<ul><li>first item</li><li>second <b>item</b></li></ul>`, []string{"first item", "second item"}},
		{"whitespace collapsed, empty dropped", "<p>  spread\n\tout\u00a0words </p><p> </p><div></div>", []string{"spread out words"}},
		{"soft hyphens and zero-width spaces dropped", "<p>ex\u00adtra\u200bordinary</p>", []string{"extraordinary"}},
		{"escaped angle brackets are text", `<p>watch &lt;The Palace&gt; &amp; more</p>`, []string{"watch <The Palace> & more"}},
		{"comments dropped", `<p>a<!-- hidden -->b</p>`, []string{"ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := paragraphs(parseFragment(t, tt.html)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("paragraphs = %q, want %q", got, tt.want)
			}
		})
	}
	if got := paragraphs(nil); got != nil {
		t.Errorf("paragraphs(nil) = %q", got)
	}
}

// Extractors rename elements (a <div> becomes a "p") without updating
// DataAtom; the new name must decide.
func TestParagraphsFollowRenamedElements(t *testing.T) {
	doc := parseFragment(t, `<div>alpha<span>beta</span>gamma<div>delta</div></div>`)
	var spans, divs []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "span" {
			spans = append(spans, n)
		}
		if n.Type == html.ElementNode && n.Data == "div" {
			divs = append(divs, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	spans[0].Data = "p" // now a block
	divs[1].Data = "em" // now inline
	want := []string{"alpha", "beta", "gammadelta"}
	if got := paragraphs(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
}

func TestPlainMeta(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>Bold</b> title<script>alert(1)</script>", "Bold title"},
		{"Tom &amp; <i>Jerry</i>", "Tom & Jerry"},
		{"Review: <The Palace> tonight", "Review: <The Palace> tonight"},
		{"  A\n  title\u00ad ", "A title"},
		{"a < b and c > d", "a < b and c > d"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainMeta(tt.in); got != tt.want {
			t.Errorf("plainMeta(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
