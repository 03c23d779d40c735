package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The desk shows what an editor needs: the schedule's next slots and the
// sources' health over the editions; on an edition, when it goes out,
// each article's relevance and cleaned text, and each subscriber's
// delivery once sending starts.
func TestDeskShowsTheFacts(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	list := get(t, h, "/").Body.String()
	for _, want := range []string{`id="schedule"`, "Editions are built every Monday at 07:00", "the next one", `id="sources"`, "embedded"} {
		mustContain(t, list, want)
	}
	page := get(t, h, "/editions/"+f.EditionID).Body.String()
	v := view(t, f)
	first := v.Items[0]
	for _, want := range []string{"Goes out", "digest send " + f.EditionID, "relevance ", "Cleaned text (",
		first.Paragraphs[0][:40], "None yet: deliveries are made when sending starts."} {
		mustContain(t, page, strings.ReplaceAll(want, "'", "&#39;"))
	}
	if _, err := f.Desk.Send(t.Context(), f.EditionID, nil); err != nil {
		t.Fatal(err)
	}
	rec := get(t, h, "/editions/"+f.EditionID)
	if rec.Code != http.StatusOK {
		t.Fatalf("edition page = %d", rec.Code)
	}
	for _, s := range f.Subscribers {
		mustContain(t, rec.Body.String(), "<td>"+s.Address+"</td><td>sent</td>")
	}
}
