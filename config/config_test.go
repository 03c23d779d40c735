package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestDefaultIsValid(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatalf("embedded config: %v", err)
	}
	if c.Title == "" || c.Theme.Name == "" || len(c.Sections) < 2 || !c.Sources.Seeds {
		t.Errorf("embedded config misses essentials: %+v", c)
	}
	if c.Limits.MaxEmailBytes > 102*1024 {
		t.Errorf("max_email_bytes %d is over Gmail's clip", c.Limits.MaxEmailBytes)
	}
}

func TestFileOverlaysDefaults(t *testing.T) {
	path := write(t, "title: Weekly\nlimits:\n  items_per_section: 2\n")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Default()
	if c.Title != "Weekly" || c.Limits.ItemsPerSection != 2 {
		t.Errorf("file values not applied: title %q items %d", c.Title, c.Limits.ItemsPerSection)
	}
	if c.Theme.Name != def.Theme.Name || c.Limits.WordsPerLead != def.Limits.WordsPerLead {
		t.Errorf("defaults lost: theme %q lead %d", c.Theme.Name, c.Limits.WordsPerLead)
	}
	if c.Path() != path {
		t.Errorf("Path() = %q, want %q", c.Path(), path)
	}
}

func TestBadConfigNamesFileFieldAndLine(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown field", "title: X\nthemes:\n  name: y\n", []string{"line 2", `unknown field "themes"`}},
		{"wrong type", "limits:\n  items_per_section: lots\n", []string{"line 2", "lots"}},
		{"wrong type names the field", "limits:\n  items_per_section: five\n", []string{"line 2: limits.items_per_section: want a whole number, got \"five\""}},
		{"a misspelt field", "theme:\n  min_relevence: 0.2\n", []string{"line 2", `unknown field "min_relevence" (did you mean "min_relevance"?)`}},
		{"out of range", "theme:\n  min_relevance: 3\n", []string{"line 2", "theme.min_relevance", "between 0 and 1"}},
		{"empty section title", "sections:\n  - title: ok\n    keywords: [a]\n  - title: \"\"\n    keywords: [b]\n",
			[]string{"line 4", "sections[1].title", "must not be empty"}},
		{"duplicate section", "sections:\n  - title: A\n    keywords: [a]\n  - title: a\n    keywords: [b]\n",
			[]string{"sections[1].title", "repeats sections[0]"}},
		{"section without words", "sections:\n  - title: A\n", []string{"sections[0]", "description or keywords"}},
		{"limit too small", "limits:\n  max_email_bytes: 5\n", []string{"line 2", "limits.max_email_bytes", "at least"}},
		{"bad language", "language: not a language!\n", []string{"line 1", "language"}},
		{"not yaml", "title: [unclosed\n", []string{"line"}},
		{"empty file", "   \n", []string{"empty"}},
		{"bad schedule", "schedule:\n  spec: \"61 * * * *\"\n", []string{"line 2", "schedule.spec", "61 * * * *", "the five fields are minute (0-59)"}},
		{"a tab", "schedule:\n\tspec: x\n", []string{"line 2", "a tab? YAML indents with spaces only"}},
		{"line break in the title", "title: \"Brief\\r\\nBcc: all@example.org\"\n", []string{"line 1", "title", "one line"}},
		{"line break in the list id", "mail:\n  list_id: \"brief\\nX: y\"\n", []string{"line 2", "mail.list_id", "one line"}},
		{"a name no To header holds", "subscribers:\n  - address: a@example.org\n    name: \"A\\u0007B\"\n", []string{"subscribers[0].name", "control character"}},
		{"helo name", "smtp:\n  helo_name: \"bad name\"\n", []string{"line 2", "smtp.helo_name"}},
		{"verp prefix too long", "mail:\n  bounces:\n    verp_domain: b.example.org\n    verp_prefix: returned-mail\n",
			[]string{"line 4", "mail.bounces.verp_prefix", "at most 10"}},
		{"verp prefix with a plus", "mail:\n  bounces:\n    verp_domain: b.example.org\n    verp_prefix: a+b\n",
			[]string{"mail.bounces.verp_prefix", "without + or @"}},
		{"verp domain", "mail:\n  bounces:\n    verp_domain: \"not a host\"\n", []string{"line 3", "mail.bounces.verp_domain"}},
		{"soft limit", "mail:\n  bounces:\n    soft_limit: 0\n", []string{"mail.bounces", "soft_limit"}},
		{"imap addr", "mail:\n  bounces:\n    imap:\n      addr: imap.example.org\n", []string{"line 4", "mail.bounces.imap.addr", "host:port"}},
		{"password in the file", "smtp:\n  password: hunter2\n", []string{"line 2", "DIGEST_SMTP_PASSWORD"}},
		{"unknown zone", "schedule:\n  time_zone: Mars/Olympus\n", []string{"line 2", "schedule.time_zone", "Mars/Olympus"}},
		{"refresh too often", "schedule:\n  refresh_every: 5s\n", []string{"line 2", "schedule.refresh_every"}},
		{"bad preview addr", "preview:\n  addr: localhost\n", []string{"line 2", "preview.addr", "host:port"}},
		{"database password in the file", "database:\n  url: postgres://digest:hunter2@db/digest\n",
			[]string{"line 2", "database.url", "DIGEST_DATABASE_URL"}},
		{"database password in the query", "database:\n  url: postgres://digest@db/digest?sslmode=require&password=hunter2\n",
			[]string{"line 2", "database.url", "secret (password)", "DIGEST_DATABASE_URL", "PGPASSWORD"}},
		{"database key password in the query", "database:\n  url: postgres://digest@db/digest?SSLPassword=hunter2\n",
			[]string{"line 2", "database.url", "secret (sslpassword)", "DIGEST_DATABASE_URL", "PGSSLPASSWORD"}},
		{"database not postgres", "database:\n  url: mysql://db/digest\n", []string{"line 2", "database.url", "postgres://"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, tt.yaml)
			_, err := Load(path)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.Contains(msg, "hunter2") {
				t.Errorf("error %q repeats the secret", msg)
			}
			for _, w := range append(tt.want, path) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("want an error naming the file, got %v", err)
	}
}

