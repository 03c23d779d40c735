package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/templates"
)

// TestArticleTextEscaped renders the edition page over articles whose
// text is hostile: every piece of it must come out as text.
func TestArticleTextEscaped(t *testing.T) {
	const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	v := &desk.View{
		Summary:  desk.Summary{EditionRecord: digest.EditionRecord{ID: `e"1`, Title: hostile, Status: digest.EditionDraft, Note: hostile}},
		Text:     []byte(hostile),
		JSON:     []byte(`{"title":"` + strings.ReplaceAll(hostile, `"`, `\"`) + `"}`),
		Sections: []string{hostile},
		Edition:  &digest.Edition{Title: hostile, Preheader: hostile},
		Items: []desk.Item{
			{ArticleID: `a"><script>`, Title: hostile, Source: hostile, URL: "javascript:alert(1)", Section: hostile},
			{ArticleID: "b", Title: hostile, Source: hostile, Reason: hostile},
		},
	}
	pg, err := parsePages(nil, slog.New(slog.DiscardHandler), editorSamples())
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	pg.render(rec, http.StatusOK, "edition", &editionPage{
		layout:  layout{Face: faceEditors, Title: hostile, Root: "../", Flash: &flash{Text: hostile}},
		View:    v,
		Groups:  groupItems(v.Items, v.Sections),
		Headers: [][2]string{{"Subject", hostile}},
		Text:    string(v.Text),
		JSON:    prettyJSON(v.JSON),
		Sentences: []desk.SummarySentence{{Place: hostile, Text: hostile, ArticleID: hostile, ArticleTitle: hostile,
			Alternatives: []string{hostile}}},
		Note: digest.EditorNote{Intro: hostile, Subject: hostile, Preheader: hostile},
	})
	body := rec.Body.String()
	for _, bad := range []string{"<script", "<img", "javascript:"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	if !strings.Contains(body, "&lt;script&gt;") {
		t.Error("the hostile text does not appear escaped at all")
	}
}

func TestParsePagesRefusesBrokenTemplates(t *testing.T) {
	embedded, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	layoutSrc := mustRead(t, embedded, layoutFile)
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"syntax error", fstest.MapFS{layoutFile: {Data: []byte(layoutSrc)},
			"web/error.tmpl": {Data: []byte(`{{define "content"}}{{if}}{{end}}`)}}, "error.tmpl"},
		{"unknown field", fstest.MapFS{layoutFile: {Data: []byte(layoutSrc)},
			"web/error.tmpl": {Data: []byte(`{{define "content"}}{{.NoSuchField}}{{end}}`)}}, "NoSuchField"},
		{"no layout", fstest.MapFS{"web/error.tmpl": {Data: []byte(`{{define "content"}}{{end}}`)}}, layoutFile},
		{"no page", fstest.MapFS{layoutFile: {Data: []byte(layoutSrc)}}, "web/error.tmpl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePages(tt.files, slog.New(slog.DiscardHandler), map[string]any{"error": &errorPage{}})
			if err == nil {
				t.Fatal("parsePages succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name %q", err, tt.want)
			}
		})
	}
}

