package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

var preferencesLink = regexp.MustCompile(`href="([^"]*/unsubscribe\?s=[^"]+)"`)

// A confirmation link used already and clicked again by its subscriber,
// still subscribed, says they are subscribed, with their preferences and
// the latest issue; a forged token with the same subscriber and expiry
// still gets the invalid-link page, and so does the used link once they
// have left. Expiry does not matter to a used link: it did its work.
func TestUsedLinkSaysSubscribed(t *testing.T) {
	f := desktest.New(t)
	send(t, f) // a latest issue to link
	h := newSignupFace(t, f)
	const addr = "twice@example.com"
	signupForm(f, addr).do(t, h, publicAddr)
	f.SendNotices(t)
	msgs := f.Messages(t)
	link := confirmLink.FindString(msgs[len(msgs)-1].Body)
	if link == "" {
		t.Fatal("no confirmation link mailed")
	}
	if rec := (request{method: http.MethodPost, target: link}).do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("confirm = %d: %s", rec.Code, rec.Body)
	}
	f.SendNotices(t)
	sent := len(f.Messages(t))

	f.Clock.Set(f.Clock.Now().Add(72 * time.Hour)) // past the link's expiry too
	var prefs string
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		rec := request{method: method, target: link}.do(t, h, publicAddr)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "You are already subscribed") {
			t.Fatalf("%s of the used link = %d, want the already-subscribed page:\n%s", method, rec.Code, body)
		}
		if strings.Contains(body, "sign up again") {
			t.Errorf("%s of the used link asks to sign up again", method)
		}
		mustContain(t, body, `href="../archive/`+url.PathEscape(f.EditionID)+`"`) // relative, as every link of the face
		m := preferencesLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s of the used link: no preferences link:\n%s", method, body)
		}
		ref, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		prefs = (&url.URL{Path: "/subscribe/confirm"}).ResolveReference(ref).String()
	}
	f.SendNotices(t)
	if n := len(f.Messages(t)); n != sent {
		t.Errorf("the used link sent %d more messages", n-sent)
	}

	// The preferences link is the subscriber's own: it opens their page.
	rec := request{target: prefs}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), addr) {
		t.Errorf("preferences link %s = %d, not the subscriber's page", prefs, rec.Code)
	}

	// A forged token for the same subscriber and expiry is still not valid.
	forged := regexp.MustCompile(`t=[\w-]+$`).ReplaceAllString(link, "t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	for _, bad := range []string{forged, link + "x"} {
		rec := request{method: http.MethodPost, target: bad}.do(t, h, publicAddr)
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "Link not valid") ||
			strings.Contains(rec.Body.String(), "already subscribed") {
			t.Errorf("forged link %s = %d, want the invalid-link page", bad, rec.Code)
		}
	}

	// Once they have left, the used link says nothing of them.
	if rec := (request{method: http.MethodPost, target: prefs}).do(t, h, publicAddr); rec.Code >= 400 {
		t.Fatalf("unsubscribe = %d: %s", rec.Code, rec.Body)
	}
	if sub, _ := f.Store.Subscriber(t.Context(), addr); sub.Status != digest.SubscriberUnsubscribed {
		t.Fatalf("after unsubscribing the subscriber is %s", sub.Status)
	}
	rec = request{method: http.MethodPost, target: link}.do(t, h, publicAddr)
	if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "already subscribed") {
		t.Errorf("used link after unsubscribing = %d, want the invalid-link page", rec.Code)
	}
}