func TestResolveDataPath(t *testing.T) {
	c := &Config{DataDir: "data"}
	if got := c.ResolveDataPath("drop"); got != filepath.Join("data", "drop") {
		t.Errorf("relative: %q", got)
	}
	if got := c.ResolveDataPath("/abs/drop"); got != "/abs/drop" {
		t.Errorf("absolute: %q", got)
	}
	if got := c.ResolveDataPath(""); got != "" {
		t.Errorf("empty: %q", got)
	}
}

func write(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "digest.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSMTPFromEnvironment(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGEST_SMTP_ADDR": "mail.example.org:587", "DIGEST_SMTP_TLS": "tls",
		"DIGEST_SMTP_USER": "digest", "DIGEST_SMTP_PASSWORD": "s3cret"}
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if c.SMTP.Addr != "mail.example.org:587" || c.SMTP.TLS != "tls" || c.SMTP.User != "digest" || c.SMTP.Password != "s3cret" {
		t.Errorf("smtp = %+v", c.SMTP)
	}
	env["DIGEST_SMTP_TLS"] = "maybe"
	err = c.ApplyEnv(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "smtp.tls") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("bad DIGEST_SMTP_TLS: %v", err)
	}
}

func TestBadMailSettings(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"mail:\n  public_url: http://digest.example.org\n", "mail.public_url"},
		{"mail:\n  from: not an address\n", "mail.from"},
		{"smtp:\n  addr: nohost\n", "smtp.addr"},
		{"smtp:\n  connections: 0\n", "smtp.connections"},
		{"smtp:\n  dial_timeout: 0s\n", "smtp.dial_timeout"},
		{"subscribers:\n  - address: nobody\n", "subscribers[0].address"},
	}
	for _, tt := range tests {
		_, err := Load(write(t, tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want it to name %s", tt.yaml, err, tt.want)
		}
	}
	if _, err := Load(write(t, "mail:\n  public_url: http://127.0.0.1:8081\n")); err != nil {
		t.Errorf("http on loopback refused: %v", err)
	}
}

