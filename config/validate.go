package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/brand"
	"github.com/digest-newsletter/digest/digest/schedule"
)

type problem struct {
	field string // dotted path such as sections[1].title
	msg   string
}

// validate checks values the YAML decoder cannot: ranges, required fields
// and cross-field rules.
func (c *Config) validate() []problem {
	var ps []problem
	add := func(field, format string, args ...any) {
		ps = append(ps, problem{field, fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(c.Title) == "" {
		add("title", "must not be empty")
	}
	// What goes into mail headers must be one line: a line break there
	// is a header injection, and would fail only when sending.
	for _, f := range []struct{ field, v string }{
		{"title", c.Title}, {"mail.from", c.Mail.From}, {"mail.reply_to", c.Mail.ReplyTo},
		{"mail.envelope_sender", c.Mail.EnvelopeSender}, {"mail.list_id", c.Mail.ListID},
	} {
		if strings.ContainsFunc(f.v, unicode.IsControl) {
			add(f.field, "must be one line, without control characters")
		}
	}
	if _, err := language.Parse(c.Language); err != nil {
		add("language", "%q is not a language tag such as en or ja", c.Language)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		add("data_dir", "must not be empty")
	}
	if c.Database.URL != "" {
		ps = append(ps, validateDatabaseURL(c.Database.URL, false)...)
	}
	if strings.TrimSpace(c.Theme.Name) == "" {
		add("theme.name", "must not be empty")
	}
	if c.Theme.MinRelevance < 0 || c.Theme.MinRelevance > 1 {
		add("theme.min_relevance", "must be between 0 and 1, got %v", c.Theme.MinRelevance)
	}
	if len(c.Sections) == 0 {
		add("sections", "at least one section is needed")
	}
	seen := map[string]int{}
	for i, s := range c.Sections {
		f := fmt.Sprintf("sections[%d]", i)
		if strings.TrimSpace(s.Title) == "" {
			add(f+".title", "must not be empty")
			continue
		}
		if j, dup := seen[strings.ToLower(s.Title)]; dup {
			add(f+".title", "%q repeats sections[%d]", s.Title, j)
		}
		seen[strings.ToLower(s.Title)] = i
		if strings.TrimSpace(s.Description) == "" && len(s.Keywords) == 0 {
			add(f, "needs a description or keywords to place articles")
		}
	}
	for i, d := range c.Sources.DropFolders {
		if strings.TrimSpace(d) == "" {
			add(fmt.Sprintf("sources.drop_folders[%d]", i), "must not be empty")
		}
	}
	l := c.Limits
	positive := []struct {
		field string
		v     int64
		min   int64
	}{
		{"limits.items_per_section", int64(l.ItemsPerSection), 1},
		{"limits.sentences_per_item", int64(l.SentencesPerItem), 1},
		{"limits.words_per_item_summary", int64(l.WordsPerItemSummary), 10},
		{"limits.words_per_section_summary", int64(l.WordsPerSectionSummary), 0},
		{"limits.words_per_lead", int64(l.WordsPerLead), 0},
		{"limits.max_email_bytes", int64(l.MaxEmailBytes), 10_000},
		{"limits.max_article_bytes", l.MaxArticleBytes, 1_000},
	}
	for _, p := range positive {
		if p.v < p.min {
			add(p.field, "must be at least %d, got %d", p.min, p.v)
		}
	}
	if l.MaxAge < 0 {
		add("limits.max_age", "must not be negative (0 keeps every article), got %s", l.MaxAge)
	}
	ps = append(ps, c.validateLiveSources()...)
	ps = append(ps, c.validateSMTP()...)
	ps = append(ps, c.validateMail()...)
	ps = append(ps, c.validateSchedule()...)
	ps = append(ps, c.validateBrand()...)
	for i, raw := range c.Web.TrustedProxies {
		if _, err := parseProxy(raw); err != nil {
			add(fmt.Sprintf("web.trusted_proxies[%d]", i), "%v", err)
		}
	}
	ps = append(ps, c.validateEditors()...)
	for i, sub := range c.Subscribers {
		f := fmt.Sprintf("subscribers[%d].address", i)
		if _, err := digest.ParseAddress(sub.Address, c.SMTP.SMTPUTF8); err != nil {
			add(f, "%q: %v", digest.Printable(sub.Address), err)
		}
		if err := digest.CheckSubscriberName(sub.Name); err != nil {
			add(fmt.Sprintf("subscribers[%d].name", i), "%v", err)
		}
	}
	return ps
}

// logoTypes are the image files a logo may be, by extension, with the
// type the public face serves each as; mail clients show these.
var logoTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".svg": "image/svg+xml"}

// Backgrounds the accent colour is shown on: the pages' and the email's
// white card and the grey around it (web/static/style.css --paper and
// --wash, templates/email.html.tmpl). An accent must read on both.
var brandBackgrounds = []string{"#ffffff", "#f3f4f6"}

// validateBrand checks what readers see before any of it is shown: an
// accent readable on every background it sits on, a logo that keeps the
// layout and has a text alternative, and a cadence in words.
func (c *Config) validateBrand() []problem {
	var ps []problem
	add := func(field, format string, args ...any) {
		ps = append(ps, problem{field, fmt.Sprintf(format, args...)})
	}
	b := c.Brand
	if strings.TrimSpace(b.Name) == "" {
		add("brand.name", "must not be empty")
	}
	for _, f := range []struct{ field, v string }{{"brand.name", b.Name}, {"brand.description", b.Description},
		{"brand.cadence", b.Cadence}, {"brand.logo.alt", b.Logo.Alt}} {
		if strings.ContainsFunc(strings.TrimRight(f.v, "\n"), unicode.IsControl) {
			add(f.field, "must be one line, without control characters")
		}
	}
	if b.Accent != "" {
		for _, bg := range brandBackgrounds {
			if err := brand.Check(b.Accent, bg); err != nil {
				add("brand.accent", "%v", err)
				break
			}
		}
	}
	if l := b.Logo; l.Src != "" {
		if u, err := url.Parse(l.Src); err != nil || (u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http") {
			add("brand.logo.src", "%q must be a file path or an http or https URL", l.Src)
		} else if u.Scheme == "" {
			if _, ok := logoTypes[strings.ToLower(path.Ext(l.Src))]; !ok {
				add("brand.logo.src", "%q must be a .png, .jpg, .gif or .svg file", l.Src)
			} else if fi, err := os.Stat(c.ResolveDataPath(l.Src)); err != nil || !fi.Mode().IsRegular() {
				add("brand.logo.src", "%q is not a file (relative paths are under data_dir)", l.Src)
			}
		}
		if l.Width < 1 || l.Height < 1 {
			add("brand.logo", "width and height must be given in pixels, so the layout holds while it loads")
		}
		if strings.TrimSpace(l.Alt) == "" {
			add("brand.logo.alt", "must say what the logo shows, for readers who do not see it")
		}
	} else if l.Width != 0 || l.Height != 0 || l.Alt != "" {
		add("brand.logo.src", "must be set when width, height or alt are")
	}
	words, plain, parsed := c.cadence()
	switch {
	case !parsed: // schedule.spec or time_zone has its own problem
	case !plain && strings.TrimSpace(b.Cadence) == "":
		add("brand.cadence", "schedule.spec %q has no plain description: say when editions come in words, such as \"twice a day on weekdays\"", c.Schedule.Spec)
	case plain && strings.TrimSpace(b.Cadence) != "":
		add("brand.cadence", "must be empty: the schedule says it already (%q)", words)
	}
	return ps
}

func (c *Config) validateLiveSources() []problem {
	var ps []problem
	src := c.Sources
	if src.MaxEntries < 1 || src.MaxFetches < 1 {
		ps = append(ps, problem{"sources.max_entries", "max_entries and max_fetches must be at least 1"})
	}
	if src.SourceBudget < time.Second || src.RefreshBudget < src.SourceBudget {
		ps = append(ps, problem{"sources.source_budget", "must be at least 1s, and refresh_budget at least as long"})
	}
	for i, f := range c.Sources.Feeds {
		ps = append(ps, c.checkSource(fmt.Sprintf("sources.feeds[%d].", i), digest.LiveSource{Kind: digest.SourceFeed, URL: f.URL, Name: f.Name, Section: f.Section})...)
	}
	for i, p := range c.Sources.Pages {
		ps = append(ps, c.checkSource(fmt.Sprintf("sources.pages[%d].", i), digest.LiveSource{Kind: digest.SourcePage, URL: p.URL, Name: p.Name, Section: p.Section})...)
	}
	return ps
}

func (c *Config) validateSMTP() []problem {
	var ps []problem
	s := c.SMTP
	switch s.TLS {
	case "starttls", "tls", "off":
	default:
		ps = append(ps, problem{"smtp.tls", fmt.Sprintf("%q must be starttls, tls or off", s.TLS)})
	}
	if s.Addr != "" {
		if _, port, err := net.SplitHostPort(s.Addr); err != nil || port == "" {
			ps = append(ps, problem{"smtp.addr", fmt.Sprintf("%q must be host:port", s.Addr)})
		}
	}
	if s.Connections < 1 || s.Connections > 100 {
		ps = append(ps, problem{"smtp.connections", fmt.Sprintf("must be 1 to 100, got %d", s.Connections)})
	}
	if s.MaxPerConnection < 1 {
		ps = append(ps, problem{"smtp.max_per_connection", fmt.Sprintf("must be at least 1, got %d", s.MaxPerConnection)})
	}
	if s.MaxAttempts < 1 {
		ps = append(ps, problem{"smtp.max_attempts", fmt.Sprintf("must be at least 1, got %d", s.MaxAttempts)})
	}
	if s.RatePerSecond < 0 {
		ps = append(ps, problem{"smtp.rate_per_second", "must not be negative"})
	}
	for _, d := range []struct {
		field string
		v     time.Duration
	}{{"smtp.dial_timeout", s.DialTimeout}, {"smtp.command_timeout", s.CommandTimeout}, {"smtp.idle_timeout", s.IdleTimeout}} {
		if d.v <= 0 {
			ps = append(ps, problem{d.field, "must be a positive duration such as 30s"})
		}
	}
	return ps
}

// maxVERPPrefix is the longest verp_prefix with which every token fits
// the 64-octet local part.
const maxVERPPrefix = 10

func (c *Config) validateMail() []problem {
	var ps []problem
	m := c.Mail
	for _, f := range []struct{ field, v string }{{"mail.from", m.From}, {"mail.reply_to", m.ReplyTo}, {"mail.envelope_sender", m.EnvelopeSender}} {
		if f.v == "" && f.field != "mail.from" {
			continue
		}
		if _, err := mail.ParseAddress(f.v); err != nil {
			ps = append(ps, problem{f.field, fmt.Sprintf("%q is not an email address", f.v)})
		}
	}
	u, err := url.Parse(m.PublicURL)
	switch {
	case m.PublicURL == "" || err != nil || u.Host == "":
		ps = append(ps, problem{"mail.public_url", fmt.Sprintf("%q must be an absolute URL", m.PublicURL)})
	case u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())):
		ps = append(ps, problem{"mail.public_url", "must use https (http only on loopback)"})
	}
	if (m.DKIM.KeyFile != "") != (m.DKIM.Selector != "") {
		ps = append(ps, problem{"mail.dkim", "key_file and selector go together"})
	}
	for i, k := range m.DKIM.More {
		if k.KeyFile == "" || k.Selector == "" {
			ps = append(ps, problem{fmt.Sprintf("mail.dkim.more[%d]", i), "key_file and selector go together"})
		}
		if m.DKIM.KeyFile == "" {
			ps = append(ps, problem{fmt.Sprintf("mail.dkim.more[%d]", i), "needs mail.dkim.key_file, the first key, too"})
		}
	}
	if len(m.PostalAddress) > 300 || strings.ContainsFunc(m.PostalAddress, unicode.IsControl) {
		ps = append(ps, problem{"mail.postal_address", "must be one line of at most 300 characters"})
	}
	ps = append(ps, m.Bounces.Webhooks.validate()...)
	if b := m.Bounces; b.VERPDomain != "" {
		if !isHostName(b.VERPDomain) {
			ps = append(ps, problem{"mail.bounces.verp_domain", fmt.Sprintf("%q is not a host name", b.VERPDomain)})
		}
		// The token takes up to 53 of a local part's 64 octets (issue
		// numbers below 100000), leaving 10 for the prefix and its plus.
		if b.VERPPrefix == "" || len(b.VERPPrefix) > maxVERPPrefix || strings.ContainsAny(b.VERPPrefix, "+@\"<>()[],;: \t") {
			ps = append(ps, problem{"mail.bounces.verp_prefix", fmt.Sprintf("%q must be a plain local part of at most %d characters without + or @",
				b.VERPPrefix, maxVERPPrefix)})
		}
	}
	if a := m.Bounces.IMAP.Addr; a != "" {
		if host, port, err := net.SplitHostPort(a); err != nil || host == "" || port == "" {
			ps = append(ps, problem{"mail.bounces.imap.addr", fmt.Sprintf("%q must be host:port, such as imap.example.org:993", a)})
		}
		if m.Bounces.IMAP.Every < time.Minute {
			ps = append(ps, problem{"mail.bounces.imap.every", "must be a duration of at least 1m, such as 15m"})
		}
	}
	ps = append(ps, validatePOP3(m.Bounces)...)
	if b := m.Bounces; b.SoftLimit < 1 || b.SoftWindow <= 0 {
		ps = append(ps, problem{"mail.bounces", "soft_limit must be at least 1 and soft_window a positive duration such as 360h"})
	}
	if h := c.SMTP.HeloName; h != "" && !isHostName(h) {
		ps = append(ps, problem{"smtp.helo_name", fmt.Sprintf("%q is not a host name", h)})
	}
	return ps
}

