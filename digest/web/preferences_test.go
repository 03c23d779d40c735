package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// A subscriber who chooses one section gets only that section, with a
// lead drawn from it; the others still get the whole edition; and the
// edition is composed per choice, not per person.
func TestPreferencesShapeWhatIsSent(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	ed := view(t, f).Edition
	if len(ed.Sections) < 2 {
		t.Skip("SKIP: the fixture edition has fewer than two sections")
	}
	chosen, other := ed.Sections[0].Title, ed.Sections[1].Title
	picky, everyone := f.Subscribers[0], f.Subscribers[1]

	link := unsubscribeURL(f, picky)
	page := request{target: link}.do(t, h, publicAddr)
	mustContain(t, page.Body.String(), `id="sections"`)
	prefs := strings.Replace(link, "/unsubscribe?", "/preferences?", 1)
	rec := request{method: http.MethodPost, target: prefs, form: url.Values{"section": {chosen}}}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK {
		t.Fatalf("save preferences = %d: %s", rec.Code, rec.Body)
	}
	if sub, _ := f.Store.SubscriberByID(t.Context(), picky.ID); sub.Sections.Key() != (digest.Sections{chosen}).Key() {
		t.Fatalf("stored sections %q, want %q", sub.Sections, chosen)
	}
	bad := request{method: http.MethodPost, target: prefs, form: url.Values{"section": {"No such section"}}}.do(t, h, publicAddr)
	forged := request{method: http.MethodPost, target: prefs + "x", form: url.Values{"section": {chosen}}}.do(t, h, publicAddr)
	if bad.Code != http.StatusBadRequest || forged.Code != http.StatusForbidden {
		t.Errorf("unknown section = %d (want 400), forged link = %d (want 403)", bad.Code, forged.Code)
	}

	// The next build carries a variant for the choice.
	if err := f.Desk.Replace(t.Context(), f.EditionID); err != nil {
		t.Fatal(err)
	}
	// The editor sees the variant before approving it.
	ed2 := newEditor(t, f)
	mustContain(t, get(t, ed2, "/editions/"+f.EditionID).Body.String(), "/variants/0/email.html")
	variant := get(t, ed2, "/editions/"+f.EditionID+"/variants/0/email.html").Body.String()
	if !strings.Contains(variant, ">"+chosen+"</h2>") || strings.Contains(variant, ">"+other+"</h2>") {
		t.Errorf("the variant shown to the editor should hold %q only", chosen)
	}
	if rec := get(t, ed2, "/editions/"+f.EditionID+"/variants/9/email.html"); rec.Code != http.StatusNotFound {
		t.Errorf("an unknown variant = %d, want 404", rec.Code)
	}
	if _, err := f.Desk.Send(t.Context(), f.EditionID, nil); err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, m := range f.Messages(t) {
		bodies[m.To] = m.Body
	}
	heading := func(title string) string { return "\r\n" + title + "\r\n---" }
	if b := bodies[picky.Address]; b == "" || !strings.Contains(b, heading(chosen)) || strings.Contains(b, heading(other)) {
		t.Errorf("the picky subscriber's message should hold %q and not %q", chosen, other)
	}
	if b := bodies[everyone.Address]; b == "" || !strings.Contains(b, heading(chosen)) || !strings.Contains(b, heading(other)) {
		t.Errorf("the other subscriber's message should hold every section")
	}
}