func TestLiveSourceErrors(t *testing.T) {
	tests := []struct{ yaml, want, line string }{
		{"sources:\n  feeds:\n    - url: ftp://x.org/feed\n", "sources.feeds[0].url", "line 3"},
		{"sources:\n  pages:\n    - url: not a url\n", "sources.pages[0].url", "line 3"},
		{"sources:\n  feeds:\n    - url: https://x.org/feed\n      section: Nowhere\n", "sources.feeds[0].section", "line 4"},
	}
	for _, tt := range tests {
		_, err := Load(write(t, tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.line) {
			t.Errorf("%q: %v, want it to name %s at %s", tt.yaml, err, tt.want, tt.line)
		}
	}
	c, err := Load(write(t, "sources:\n  feeds:\n    - url: https://x.org/feed\n      name: X\n      section: diplomacy and partnership\n"))
	if err != nil || len(c.Sources.Feeds) != 1 {
		t.Errorf("good feed: %v", err)
	}
}

// DIGEST_DATABASE_URL may carry the password the file may not, and
// replaces the file's URL; a bad one is refused without echoing it.
func TestDatabaseURLFromEnvironment(t *testing.T) {
	c, err := Load(write(t, "database:\n  url: postgres://digest@db/digest\n"))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGEST_DATABASE_URL": "postgres://digest:hunter2@db2/digest"}
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil || c.Database.URL != env["DIGEST_DATABASE_URL"] || !c.Database.Shared() {
		t.Fatalf("url %q, err %v", c.Database.URL, err)
	}
	env["DIGEST_DATABASE_URL"] = "mysql://digest:hunter2@db/x"
	err = c.ApplyEnv(func(k string) string { return env[k] })
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "DIGEST_DATABASE_URL") {
		t.Errorf("error %v", err)
	}
}

// web.trusted_proxies takes networks and single addresses; anything else
// is named with its line and an example.
func TestTrustedProxies(t *testing.T) {
	c, err := Load(write(t, "web:\n  trusted_proxies: [127.0.0.1, 10.0.0.0/8, \"2001:db8::1/48\", \"::1\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Web.Proxies()
	want := []string{"127.0.0.1/32", "10.0.0.0/8", "2001:db8::/48", "::1/128"}
	if err != nil || len(got) != len(want) {
		t.Fatalf("proxies %v, %v", got, err)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("proxy %d = %s, want %s", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.internal", "10.0.0.0/8 "} {
		_, err := Load(write(t, "web:\n  trusted_proxies:\n    - 127.0.0.1\n    - \""+bad+"\"\n"))
		if bad == "10.0.0.0/8 " {
			if err != nil {
				t.Errorf("%q: %v", bad, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "line 4: web.trusted_proxies[1]") || !strings.Contains(err.Error(), "such as 10.0.0.0/8") {
			t.Errorf("%q: %v, want the field, its line and an example", bad, err)
		}
	}
	if c, _ := Default(); len(c.Web.TrustedProxies) != 0 {
		t.Errorf("the default trusts %v, want nobody", c.Web.TrustedProxies)
	}
}

// A source is checked by one rule, from the file or from the desk.
func TestCheckSource(t *testing.T) {
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	section := cfg.Sections[0].Title
	for _, tt := range []struct {
		src   digest.LiveSource
		field string
		want  string
	}{
		{digest.LiveSource{Kind: digest.SourceFeed, URL: "https://news.example/rss", Name: "News", Section: section}, "", ""},
		{digest.LiveSource{Kind: digest.SourceFeed, URL: "ftp://news.example/rss"}, "url", "must be an http or https URL"},
		{digest.LiveSource{Kind: digest.SourcePage, URL: "http://192.168.1.4/"}, "url", "192.168.1.4 is a private network address"},
		{digest.LiveSource{Kind: digest.SourcePage, URL: "http://127.0.0.1:9/"}, "url", "127.0.0.1 is a loopback address"},
		{digest.LiveSource{Kind: digest.SourceFeed, URL: "https://news.example/rss", Name: "a\nb"}, "name", "one line"},
		{digest.LiveSource{Kind: digest.SourceFeed, URL: "https://news.example/rss", Section: "Gardening"}, "section", `"Gardening" is not a section title`},
	} {
		err := cfg.CheckSource(tt.src)
		var se *SourceError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%+v refused: %v", tt.src, err)
		case tt.field != "" && (!errors.As(err, &se) || !strings.Contains(se.Field(tt.field), tt.want)):
			t.Errorf("%+v: %v; want %s: …%s…", tt.src, err, tt.field, tt.want)
		}
	}
	cfg.Sources.AllowLoopback = true
	if err := cfg.CheckSource(digest.LiveSource{Kind: digest.SourceFeed, URL: "http://127.0.0.1:9/"}); err != nil {
		t.Errorf("allow_loopback: %v", err)
	}
}