func (c *Config) validateSchedule() []problem {
	var ps []problem
	s := c.Schedule
	loc, err := s.Location()
	if err == nil && (s.TimeZone == "" || s.TimeZone == "Local") {
		err = fmt.Errorf("unnamed zone") // slot keys carry the zone's name
	}
	if err != nil {
		ps = append(ps, problem{"schedule.time_zone", fmt.Sprintf("%q is not a time zone such as UTC or Asia/Tokyo", s.TimeZone)})
		loc = time.UTC
	}
	if _, err := schedule.Parse(s.Spec, loc); err != nil {
		ps = append(ps, problem{"schedule.spec", err.Error()})
	}
	if s.CatchUp < 0 {
		ps = append(ps, problem{"schedule.catch_up", "must not be negative"})
	}
	if s.MinNewArticles < 0 {
		ps = append(ps, problem{"schedule.min_new_articles", "must not be negative"})
	}
	if s.RefreshEvery < time.Minute {
		ps = append(ps, problem{"schedule.refresh_every", "must be at least 1m"})
	}
	for _, a := range []struct{ field, v string }{{"preview.addr", c.Preview.Addr}, {"preview.public_addr", c.Preview.PublicAddr}} {
		if _, _, err := net.SplitHostPort(a.v); err != nil {
			ps = append(ps, problem{a.field, fmt.Sprintf("%q must be host:port", a.v)})
		}
	}
	return ps
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// lineOf finds the line of a dotted field path such as sections[1].title in
// the parsed document, or 0 when the file does not set it.
func lineOf(root *yaml.Node, field string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, part := range strings.Split(field, ".") {
		name, index := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			index, _ = strconv.Atoi(part[i+1 : len(part)-1])
		}
		n = child(n, name)
		if n == nil {
			return line
		}
		line = n.Line
		if index >= 0 {
			if n.Kind != yaml.SequenceNode || index >= len(n.Content) {
				return line
			}
			n = n.Content[index]
			line = n.Line
		}
	}
	return line
}

