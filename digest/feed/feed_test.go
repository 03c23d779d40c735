package feed

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return data
}

// wantEntry lists what a test checks of an entry. Paragraphs, when set, is
// the whole text; Contains and Absent check pieces of it.
type wantEntry struct {
	GUID       string
	URL        string
	Title      string
	Authors    []string
	Published  string // RFC 3339 with the stated offset, "" for unknown
	Excerpt    bool
	Paragraphs []string
	Absent     []string
}

func checkEntry(t *testing.T, got Entry, want wantEntry) {
	t.Helper()
	if got.GUID != want.GUID {
		t.Errorf("GUID = %q, want %q", got.GUID, want.GUID)
	}
	if got.URL != want.URL {
		t.Errorf("URL = %q, want %q", got.URL, want.URL)
	}
	if got.Title != want.Title {
		t.Errorf("Title = %q, want %q", got.Title, want.Title)
	}
	if !slices.Equal(got.Authors, want.Authors) {
		t.Errorf("Authors = %q, want %q", got.Authors, want.Authors)
	}
	if gotDate := formatDate(got.Published); gotDate != want.Published {
		t.Errorf("Published = %q, want %q", gotDate, want.Published)
	}
	if got.Excerpt != want.Excerpt {
		t.Errorf("Excerpt = %v, want %v", got.Excerpt, want.Excerpt)
	}
	if want.Paragraphs != nil {
		if gotParas := strings.Split(got.Text, "\n\n"); !slices.Equal(gotParas, want.Paragraphs) {
			t.Errorf("Text paragraphs =\n%q\nwant\n%q", gotParas, want.Paragraphs)
		}
	}
	for _, s := range want.Absent {
		if strings.Contains(got.Text, s) {
			t.Errorf("Text contains %q:\n%s", s, got.Text)
		}
	}
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		fixture   string
		feedURL   string
		wantTitle string
		want      []wantEntry
	}{
		{
			fixture:   "rss_content.xml",
			feedURL:   "https://review.example.org/feed.xml",
			wantTitle: "Harbour & Alliance Review",
			want: []wantEntry{
				{
					GUID:      "tag:review.example.org,2024:sensor-network",
					URL:       "https://review.example.org/2024/05/sensor-network/?page=2",
					Title:     "Ports pilot shared sensor network",
					Authors:   []string{"Aiko Tanaka", "Lars Pedersen"},
					Published: "2024-05-14T09:30:00+09:00",
					Excerpt:   false,
					Paragraphs: []string{
						"Three harbour authorities agreed on Monday to pool data from coastal radar, sonar buoys and patrol drones into one shared picture of the approaches to their ports, officials said.",
						"The pilot runs for eighteen months. Engineers from each port will staff a joint cell that checks sensor tracks against ship identification broadcasts & flags vessels that switch their transponders off near the breakwaters.",
						"Radar feeds every ten seconds",
						"Buoy reports hourly",
						"Funding comes from the participating cities and a regional fund for resilient infrastructure; the organisers expect a first public report on detection rates, false alarms and the cost of running the cell before the end of the following year, with a decision on a permanent network to follow.",
					},
					Absent: []string{"alert", "onerror", "teaser"},
				},
				{
					URL:        "https://review.example.org/2024/05/editorial",
					Title:      "Editorial: why data sharing matters",
					Authors:    []string{"Kenji Sato"},
					Published:  "2024-05-15T06:00:00Z",
					Excerpt:    true, // description only
					Paragraphs: []string{"Sharing sensor data is cheap; sharing trust is not."},
				},
				{
					GUID:       "https://review.example.org/2024/05/correction",
					URL:        "https://review.example.org/2024/05/correction", // permalink guid
					Title:      "Correction",
					Published:  "2024-05-16T12:00:00Z",
					Excerpt:    true, // full content, but short
					Paragraphs: []string{"An earlier version of this story misstated the length of the pilot."},
				},
			},
		},
		{
			fixture:   "atom_summary.xml",
			feedURL:   "https://watch.example.net/feeds/atom.xml",
			wantTitle: "Northern Straits Watch",
			want: []wantEntry{
				{
					GUID:       "urn:uuid:5a2e7b00-0000-4000-8000-000000000002",
					URL:        "https://watch.example.net/articles/joint-rescue.html",
					Title:      "Coast guards rehearse joint rescue",
					Authors:    []string{"Mika Honda"},
					Published:  "2024-03-01T08:15:00+09:00",
					Excerpt:    true,
					Paragraphs: []string{"Crews from two navies practised a night rescue."},
				},
				{
					GUID:       "urn:uuid:5a2e7b00-0000-4000-8000-000000000003",
					URL:        "https://watch.example.net/briefings/week-9",
					Title:      "Weekly briefing",
					Authors:    []string{"Desk Staff"}, // inherited from the feed
					Published:  "2024-03-02T10:00:00Z", // only <updated>
					Excerpt:    true,
					Paragraphs: []string{"Plain summary text.", "Second paragraph of the summary."},
				},
			},
		},
		{
			fixture:   "jsonfeed.json",
			feedURL:   "https://notes.example.com/feed.json",
			wantTitle: "Alliance Tech Notes",
			want: []wantEntry{
				{
					GUID:      "note-101",
					URL:       "https://notes.example.com/posts/101?a=1&b=2",
					Title:     "Satellite links tested between allies",
					Authors:   []string{"Rui Mori", "Eva Lindqvist"},
					Published: "2024-04-10T07:00:00+02:00",
					Excerpt:   false,
					Paragraphs: []string{
						"Background",
						"Engineers connected two ground stations through a commercial satellite constellation and measured latency, packet loss and recovery after a simulated jamming attempt over a period of several days.",
						"The results, published in a technical annex, show that links recovered within seconds in most trials and that encrypted voice remained usable throughout, although video feeds degraded noticeably when the jamming signal was strongest and the weather was poor.",
						"Further trials are planned with additional partners and with ships at sea, where antennas move constantly and the geometry of the links changes from minute to minute.",
					},
				},
				{
					GUID:       "note-102",
					URL:        "https://notes.example.com/posts/102",
					Title:      "Reading list",
					Published:  "2024-04-11T09:00:00Z",
					Excerpt:    true,
					Paragraphs: []string{"First line of the list.", "Second paragraph, wrapped over two lines."},
				},
				{
					GUID:       "note-103",
					Title:      "Summary only",
					Excerpt:    true,
					Paragraphs: []string{"A one-line summary of a longer piece."},
				},
			},
		},
		{
			fixture:   "latin1.xml",
			feedURL:   "https://revue.example.fr/rss",
			wantTitle: "Revue de défense",
			want: []wantEntry{
				{
					URL:        "https://revue.example.fr/articles/cooperation",
					Title:      "Coopération navale « renforcée »",
					Published:  "2024-06-03T10:00:00+02:00",
					Excerpt:    true,
					Paragraphs: []string{"Les équipages ont mené un exercice commun près de l'île."},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			feed, err := Parse(readFixture(t, tt.fixture), tt.feedURL)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if feed.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", feed.Title, tt.wantTitle)
			}
			if len(feed.Entries) != len(tt.want) {
				t.Fatalf("got %d entries, want %d: %+v", len(feed.Entries), len(tt.want), feed.Entries)
			}
			for i, want := range tt.want {
				t.Run(want.Title, func(t *testing.T) { checkEntry(t, feed.Entries[i], want) })
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const feedURL = "https://errors.example.org/feed"
	tests := []struct {
		name     string
		data     []byte
		wantIs   error  // nil when no sentinel applies
		wantText string // part of the message
	}{
		{"malformed XML", readFixture(t, "malformed.xml"), nil, "XML syntax error"},
		{"HTML page", readFixture(t, "html_page.html"), ErrHTMLPage, "not a feed: looks like an HTML page"},
		{"XHTML page", []byte(`<?xml version="1.0"?><!-- served as XML --><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`), ErrHTMLPage, "looks like an HTML page"},
		{"empty file", readFixture(t, "empty.xml"), ErrEmpty, "empty body"},
		{"whitespace only", []byte(" \r\n\t "), ErrEmpty, "empty body"},
		{"plain text", []byte("just some words"), nil, "detect feed type"},
		{"truncated JSON", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [`), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse(tt.data, feedURL)
			if err == nil {
				t.Fatalf("Parse succeeded with %d entries, want an error", len(feed.Entries))
			}
			if feed != nil {
				t.Errorf("Parse returned a feed along with error %v", err)
			}
			if !strings.Contains(err.Error(), feedURL) {
				t.Errorf("error %q does not name the feed URL", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %q is not %v", err, tt.wantIs)
			}
			if tt.wantIs == nil && (errors.Is(err, ErrHTMLPage) || errors.Is(err, ErrEmpty)) {
				t.Errorf("error %q wrongly matches a sentinel", err)
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	feed, err := Parse(readFixture(t, "odd_dates.xml"), "https://dates.example.org/feed")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := map[string]string{ // entry title -> RFC 3339, "" for unknown
		"gmt offset":               "2024-06-04T08:05:00+02:00",
		"sql style":                "2024-06-05T14:30:00Z",
		"single digit day no zone": "2024-06-06T10:00:00Z",
		"named zone":               "2024-06-07T09:00:00+09:00",
		"ordinal":                  "2024-06-08T00:00:00Z",
		"wrong weekday":            "2024-06-09T11:00:00+01:00",
		"dublin core":              "2024-06-10T12:00:00-04:00",
		"garbage":                  "",
		"placeholder":              "",
		"none":                     "",
	}
	if len(feed.Entries) != len(want) {
		t.Fatalf("got %d entries, want %d", len(feed.Entries), len(want))
	}
	for _, e := range feed.Entries {
		wantDate, ok := want[e.Title]
		if !ok {
			t.Errorf("unexpected entry %q", e.Title)
			continue
		}
		if got := formatDate(e.Published); got != wantDate {
			t.Errorf("%s: Published = %q, want %q", e.Title, got, wantDate)
		}
	}
}

func TestParseOddDate(t *testing.T) {
	tests := []struct {
		raw  string
		want string // RFC 3339, "" when the fallback must refuse
	}{
		{"Mon, 2 Jan 2006 15:04:05 GMT+2", "2006-01-02T15:04:05+02:00"},
		{"Mon, 02 Jan 2006 15:04:05 UTC-05:30", "2006-01-02T15:04:05-05:30"},
		{"Mon, 2 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z"},
		{"2006-01-02 15:04:05", "2006-01-02T15:04:05Z"},
		{"2006-01-02T15:04:05.250+0900", "2006-01-02T15:04:05.25+09:00"},
		{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05Z"},
		{"2006/1/2 15:04", "2006-01-02T15:04:00Z"},
		{"Monday, January 2nd, 2006 3:04 PM", "2006-01-02T15:04:00Z"},
		{"tue, 2 JAN 2006 15:04 +0100", "2006-01-02T15:04:00+01:00"},
		{"Mon, 02 Jan 2006 15:04:05 +0900 (Japan Standard Time)", "2006-01-02T15:04:05+09:00"},
		{"  2   Jan   2006  ", "2006-01-02T00:00:00Z"},
		{"Mon, 2 Jan 2006 15:04:05 XYZ", ""}, // unknown zone: refuse rather than guess
		{"2 Janvier 2006", ""},               // localised month names are out of scope
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := parseOddDate(tt.raw)
			if tt.want == "" {
				if ok {
					t.Errorf("parseOddDate(%q) = %v, want no date", tt.raw, got)
				}
				return
			}
			if !ok {
				t.Fatalf("parseOddDate(%q) found no date, want %s", tt.raw, tt.want)
			}
			if s := got.Format(time.RFC3339Nano); s != tt.want {
				t.Errorf("parseOddDate(%q) = %s, want %s", tt.raw, s, tt.want)
			}
		})
	}
}

func TestParseLinks(t *testing.T) {
	rss := func(link, guid string) []byte {
		return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>` +
			`<item><title>One</title><link>` + link + `</link><guid>` + guid + `</guid></item></channel></rss>`)
	}
	tests := []struct {
		name    string
		data    []byte
		feedURL string
		wantURL string
	}{
		{"root-relative", rss("/a/b.html", ""), "https://site.example/feeds/all.xml", "https://site.example/a/b.html"},
		{"path-relative", rss("b.html", ""), "https://site.example/feeds/all.xml", "https://site.example/feeds/b.html"},
		{"parent-relative", rss("../b.html", ""), "https://site.example/feeds/x/all.xml", "https://site.example/feeds/b.html"},
		{"scheme-relative", rss("//cdn.example/b", ""), "https://site.example/feed", "https://cdn.example/b"},
		{"absolute kept", rss("http://other.example/b", ""), "https://site.example/feed", "http://other.example/b"},
		{"canonicalised", rss("HTTP://Site.Example:80/b?utm_campaign=x#top", ""), "https://site.example/feed", "http://site.example/b"},
		{"relative without feed URL", rss("/a/b.html", "id-1"), "", ""},
		{"relative guid is not a link", rss("", "/posts/1"), "https://site.example/feed", ""},
		{"non-web link", rss("mailto:desk@site.example", ""), "https://site.example/feed", ""},
		{"xml:base", []byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/">` +
			`<title>B</title><entry><title>One</title><id>1</id><link href="post-1"/></entry></feed>`), "https://elsewhere.example/atom", "https://base.example/blog/post-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse(tt.data, tt.feedURL)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(feed.Entries) != 1 {
				t.Fatalf("got %d entries, want 1", len(feed.Entries))
			}
			if got := feed.Entries[0].URL; got != tt.wantURL {
				t.Errorf("URL = %q, want %q", got, tt.wantURL)
			}
		})
	}
}

func TestParseExcerpt(t *testing.T) {
	long := strings.Repeat("Allied engineers compared notes on the new radar. ", 12) // 96 words
	short := "Allied engineers compared notes on the new radar."
	item := func(description, content string) []byte {
		return []byte(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">` +
			`<channel><title>X</title><item><title>T</title><link>https://x.example/1</link>` +
			`<description><![CDATA[` + description + `]]></description>` +
			`<content:encoded><![CDATA[` + content + `]]></content:encoded></item></channel></rss>`)
	}
	tests := []struct {
		name        string
		data        []byte
		wantExcerpt bool
		wantWords   int
	}{
		{"long content", item(short, "<p>"+long+"</p>"), false, 96},
		{"short content", item("", "<p>"+short+"</p>"), true, 8},
		{"long description only", item("<p>"+long+"</p>", ""), true, 96},
		{"content without text falls back to description", item(short, `<p><img src="a.png"></p>`), true, 8},
		{"nothing at all", item("", ""), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse(tt.data, "https://x.example/feed")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(feed.Entries) != 1 {
				t.Fatalf("got %d entries, want 1", len(feed.Entries))
			}
			e := feed.Entries[0]
			if e.Excerpt != tt.wantExcerpt {
				t.Errorf("Excerpt = %v, want %v", e.Excerpt, tt.wantExcerpt)
			}
			if n := len(strings.Fields(e.Text)); n != tt.wantWords {
				t.Errorf("text has %d words, want %d: %q", n, tt.wantWords, e.Text)
			}
		})
	}
}

func TestParseSkipsBlankItems(t *testing.T) {
	data := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>` +
		`<item></item><item><title>Kept</title></item><item><description>   </description></item></channel></rss>`)
	feed, err := Parse(data, "https://x.example/feed")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Title != "Kept" {
		t.Errorf("entries = %+v, want only the titled one", feed.Entries)
	}
}
