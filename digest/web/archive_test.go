package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/templates"
)

// archiveDesk is a public desk with n sent editions, No. n (newest,
// "ed-n") down to No. 1, each with a web copy the renderer made.
type archiveDesk struct {
	PublicDesk // nil: the archive asks only what is below
	list       []desk.Summary
	copies     map[string][]byte
}

func (d *archiveDesk) Archive(_ context.Context, limit int) ([]desk.Summary, error) {
	return d.list[:min(limit, len(d.list))], nil
}

func (d *archiveDesk) PublicHTML(_ context.Context, id string) ([]byte, error) {
	if c, ok := d.copies[id]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("edition %s: %w", id, digest.ErrNotFound)
}

func newArchiveDesk(t *testing.T, n int) *archiveDesk {
	t.Helper()
	fsys, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	d := &archiveDesk{copies: map[string][]byte{}}
	for i := n; i >= 1; i-- {
		id := fmt.Sprintf("ed-%d", i)
		at := time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(i-1))
		title := fmt.Sprintf("Harbour Weekly No. %d — %s", i, at.Format("2 January 2006"))
		ed := &digest.Edition{ID: id, Title: title, Subject: title, Issue: i, Language: "en",
			WebURL: "https://digest.example.org/archive/" + id,
			Lead:   []digest.Sentence{{Text: fmt.Sprintf("Lead of issue %d.", i), Ref: 1}},
			Sections: []digest.Section{{Title: "News", Items: []digest.Item{
				{ID: "a", Number: 1, Title: fmt.Sprintf("First story %d", i), URL: "https://news.example/a"},
				{ID: "b", Number: 2, Title: fmt.Sprintf("Second story %d", i)},
			}}}}
		html, err := r.HTML(ed)
		if err != nil {
			t.Fatal(err)
		}
		d.copies[id] = html
		d.list = append(d.list, desk.Summary{EditionRecord: digest.EditionRecord{ID: id, Title: title, Issue: i,
			Status: digest.EditionSent, BuiltAt: at, ApprovedAt: at}})
	}
	return d
}

func newArchiveFace(t *testing.T, d PublicDesk) http.Handler {
	t.Helper()
	h, err := NewPublic(d, PublicOptions{Addr: publicAddr, PublicURL: "https://digest.example.org",
		Secret: bytes.Repeat([]byte("s"), 32)})
	if err != nil {
		t.Fatalf("NewPublic: %v", err)
	}
	return h
}

var archiveLink = regexp.MustCompile(`<h2><a href="\./archive/(ed-\d+)">`)

// The archive index lists twenty issues a page, newest first, each with
// its number, date, lead and item titles, and links the pages either side.
func TestArchiveIndexPages(t *testing.T) {
	h := newArchiveFace(t, newArchiveDesk(t, 45))
	tests := []struct {
		target      string
		status      int
		first, last string
		prev, next  string
	}{
		{"/archive", http.StatusOK, "ed-45", "ed-26", "", "./archive?page=2"},
		{"/archive?page=1", http.StatusOK, "ed-45", "ed-26", "", "./archive?page=2"},
		{"/archive?page=2", http.StatusOK, "ed-25", "ed-6", "./archive", "./archive?page=3"},
		{"/archive?page=3", http.StatusOK, "ed-5", "ed-1", "./archive?page=2", ""},
		{"/archive?page=4", http.StatusNotFound, "", "", "", ""},
		{"/archive?page=0", http.StatusNotFound, "", "", "", ""},
		{"/archive?page=x", http.StatusNotFound, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := request{target: tt.target}.do(t, h, publicAddr)
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d", tt.target, rec.Code, tt.status)
			}
			if tt.status != http.StatusOK {
				return
			}
			body := rec.Body.String()
			ids := archiveLink.FindAllStringSubmatch(body, -1)
			if len(ids) == 0 || ids[0][1] != tt.first || ids[len(ids)-1][1] != tt.last {
				t.Errorf("listed %v, want %s … %s", ids, tt.first, tt.last)
			}
			if len(ids) > archivePerPage {
				t.Errorf("%d issues on a page", len(ids))
			}
			var n int
			fmt.Sscanf(tt.first, "ed-%d", &n)
			for _, want := range []string{
				fmt.Sprintf("No. %d", n),
				fmt.Sprintf(`<time datetime="%s">`, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(n-1)).Format("2006-01-02")),
				fmt.Sprintf("<p>Lead of issue %d.</p>", n),
				fmt.Sprintf("<li>First story %d</li>", n),
				fmt.Sprintf("<li>Second story %d</li>", n),
			} {
				mustContain(t, body, want)
			}
			for rel, want := range map[string]string{"prev": tt.prev, "next": tt.next} {
				link := `rel="` + rel + `" href="` + strings.ReplaceAll(want, "&", "&amp;") + `"`
				if has := strings.Contains(body, `rel="`+rel+`"`); has != (want != "") || want != "" && !strings.Contains(body, link) {
					t.Errorf("rel=%s link: want %q in\n%s", rel, want, body)
				}
			}
		})
	}
}

