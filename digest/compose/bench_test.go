package compose

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"testing"
)

// largeEdition repeats the fixture's article block until the HTML is
// about 20 KB, the size of a full edition.
func largeEdition(b *testing.B) *Edition {
	ed := testEdition(b)
	start := bytes.Index(ed.HTML, []byte("<tr><td>\n<h2>"))
	end := bytes.Index(ed.HTML, []byte("</td></tr>\n<tr><td>\n<p style"))
	block := ed.HTML[start : end+len("</td></tr>\n")]
	var html bytes.Buffer
	html.Write(ed.HTML[:start])
	for html.Len() < 20_000 {
		html.Write(block)
	}
	html.Write(ed.HTML[end+len("</td></tr>\n"):])
	ed.HTML = html.Bytes()
	ed.Text = bytes.Repeat(ed.Text, 20_000/len(ed.Text)/2)
	return ed
}

func BenchmarkCompose(b *testing.B) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	signed := testOptions()
	signed.DKIM = &DKIM{Domain: "example.org", Selector: "d2024", Signer: key}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"plain", testOptions()},
		{"dkim-rsa2048", signed},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ed := largeEdition(b)
			p, err := mustNew(b, bc.opts).Prepare(ed)
			if err != nil {
				b.Fatal(err)
			}
			sub := testSubscriber()
			b.SetBytes(int64(len(ed.HTML) + len(ed.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Compose(sub); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPrepare is the once-per-edition work: the full MIME body
// through jordan-wright/email and the template cut from it.
func BenchmarkPrepare(b *testing.B) {
	c := mustNew(b, testOptions())
	ed := largeEdition(b)
	b.SetBytes(int64(len(ed.HTML) + len(ed.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Prepare(ed); err != nil {
			b.Fatal(err)
		}
	}
}
