package compose

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// largeEdition repeats the fixture's article block until the HTML is
// about 20 KB, the size of a full edition.
func largeEdition(b *testing.B) *testMail {
	ed := testEdition(b)
	start := bytes.Index(ed.MailHTML, []byte("<tr><td>\n<h2>"))
	end := bytes.Index(ed.MailHTML, []byte("</td></tr>\n<tr><td>\n<p style"))
	block := ed.MailHTML[start : end+len("</td></tr>\n")]
	var html bytes.Buffer
	html.Write(ed.MailHTML[:start])
	for html.Len() < 20_000 {
		html.Write(block)
	}
	html.Write(ed.MailHTML[end+len("</td></tr>\n"):])
	ed.MailHTML = html.Bytes()
	ed.MailText = bytes.Repeat(ed.MailText, 20_000/len(ed.MailText)/2)
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
			p, err := mustNew(b, bc.opts).Prepare(ed.ID, &ed.Rendition, ed.Date)
			if err != nil {
				b.Fatal(err)
			}
			sub := testSubscriber()
			b.SetBytes(int64(len(ed.MailHTML) + len(ed.MailText)))
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
	b.SetBytes(int64(len(ed.MailHTML) + len(ed.MailText)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Prepare(ed.ID, &ed.Rendition, ed.Date); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComposePreferenceSets composes an edition for 10,000
// subscribers spread over 1 or 4 preference sets (each set a variant of
// the same size), preparing included: the cost should stay close to one
// set's, as each variant is prepared once, not per person.
func BenchmarkComposePreferenceSets(b *testing.B) {
	const subscribers = 10_000
	for _, sets := range []int{1, 4} {
		b.Run(fmt.Sprintf("sets=%d", sets), func(b *testing.B) {
			ed := largeEdition(b)
			keys := []string{""}
			for i := 1; i < sets; i++ {
				key := fmt.Sprintf("section %d", i)
				ed.Variants = append(ed.Variants, digest.Variant{Key: key, Subject: ed.Subject + " " + key,
					MailHTML: ed.MailHTML, MailText: ed.MailText})
				keys = append(keys, key)
			}
			c := mustNew(b, testOptions())
			subs := make([]digest.Subscriber, subscribers)
			for i := range subs {
				subs[i] = testSubscriber()
				subs[i].ID = int64(i + 1)
				subs[i].Sections = digest.SectionsFromKey(keys[i%len(keys)])
			}
			b.ReportAllocs()
			for b.Loop() {
				v, err := c.PrepareVariants(ed.ID, &ed.Rendition, ed.Date)
				if err != nil {
					b.Fatal(err)
				}
				for _, s := range subs {
					if _, err := v.Compose(s); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