// An archived issue links the issues either side, the archive and the
// sign-up page; says nothing of subscribing to a web visitor; and
// carries its description, canonical URL and Open Graph metadata.
func TestArchivedIssuePage(t *testing.T) {
	d := newArchiveDesk(t, 3)
	// A copy stored before web copies had a description, with the footer
	// line every copy had then.
	legacy := string(d.copies["ed-1"])
	legacy = regexp.MustCompile(`\n<meta name="description"[^>]*>`).ReplaceAllString(legacy, "")
	legacy = strings.Replace(legacy, "</tbody></table>\n</td></tr></tbody>",
		`<tr><td><p style="margin:0;">You receive this digest because you subscribed.</p></td></tr></tbody></table>`+"\n</td></tr></tbody>", 1)
	d.copies["ed-1"] = []byte(legacy)
	h := newArchiveFace(t, d)
	tests := []struct {
		id, prev, next string
	}{
		{"ed-2", "../archive/ed-1", "../archive/ed-3"},
		{"ed-3", "../archive/ed-2", ""},
		{"ed-1", "", "../archive/ed-2"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rec := request{target: "/archive/" + tt.id}.do(t, h, publicAddr)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET = %d", rec.Code)
			}
			if got := rec.Header().Get("Content-Security-Policy"); got != archiveCSP {
				t.Errorf("policy = %q", got)
			}
			body := rec.Body.String()
			var n int
			fmt.Sscanf(tt.id, "ed-%d", &n)
			url := "https://digest.example.org/archive/" + tt.id
			lead := fmt.Sprintf("Lead of issue %d.", n)
			for _, want := range []string{
				`<html lang="en">`,
				fmt.Sprintf("<title>Harbour Weekly No. %d", n),
				`<meta name="description" content="` + lead + `"/>`,
				`<link rel="canonical" href="` + url + `"/>`,
				`<meta property="og:type" content="article"/>`,
				fmt.Sprintf(`<meta property="og:title" content="Harbour Weekly No. %d`, n),
				`<meta property="og:description" content="` + lead + `"/>`,
				`<meta property="og:url" content="` + url + `"/>`,
				`<nav aria-label="Issues"`, `<nav aria-label="More issues"`,
				`href="../archive"`, `href="../subscribe"`,
			} {
				mustContain(t, body, want)
			}
			if strings.Contains(body, "because you subscribed") {
				t.Error("the web copy tells a visitor they subscribed")
			}
			if c := strings.Count(body, `name="description"`); c != 1 {
				t.Errorf("%d descriptions", c)
			}
			for rel, want := range map[string]string{"prev": tt.prev, "next": tt.next} {
				if got := relHrefs(body, rel); want == "" && len(got) != 0 || want != "" && (len(got) != 2 || got[0] != want || got[1] != want) {
					t.Errorf("rel=%s links %q, want %q above and below", rel, got, want)
				}
			}
		})
	}
}

// relHrefs are the hrefs of the links with rel.
func relHrefs(body, rel string) []string {
	var out []string
	for _, a := range regexp.MustCompile(`<a [^>]*>`).FindAllString(body, -1) {
		if strings.Contains(a, ` rel="`+rel+`"`) {
			if m := regexp.MustCompile(` href="([^"]*)"`).FindStringSubmatch(a); m != nil {
				out = append(out, m[1])
			}
		}
	}
	return out
}
