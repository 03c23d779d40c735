package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// unsubscribeURL is the path and query of the subscriber's link, as
// compose puts it into every message.
func unsubscribeURL(f *desktest.Fixture, sub digest.Subscriber) string {
	u, err := url.Parse(compose.UnsubscribeURL(desktest.PublicURL, f.Secret, sub))
	if err != nil {
		panic(err)
	}
	return u.RequestURI()
}

func status(t *testing.T, f *desktest.Fixture, id int64) digest.SubscriberStatus {
	t.Helper()
	sub, err := f.Store.SubscriberByID(context.Background(), id)
	if err != nil {
		t.Fatalf("subscriber %d: %v", id, err)
	}
	return sub.Status
}

// oneClick is the RFC 8058 request a mail provider sends: a form body, no
// cookies, no Origin, no Sec-Fetch-Site.
func oneClick(target string) request {
	return request{method: http.MethodPost, target: target, form: url.Values{"List-Unsubscribe": {"One-Click"}}}
}

func TestUnsubscribe(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	sub, other := f.Subscribers[0], f.Subscribers[1]
	link := unsubscribeURL(f, sub)

	// GET shows a confirmation page and changes nothing.
	for range 2 {
		rec := request{target: link}.do(t, h, publicAddr)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d, want 200", link, rec.Code)
		}
		mustContain(t, rec.Body.String(), html.EscapeString(sub.Address))
		mustContain(t, rec.Body.String(), `<form method="post">`)
		if s := status(t, f, sub.ID); s != digest.SubscriberActive {
			t.Fatalf("GET changed the subscriber to %s", s)
		}
	}

	// One-click POST unsubscribes; repeating it is harmless.
	for i := range 2 {
		rec := oneClick(link).do(t, h, "digest.example.org")
		if rec.Code != http.StatusOK {
			t.Fatalf("one-click POST #%d = %d, want 200", i+1, rec.Code)
		}
		mustContain(t, rec.Body.String(), "You are unsubscribed")
		if s := status(t, f, sub.ID); s != digest.SubscriberUnsubscribed {
			t.Fatalf("after one-click POST #%d the subscriber is %s", i+1, s)
		}
	}
	// Afterwards the link's page says so and offers only to resubscribe.
	rec := request{target: link}.do(t, h, publicAddr)
	mustContain(t, rec.Body.String(), "You are unsubscribed")
	if strings.Contains(rec.Body.String(), ">Unsubscribe</button>") {
		t.Error("the page of a done unsubscribe still offers to unsubscribe")
	}
	resub := strings.Replace(link, "/unsubscribe?", "/resubscribe?", 1)
	mustContain(t, rec.Body.String(), strings.ReplaceAll(strings.TrimPrefix(resub, "/"), "&", "&amp;"))
	// A forged resubscribe changes nothing.
	if rec := (request{method: http.MethodPost, target: resub + "x"}).do(t, h, publicAddr); rec.Code != http.StatusForbidden {
		t.Errorf("forged resubscribe = %d, want 403", rec.Code)
	}
	if s := status(t, f, sub.ID); s != digest.SubscriberUnsubscribed {
		t.Fatalf("after a forged resubscribe the subscriber is %s", s)
	}
	// The real one mails a confirmation link; only that link puts them
	// back (TestResubscribeNeedsConfirmation).
	if rec := (request{method: http.MethodPost, target: resub}).do(t, h, publicAddr); rec.Code != http.StatusAccepted {
		t.Fatalf("resubscribe = %d", rec.Code)
	}
	if s := status(t, f, other.ID); s != digest.SubscriberActive {
		t.Errorf("another subscriber became %s", s)
	}
}

func TestUnsubscribeFromThePage(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	sub := f.Subscribers[1]
	// The page's own button: same-origin, an empty form body.
	rec := request{method: http.MethodPost, target: unsubscribeURL(f, sub), form: url.Values{},
		header: map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": desktest.PublicURL}}.do(t, h, "digest.example.org")
	if rec.Code != http.StatusOK {
		t.Fatalf("POST = %d, want 200", rec.Code)
	}
	if s := status(t, f, sub.ID); s != digest.SubscriberUnsubscribed {
		t.Errorf("subscriber is %s, want unsubscribed", s)
	}
}

func TestUnsubscribeOneClickIsExemptFromCrossOriginChecks(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	sub := f.Subscribers[0]
	rq := oneClick(unsubscribeURL(f, sub))
	rq.header = map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://mail.example.com"}
	if rec := rq.do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("cross-site one-click POST = %d, want 200", rec.Code)
	}
	if s := status(t, f, sub.ID); s != digest.SubscriberUnsubscribed {
		t.Errorf("subscriber is %s, want unsubscribed", s)
	}
}

