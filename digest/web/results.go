package web

import (
	"context"
	"net/http"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// ResultsDesk is what the editors' results page asks of the desk;
// *desk.Desk implements it.
type ResultsDesk interface {
	Results(ctx context.Context, id string) (*desk.Results, error)
}

// resultsPage is what became of one edition after it was sent.
type resultsPage struct {
	layout
	R *desk.Results
}

// resultsSample reaches every branch of the results template.
func resultsSample() *resultsPage {
	return &resultsPage{layout: layout{Face: faceEditors}, R: &desk.Results{
		Summary:   desk.Summary{EditionRecord: digest.EditionRecord{Status: digest.EditionSent}},
		Failures:  []desk.Count{{Words: "x", N: 1}},
		Bounces:   []desk.BounceGroup{{Words: "x", N: 1, Decisions: []desk.Count{{Words: "x", N: 1}}}},
		Delivered: 1, CountClicks: true, Clicks: []desk.ItemClicks{{Number: 1, Title: "x", URL: "https://example.org/", Clicks: 1}},
	}}
}

// results shows an edition's results: what was delivered, deferred and
// failed (why, in words), what bounced later and what the bounce policy
// decided, who unsubscribed after it and, when counted, clicks per item.
// Aggregates only: the page names nobody.
func (e *editor) results(w http.ResponseWriter, r *http.Request) {
	res, err := e.desk.Results(r.Context(), r.PathValue("id"))
	if err != nil {
		e.fail(w, r, err)
		return
	}
	e.pages.render(w, http.StatusOK, "results", &resultsPage{
		layout: layout{Face: faceEditors, Title: "Results: " + titleOf(res.Summary), Root: rootOf(r)},
		R:      res,
	})
}
