package render

// Helpers for reading rendered HTML back as a tree, so tests check the
// document a mail client would see rather than the bytes of a template.

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return doc
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

// all returns the elements named tag under n (n excluded), in document order.
func all(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, func(m *html.Node) {
			if m.Type == html.ElementNode && m.Data == tag {
				out = append(out, m)
			}
		})
	}
	return out
}

func first(n *html.Node, tag string) *html.Node {
	if found := all(n, tag); len(found) > 0 {
		return found[0]
	}
	return nil
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	walk(n, func(m *html.Node) {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
		}
	})
	return strings.TrimSpace(b.String())
}

func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func paragraphWithText(doc *html.Node, text string) *html.Node {
	for _, p := range all(doc, "p") {
		if textOf(p) == text {
			return p
		}
	}
	return nil
}

// before reports whether a comes before b in document order.
func before(doc, a, b *html.Node) bool {
	ia, ib, i := -1, -1, 0
	walk(doc, func(n *html.Node) {
		switch n {
		case a:
			ia = i
		case b:
			ib = i
		}
		i++
	})
	return ia >= 0 && ib >= 0 && ia < ib
}

func tagName(n *html.Node) string {
	if n == nil {
		return ""
	}
	return n.Data
}