func TestUnsubscribeRefused(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	sub, other := f.Subscribers[0], f.Subscribers[1]
	good := compose.Token(f.Secret, sub)
	id := strconv.FormatInt(sub.ID, 10)
	flipped := []byte(good)
	flipped[len(flipped)/2] ^= 1 // still decodes, no longer verifies
	tests := []struct {
		name   string
		target string
		status int
	}{
		{"tampered token", "/unsubscribe?s=" + id + "&t=" + string(flipped), 403},
		{"token of another subscriber", "/unsubscribe?s=" + id + "&t=" + compose.Token(f.Secret, other), 403},
		{"token made with another secret", "/unsubscribe?s=" + id + "&t=" + compose.Token([]byte(strings.Repeat("x", 32)), sub), 403},
		{"token not base64", "/unsubscribe?s=" + id + "&t=%25%25", 403},
		{"unknown subscriber", "/unsubscribe?s=999999&t=" + good, 403},
		{"no token", "/unsubscribe?s=" + id, 400},
		{"no subscriber", "/unsubscribe?t=" + good, 400},
		{"subscriber not a number", "/unsubscribe?s=one&t=" + good, 400},
		{"negative subscriber", "/unsubscribe?s=-1&t=" + good, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, rq := range []request{{target: tt.target}, oneClick(tt.target)} {
				rec := rq.do(t, h, publicAddr)
				if rec.Code != tt.status {
					t.Errorf("%s %s = %d, want %d", rq.method, tt.target, rec.Code, tt.status)
				}
				if strings.Contains(rec.Body.String(), sub.Address) {
					t.Errorf("%s %s: a refused link shows the address", rq.method, tt.target)
				}
			}
		})
	}
	for _, s := range f.Subscribers {
		if st := status(t, f, s.ID); st != digest.SubscriberActive {
			t.Errorf("subscriber %d is %s after refused requests", s.ID, st)
		}
	}
}

func TestArchive(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	v := view(t, f)

	rec := request{target: "/archive"}.do(t, h, publicAddr)
	mustContain(t, rec.Body.String(), "No editions have been sent yet.")
	if rec := (request{target: "/archive/" + f.EditionID}).do(t, h, publicAddr); rec.Code != http.StatusNotFound {
		t.Errorf("a draft's web copy = %d, want 404", rec.Code)
	}

	send(t, f)
	rec = request{target: "/archive"}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /archive = %d", rec.Code)
	}
	mustContain(t, rec.Body.String(), `href="./archive/`+f.EditionID+`"`)
	mustContain(t, rec.Body.String(), html.EscapeString(v.Title))

	rec = request{target: "/archive/" + f.EditionID}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET the web copy = %d", rec.Code)
	}
	if got := rec.Header().Get("Content-Security-Policy"); got != archiveCSP {
		t.Errorf("web copy policy = %q", got)
	}
	mustContain(t, rec.Body.String(), html.EscapeString(v.Title))
	if strings.Contains(rec.Body.String(), compose.Placeholder) {
		t.Error("the web copy carries the unsubscribe placeholder")
	}

	rec = request{target: "/"}.do(t, h, publicAddr)
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "./archive" {
		t.Errorf("GET / = %d to %q, want 302 to ./archive", rec.Code, rec.Header().Get("Location"))
	}
}

// A test copy's unsubscribe link works and says it unsubscribed nobody.
func TestTestCopyLink(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		rec := request{method: method, target: "/unsubscribe?s=9223372036854775806&t=anything"}.do(t, h, publicAddr)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "test copy") {
			t.Errorf("%s: %d %s", method, rec.Code, rec.Body.String())
		}
	}
}

// Links name a subscriber by a random reference: s=13 told the list's
// size and growth. Links already sent, with the row id, keep working.
func TestLinksNameNoRowID(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	send(t, f)
	rowID := regexp.MustCompile(`[?&]s=\d+&`)
	for _, m := range f.Messages(t) {
		unsub := headerOf(t, m.Raw, "List-Unsubscribe")
		if rowID.MatchString(unsub) || rowID.MatchString(m.Body) {
			t.Errorf("a message to %s names its subscriber by row id: %s", m.To, unsub)
		}
		if !regexp.MustCompile(`unsubscribe\?s=[0-9a-f]{32}&t=`).MatchString(unsub) {
			t.Errorf("List-Unsubscribe %s: want a 32-digit reference", unsub)
		}
	}
	sub := f.Subscribers[0]
	old := "/unsubscribe?s=" + strconv.FormatInt(sub.ID, 10) + "&t=" + compose.Token(f.Secret, sub)
	if rec := (request{target: old}).do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("GET of a link sent before references = %d", rec.Code)
	}
	if rec := oneClick(old).do(t, h, publicAddr); rec.Code != http.StatusOK || status(t, f, sub.ID) != digest.SubscriberUnsubscribed {
		t.Errorf("one-click on a link sent before references = %d, subscriber %s", rec.Code, status(t, f, sub.ID))
	}
}

// An address the public face has no page at gets its own styled page,
// pointing to the archive, not the server's bare text.
func TestPublicNoSuchPage(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	rec := request{target: "/no/such/page", host: "digest.example.org"}.do(t, h, publicAddr)
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(rec.Body.String(), "The archive lists every issue") {
		t.Errorf("GET /no/such/page = %d %q\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
