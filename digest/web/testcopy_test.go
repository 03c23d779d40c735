package web

import (
	"context"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// viewLink is the text part's "View in your browser" link.
var viewLink = regexp.MustCompile(`View in your browser: (\S+)`)

// A test copy sent from the desk to "Reader <reader@example.net>"
// arrives with that name in To:, and its "View in your browser" link
// opens the edition's web copy before it is sent, through a private
// preview on the public face: only with its own signature, for that
// edition, until it expires. The archive still shows nothing of it.
func TestTestCopyPreviewAndName(t *testing.T) {
	f := desktest.New(t)
	relay := relayTo(t, f, smtptest.Options{})
	editor, pub := newEditor(t, f), newPublic(t, f)
	rec := post(t, editor, "/editions/"+f.EditionID+"/test", url.Values{"address": {"Reader <reader@example.net>"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("test copy: %d\n%s", rec.Code, rec.Body)
	}
	msgs := relay.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "reader@example.net" {
		t.Fatalf("relay took %d messages, want one to reader@example.net", len(msgs))
	}
	m, err := mail.ReadMessage(strings.NewReader(string(msgs[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	to, err := mail.ParseAddress(m.Header.Get("To"))
	if err != nil {
		t.Fatalf("To: %q: %v", m.Header.Get("To"), err)
	}
	if to.Name != "Reader" || to.Address != "reader@example.net" {
		t.Errorf("To: %q, want the name Reader kept", m.Header.Get("To"))
	}

	found := viewLink.FindStringSubmatch(desktest.Decode(t, msgs[0].Data).Body)
	if found == nil {
		t.Fatal("the test copy has no View in your browser link")
	}
	link := found[1]
	if !strings.HasPrefix(link, desktest.PublicURL+"/preview/"+f.EditionID+"?k=") {
		t.Fatalf("view link %q is not the edition's private preview", link)
	}
	path := strings.TrimPrefix(link, desktest.PublicURL)
	stored, err := f.Store.Edition(context.Background(), f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	got := request{target: path}.do(t, pub, publicAddr)
	if got.Code != http.StatusOK || got.Body.String() != string(stored.HTML) {
		t.Fatalf("preview = %d, want 200 with the edition's web copy", got.Code)
	}
	if got.Header().Get("X-Robots-Tag") == "" || got.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("preview headers %v: want noindex and no-store", got.Header())
	}
	if strings.Contains(got.Body.String(), "reader@example.net") {
		t.Error("the preview shows the test address")
	}
	if rec := (request{target: "/archive/" + f.EditionID}).do(t, pub, publicAddr); rec.Code != http.StatusNotFound {
		t.Errorf("archive of the unsent edition = %d, want 404", rec.Code)
	}

	key := path[strings.Index(path, "?k=")+3:]
	flip := "A"
	if strings.HasSuffix(key, "A") {
		flip = "B"
	}
	tampered := key[:len(key)-1] + flip
	laterExpiry := "9" + key
	for name, target := range map[string]string{
		"tampered signature": "/preview/" + f.EditionID + "?k=" + tampered,
		"longer expiry":      "/preview/" + f.EditionID + "?k=" + laterExpiry,
		"no key":             "/preview/" + f.EditionID,
		"another edition":    "/preview/other-edition?k=" + key,
		"garbage":            "/preview/" + f.EditionID + "?k=x.y",
	} {
		if rec := (request{target: target}).do(t, pub, publicAddr); rec.Code != http.StatusForbidden {
			t.Errorf("%s: preview = %d, want 403", name, rec.Code)
		}
	}
	f.Clock.Set(f.Clock.Now().Add(8 * 24 * time.Hour))
	if rec := (request{target: path}).do(t, pub, publicAddr); rec.Code != http.StatusForbidden ||
		!strings.Contains(rec.Body.String(), "Send yourself a new test copy") {
		t.Errorf("expired preview = %d, want 403 saying what to do", rec.Code)
	}
}