func TestTemplatesOverride(t *testing.T) {
	embedded, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{}
	for _, name := range []string{layoutFile, "web/archive.tmpl", "web/unsubscribe.tmpl", "web/subscribe.tmpl"} {
		files[name] = &fstest.MapFile{Data: []byte(mustRead(t, embedded, name))}
	}
	files["web/error.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "content"}}<p class="custom">{{.Heading}}</p>{{end}}`)}
	h, err := NewPublic(desktestDesk(t), PublicOptions{Addr: publicAddr, Templates: files})
	if err != nil {
		t.Fatal(err)
	}
	rec := request{target: "/archive/none"}.do(t, h, publicAddr)
	mustContain(t, rec.Body.String(), `<p class="custom">Not found</p>`)
}

func TestGroupItems(t *testing.T) {
	items := []desk.Item{
		{ArticleID: "1", Section: "B"},
		{ArticleID: "2", Section: "A"},
		{ArticleID: "3"},
		{ArticleID: "4", Section: "Gone"},
		{ArticleID: "5", Section: "B"},
		{ArticleID: "6", Excluded: true},
	}
	type group struct {
		title   string
		leftOut bool
		ids     []string
	}
	tests := []struct {
		name     string
		items    []desk.Item
		sections []string
		want     []group
	}{
		{"config order, left out last", items, []string{"A", "B", "C"}, []group{
			{"A", false, []string{"2"}}, {"B", false, []string{"1", "5"}}, {"C", false, nil},
			{"Gone", false, []string{"4"}}, {"Left out", true, []string{"3", "6"}}}},
		{"no sections configured", items[:2], nil, []group{{"B", false, []string{"1"}}, {"A", false, []string{"2"}}}},
		{"nothing", nil, []string{"A"}, []group{{"A", false, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []group
			for _, g := range groupItems(tt.items, tt.sections) {
				var ids []string
				for _, it := range g.Items {
					ids = append(ids, it.ArticleID)
				}
				got = append(got, group{g.Title, g.LeftOut, ids})
			}
			if !slices.EqualFunc(got, tt.want, func(a, b group) bool {
				return a.title == b.title && a.leftOut == b.leftOut && slices.Equal(a.ids, b.ids)
			}) {
				t.Errorf("groups = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeliveryCounts(t *testing.T) {
	got := deliveryCounts(digest.DeliveryCounts{"failed": 1, "sent": 5, "bounced": 2, "pending": 0, "deferred": 3, "archived": 1})
	want := []count{{"sent", 5}, {"deferred", 3}, {"failed", 1}, {"archived", 1}, {"bounced", 2}}
	if !slices.Equal(got, want) {
		t.Errorf("deliveryCounts = %v, want %v", got, want)
	}
	if got := deliveryCounts(nil); len(got) != 0 {
		t.Errorf("deliveryCounts(nil) = %v", got)
	}
}

func TestRootOf(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/", "./"},
		{"/archive", "./"},
		{"/editions/x", "../"},
		{"/editions/x/change", "../../"},
	}
	for _, tt := range tests {
		if got := rootOf(httptest.NewRequest("GET", tt.path, nil)); got != tt.want {
			t.Errorf("rootOf(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestAllowedHosts(t *testing.T) {
	tests := []struct {
		name    string
		addr    string
		urls    []string
		extra   []string
		want    []string
		wantErr bool
	}{
		{"loopback", "127.0.0.1:8080", nil, nil, []string{"127.0.0.1:8080", "[::1]:8080", "localhost:8080"}, false},
		{"other loopback ip", "127.0.0.2:8080", nil, nil,
			[]string{"127.0.0.1:8080", "127.0.0.2:8080", "[::1]:8080", "localhost:8080"}, false},
		{"named", "desk.example.org:8080", nil, nil, []string{"desk.example.org:8080"}, false},
		{"all interfaces with extra", "0.0.0.0:8080", nil, []string{"Desk.Example.org."}, []string{"desk.example.org"}, false},
		{"public url", "", []string{"https://Digest.Example.org/news"}, nil, []string{"digest.example.org"}, false},
		{"public url with default port", "", []string{"https://digest.example.org:443"}, nil,
			[]string{"digest.example.org", "digest.example.org:443"}, false},
		{"public url with other port", "", []string{"http://digest.example.org:8443"}, nil, []string{"digest.example.org:8443"}, false},
		{"all interfaces alone", "0.0.0.0:8080", nil, nil, nil, true},
		{"relative public url", "127.0.0.1:1", []string{"/news"}, nil, nil, true},
		{"bad addr", "8080", nil, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := allowedHosts(tt.addr, tt.urls, tt.extra)
			if (err != nil) != tt.wantErr {
				t.Fatalf("allowedHosts error = %v, want error %v", err, tt.wantErr)
			}
			var keys []string
			for h := range got {
				keys = append(keys, h)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.want) {
				t.Errorf("hosts = %v, want %v", keys, tt.want)
			}
		})
	}
}
