package web

import (
	"encoding/base64"
	"fmt"
	"net/http"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// previewImport reads an uploaded CSV file and shows what importing it
// would do, row by row, writing nothing. The page carries the file
// (base64, so no browser rewrites its line ends) and the plan's
// fingerprint to the Apply button: what is applied is what was shown.
func (e *editor) previewImport(w http.ResponseWriter, r *http.Request) {
	data, name, err := readUpload(w, r)
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	plan, err := e.desk.PlanImport(r.Context(), data)
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	e.pages.render(w, http.StatusOK, "import", &importPage{
		layout:   layout{Face: faceEditors, Title: "Import preview", Root: rootOf(r)},
		Plan:     plan,
		CSV:      base64.StdEncoding.EncodeToString(data),
		FileName: name,
		Groups:   groupRows(plan.Rows),
	})
}

// groupRows orders the preview: what changes first, then what is kept
// out or refused, then what is already so.
func groupRows(rows []digest.ImportRow) []importGroup {
	groups := []importGroup{
		{Action: digest.ImportAdd, ID: "added", Heading: "Added"},
		{Action: digest.ImportUpdate, ID: "updated", Heading: "Updated"},
		{Action: digest.ImportKeptOut, ID: "kept-out", Heading: "Kept out"},
		{Action: digest.ImportRefused, ID: "refused", Heading: "Refused"},
		{Action: digest.ImportUnchanged, ID: "unchanged", Heading: "Already on the list"},
	}
	for _, r := range rows {
		for i := range groups {
			if groups[i].Action == r.Action {
				groups[i].Rows = append(groups[i].Rows, r)
			}
		}
	}
	return groups
}

// applyImport writes the previewed plan, if it is still the plan.
func (e *editor) applyImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 2*desk.MaxImportBytes)
	if err := r.ParseForm(); err != nil {
		e.failPerson(w, r, &desk.Refusal{Words: "The import form was too large or cut short: preview the file again."})
		return
	}
	data, err := base64.StdEncoding.DecodeString(r.PostForm.Get("csv"))
	if err != nil || len(data) == 0 {
		e.failPerson(w, r, &desk.Refusal{Words: "The import form lost its file: preview the file again, then apply."})
		return
	}
	plan, err := e.desk.ApplyImport(r.Context(), data, r.PostForm.Get("fingerprint"))
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: fmt.Sprintf("Imported: %s.", plan.Summary())})
	seeOther(w, r, "subscribers")
}