func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// isHostName reports whether s is a DNS host name: dot-separated labels
// of letters, digits and hyphens, none starting or ending with a hyphen.
func isHostName(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// validateDatabaseURL checks a database URL; one from the file may not
// carry a secret: a password in its user info, nor a credential
// parameter (?password=, ?sslpassword=; see digest.URLSecrets). Messages
// never repeat the URL, which may hold one.
func validateDatabaseURL(raw string, fromEnv bool) []problem {
	const field = "database.url"
	if secrets := digest.URLSecrets(raw); len(secrets) > 0 && !fromEnv {
		return []problem{{field, fmt.Sprintf("holds a secret (%s), which never goes in the file: "+
			"put the whole URL in DIGEST_DATABASE_URL instead, or the password in PGPASSWORD (PGSSLPASSWORD for sslpassword)",
			strings.Join(secrets, ", "))}}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return []problem{{field, "is not a URL such as postgres://digest@db.example.org/digest"}}
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return []problem{{field, fmt.Sprintf("scheme %q: only postgres:// is supported (leave it empty for the SQLite file)", u.Scheme)}}
	}
	if u.Host == "" && u.Query().Get("host") == "" {
		return []problem{{field, "names no server (postgres://USER@HOST:PORT/DATABASE)"}}
	}
	return nil
}
