package web

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// atomSchema is RFC 4287's RELAX NG schema in the XML syntax xmllint reads.
const atomSchema = "testdata/atom.rng"

// The feed is valid Atom, by RFC 4287's own schema, whether empty or not;
// its entries carry the lead and the whole web copy, and its times are the
// editions', never 1970.
func TestAtomFeed(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		f := desktest.New(t)
		body := serveFeed(t, f, f.Desk)
		feed := parseFeed(t, body)
		if len(feed.Entries) != 0 {
			t.Fatalf("feed before anything was sent has %d entries", len(feed.Entries))
		}
		if want := atomTime(f.Clock.Now()); feed.Updated != want {
			t.Errorf("empty feed updated = %s, want the time it was served, %s", feed.Updated, want)
		}
		validateAtom(t, body) // last: it skips without xmllint
	})
	t.Run("two editions", func(t *testing.T) {
		f := desktest.New(t)
		// Both are built from the seeds before either is sent: once one
		// is sent, the seeds no longer count.
		first := f.EditionID
		f.Clock.Set(f.Clock.Now().Add(time.Hour))
		res, err := f.App.Builder.Build(t.Context())
		if err != nil {
			t.Fatalf("build a second edition: %v", err)
		}
		send(t, f)
		f.Clock.Set(f.Clock.Now().Add(time.Hour))
		f.EditionID = res.Edition.ID
		send(t, f)
		body := serveFeed(t, f, f.Desk)
		feed := parseFeed(t, body)
		if len(feed.Entries) != 2 {
			t.Fatalf("feed has %d entries, want 2:\n%s", len(feed.Entries), body)
		}
		var newest string
		for _, id := range []string{first, f.EditionID} {
			e := entryFor(t, feed, id)
			if lead := storedLead(t, f, id); lead == "" || e.Summary != lead {
				t.Errorf("entry %s summary = %q, want the lead %q", id, e.Summary, lead)
			}
			if e.Content == nil || e.Content.Type != "html" || !strings.Contains(e.Content.Body, "<h2") ||
				strings.Contains(e.Content.Body, "<head") || strings.Contains(e.Content.Body, "<body") ||
				strings.Contains(e.Content.Body, "display:none") {
				t.Errorf("entry %s content is not the web copy's body: %+v", id, e.Content)
			}
			want := atomTime(approvedAt(t, f, id))
			if e.Updated != want {
				t.Errorf("entry %s updated = %s, want its approval, %s", id, e.Updated, want)
			}
			newest = max(newest, want)
		}
		if feed.Updated != newest {
			t.Errorf("feed updated = %s, want the newest entry's, %s", feed.Updated, newest)
		}
		if strings.Contains(body, "1970-") {
			t.Error("the feed says 1970")
		}
		validateAtom(t, body) // last: it skips without xmllint
	})
}

// The schema check fails feeds that break RFC 4287, so a passing feed
// test means something.
func TestAtomSchemaRejects(t *testing.T) {
	const good = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2026-11-21T09:00:00Z</updated>
<author><name>T</name></author>
<entry><title>E</title><id>urn:e</id><updated>2026-11-21T09:00:00Z</updated><link href="urn:e"/><summary>S</summary></entry>
</feed>`
	if ok, out := runXmllint(t, good); !ok {
		t.Fatalf("a valid feed fails the schema:\n%s", out)
	}
	for name, bad := range map[string]string{
		"no feed updated":    strings.Replace(good, "<updated>2026-11-21T09:00:00Z</updated>\n", "\n", 1),
		"updated not a date": strings.Replace(good, "2026-11-21T09:00:00Z", "1970", 1),
		"two summaries":      strings.Replace(good, "<summary>S</summary>", "<summary>S</summary><summary>S</summary>", 1),
		"unknown element":    strings.Replace(good, "<summary>S</summary>", "<teaser>S</teaser>", 1),
		"content type":       strings.Replace(good, "<summary>S</summary>", `<content type="rich">x</content>`, 1),
	} {
		if ok, _ := runXmllint(t, bad); ok {
			t.Errorf("%s: the schema accepts %s", name, bad)
		}
	}
}

func serveFeed(t *testing.T, f *desktest.Fixture, d PublicDesk) string {
	t.Helper()
	h, err := NewPublic(d, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Clock: f.Clock, Secret: f.Secret})
	if err != nil {
		t.Fatal(err)
	}
	rec := request{target: "/archive.atom"}.do(t, h, publicAddr)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed = %d %s:\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	return rec.Body.String()
}

func parseFeed(t *testing.T, body string) atomFeed {
	t.Helper()
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatalf("feed: %v\n%s", err, body)
	}
	return feed
}

func entryFor(t *testing.T, feed atomFeed, id string) atomEntry {
	t.Helper()
	for _, e := range feed.Entries {
		if strings.HasSuffix(e.ID, "/archive/"+id) {
			return e
		}
	}
	t.Fatalf("no entry for edition %s", id)
	return atomEntry{}
}

func approvedAt(t *testing.T, f *desktest.Fixture, id string) time.Time {
	t.Helper()
	rec, err := f.Store.Edition(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ApprovedAt.IsZero() {
		t.Fatalf("edition %s has no approval time", id)
	}
	return rec.ApprovedAt
}

// storedLead is an edition's lead as the store keeps it, its sentences
// joined: what the desk's Lead must give, read here on its own.
func storedLead(t *testing.T, f *desktest.Fixture, id string) string {
	t.Helper()
	rec, err := f.Store.Edition(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var ed digest.Edition
	if err := json.Unmarshal(rec.JSON, &ed); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range ed.Lead {
		texts = append(texts, s.Text)
	}
	return strings.Join(texts, " ")
}

// validateAtom fails the test when xmllint finds doc invalid against
// RFC 4287's schema.
func validateAtom(t *testing.T, doc string) {
	t.Helper()
	if ok, out := runXmllint(t, doc); !ok {
		t.Fatalf("the feed is not valid Atom:\n%s\n%s", out, doc)
	}
}

// runXmllint validates doc with xmllint (Debian's libxml2-utils) and
// returns whether it passed and what xmllint said. Without xmllint the
// test is skipped, loudly.
func runXmllint(t *testing.T, doc string) (bool, string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("!!! xmllint not found: the Atom feed is NOT validated against RFC 4287's schema; install libxml2-utils")
	}
	path := filepath.Join(t.TempDir(), "feed.atom")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--relaxng", atomSchema, path).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run xmllint: %v", err)
	}
	return err == nil, string(out)
}
