// Package config loads and validates the digest configuration. The default
// configuration is embedded, so the binary runs with no file at all; a file
// given with --config is laid over it, field by field.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"go.yaml.in/yaml/v3"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/brand"
	"github.com/digest-newsletter/digest/digest/schedule"
)

//go:embed digest.yaml
var defaultYAML []byte

// DefaultName is what error messages call the embedded configuration.
const DefaultName = "embedded config/digest.yaml"

// Config is the whole configuration. Secrets never come from the file:
// ApplyEnv sets them from the environment.
type Config struct {
	Title     string    `yaml:"title"`
	Language  string    `yaml:"language"`
	DataDir   string    `yaml:"data_dir"`
	Templates string    `yaml:"templates"`
	Brand     Brand     `yaml:"brand"`
	Theme     Theme     `yaml:"theme"`
	Sections  []Section `yaml:"sections"`
	Sources   Sources   `yaml:"sources"`
	Limits    Limits    `yaml:"limits"`
	Mail      Mail      `yaml:"mail"`
	SMTP      SMTP      `yaml:"smtp"`
	Database  Database  `yaml:"database"`
	// Outbox is the folder messages are written to when no SMTP server is
	// configured, relative to data_dir.
	Outbox      string       `yaml:"outbox"`
	Subscribers []Subscriber `yaml:"subscribers"`
	Schedule    Schedule     `yaml:"schedule"`
	Preview     Preview      `yaml:"preview"`
	Web         Web          `yaml:"web"`
	// Secrets are set from the environment by ApplyEnv, never from the
	// file.
	Secrets Secrets `yaml:"-"`

	// path is where the file came from, for messages.
	path string
}

// Theme is the config form of digest.Theme.
type Theme struct {
	Name         string   `yaml:"name"`
	Description  string   `yaml:"description"`
	Keywords     []string `yaml:"keywords"`
	MinRelevance float64  `yaml:"min_relevance"`
}

// Brand is the config form of digest.Brand: how the newsletter presents
// itself on the sign-up page, in the welcome mail and in the masthead.
type Brand struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Logo        Logo   `yaml:"logo"`
	// Accent is a colour (#rgb or #rrggbb) for the masthead and links,
	// checked against the pages' and the email's backgrounds.
	Accent string `yaml:"accent"`
	// Cadence is when editions come, in words, for a schedule with no
	// plain description (schedule.Schedule.Cadence); otherwise the
	// schedule's own words are used and this must be empty, so the two
	// cannot disagree.
	Cadence string `yaml:"cadence"`
}

// Logo is an image file or URL with the size and text it needs.
type Logo struct {
	Src    string `yaml:"src"`
	Width  int    `yaml:"width"`
	Height int    `yaml:"height"`
	Alt    string `yaml:"alt"`
}

// Section is the config form of digest.SectionSpec.
type Section struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Keywords    []string `yaml:"keywords"`
}

// Sources says where articles come from.
type Sources struct {
	Seeds       bool     `yaml:"seeds"`
	DropFolders []string `yaml:"drop_folders"`
	Feeds       []Feed   `yaml:"feeds"`
	Pages       []Page   `yaml:"pages"`
	// The fetcher refuses loopback and private addresses (SSRF) unless
	// these allow them, for tests and intranet sources.
	AllowLoopback bool `yaml:"allow_loopback"`
	AllowPrivate  bool `yaml:"allow_private"`
	// What one refresh may do: entries per feed (the newest), time per
	// source and in all, and requests in flight at once.
	MaxEntries    int           `yaml:"max_entries"`
	SourceBudget  time.Duration `yaml:"source_budget"`
	RefreshBudget time.Duration `yaml:"refresh_budget"`
	MaxFetches    int           `yaml:"max_fetches"`
}

// Feed is an RSS, Atom or JSON feed.
type Feed struct {
	URL     string `yaml:"url"`
	Name    string `yaml:"name"`
	Section string `yaml:"section"` // optional: the section its articles go to
}

// Page is a single web page.
type Page struct {
	URL     string `yaml:"url"`
	Name    string `yaml:"name"`
	Section string `yaml:"section"`
}

// Limits is the config form of digest.Limits plus input limits.
type Limits struct {
	ItemsPerSection        int   `yaml:"items_per_section"`
	SentencesPerItem       int   `yaml:"sentences_per_item"`
	WordsPerItemSummary    int   `yaml:"words_per_item_summary"`
	WordsPerSectionSummary int   `yaml:"words_per_section_summary"`
	WordsPerLead           int   `yaml:"words_per_lead"`
	MaxEmailBytes          int   `yaml:"max_email_bytes"`
	MaxArticleBytes        int64 `yaml:"max_article_bytes"`
	// MaxAge leaves out articles from feeds and web pages published
	// longer ago than this before the edition; 0 keeps every one.
	MaxAge time.Duration `yaml:"max_age"`
}

// Mail is how messages are addressed and signed.
type Mail struct {
	From           string `yaml:"from"`
	ReplyTo        string `yaml:"reply_to"`
	EnvelopeSender string `yaml:"envelope_sender"`
	ListID         string `yaml:"list_id"`
	// PublicURL is where subscribers reach the public pages, such as the
	// unsubscribe link: https, except on loopback.
	PublicURL string `yaml:"public_url"`
	// PostalAddress is the sender's postal address, shown in every
	// message's footer, as the CAN-SPAM Act requires of bulk mail.
	PostalAddress string `yaml:"postal_address"`
	DKIM          DKIM   `yaml:"dkim"`
	// Bounces is where bounces go and what they do to a subscriber.
	Bounces Bounces `yaml:"bounces"`
}

// Bounces turns on per-message envelope senders (VERP) and sets the
// policy that reads what comes back. With no VERPDomain every message
// keeps the one envelope sender and a bounce is matched by its
// Message-ID alone.
type Bounces struct {
	// VERPPrefix and VERPDomain make each delivery's MAIL FROM
	// prefix+TOKEN@domain, the token naming the delivery, signed.
	VERPPrefix string `yaml:"verp_prefix"`
	VERPDomain string `yaml:"verp_domain"`
	// Webhooks are the providers' bounce webhooks on the public face.
	Webhooks BounceWebhooks `yaml:"webhooks"`
	// SoftLimit soft bounces within SoftWindow mark a subscriber bounced,
	// as a hard bounce does at once.
	SoftLimit  int           `yaml:"soft_limit"`
	SoftWindow time.Duration `yaml:"soft_window"`
	// IMAP is the bounce mailbox digest bounces reads when given no file.
	IMAP BounceIMAP `yaml:"imap"`
	// POP3 is the bounce mailbox when it is reached over POP3 instead;
	// one of the two at a time.
	POP3 BouncePOP3 `yaml:"pop3"`
}

// BouncePOP3 is a bounce mailbox on a POP3 server. Messages stay on the
// server unless DeleteProcessed, and then only bounces and complaints
// go; each is read once, its UIDL remembered in the database. The
// password comes only from DIGEST_BOUNCES_POP3_PASSWORD.
type BouncePOP3 struct {
	Host string `yaml:"host"`
	Port int    `yaml:"port"` // 995 for tls, 110 for starttls and none when zero
	User string `yaml:"user"`
	// TLS is tls (from the first byte), starttls (STLS before login) or
	// none, which sends the password in the clear and is taken only for
	// a loopback host.
	TLS             string `yaml:"tls"`
	DeleteProcessed bool   `yaml:"delete_processed"`
	// ForgetAfter is how long a read message's UIDL is remembered after
	// it left the server.
	ForgetAfter time.Duration `yaml:"forget_after"`
	Every       time.Duration `yaml:"every"` // how often digest run reads it (the leader only)
	// Password is set from the environment by ApplyEnv.
	Password string `yaml:"-"`
}

// Addr is host:port, the port defaulting by TLS mode.
func (p BouncePOP3) Addr() string {
	port := p.Port
	if port == 0 {
		port = 995
		if p.TLS == "starttls" || p.TLS == "none" {
			port = 110
		}
	}
	return net.JoinHostPort(p.Host, strconv.Itoa(port))
}

// BounceIMAP is a bounce mailbox on an IMAP server, over TLS. The
// password comes only from DIGEST_BOUNCES_IMAP_PASSWORD.
type BounceIMAP struct {
	Addr            string `yaml:"addr"` // host:port, TLS from the first byte (993)
	User            string `yaml:"user"`
	Folder          string `yaml:"folder"`
	ProcessedFolder string `yaml:"processed_folder"`
	// Every is how often digest run reads it (the leader only).
	Every time.Duration `yaml:"every"`
	// Password is set from the environment by ApplyEnv.
	Password string `yaml:"-"`
}

// DKIM signs messages when KeyFile is set.
type DKIM struct {
	Domain   string `yaml:"domain"`
	Selector string `yaml:"selector"`
	KeyFile  string `yaml:"key_file"`
	// More are further keys every message is signed with too, such as
	// an Ed25519 key beside the RSA one.
	More []DKIMKey `yaml:"more"`
}

// DKIMKey is one more signing key, published under its own selector.
type DKIMKey struct {
	Selector string `yaml:"selector"`
	KeyFile  string `yaml:"key_file"`
}

// SMTP is the outgoing server. The password comes only from
// DIGEST_SMTP_PASSWORD, never from the file.
type SMTP struct {
	Addr string `yaml:"addr"`
	TLS  string `yaml:"tls"`
	User string `yaml:"user"`
	// HeloName is the name given in EHLO: this host's name as the
	// internet knows it. Empty: the host name when it is a full domain
	// name, else the From address's domain.
	HeloName         string        `yaml:"helo_name"`
	Connections      int           `yaml:"connections"`
	MaxPerConnection int           `yaml:"max_per_connection"`
	RatePerSecond    float64       `yaml:"rate_per_second"`
	MaxAttempts      int           `yaml:"max_attempts"`
	DialTimeout      time.Duration `yaml:"dial_timeout"`
	CommandTimeout   time.Duration `yaml:"command_timeout"`
	IdleTimeout      time.Duration `yaml:"idle_timeout"`
	// SMTPUTF8 says the relay takes addresses whose part before the @
	// is not ASCII (RFC 6531). Without it such addresses are refused
	// when they are typed (digest.ParseAddress), never when mailed.
	SMTPUTF8 bool `yaml:"smtputf8"`
	// Password is set from the environment by ApplyEnv.
	Password string `yaml:"-"`
}

// Database is where the state lives. Empty: the SQLite file digest.db in
// the data dir, owned by one process. A postgres:// URL: a PostgreSQL
// database any number of instances share. A password never goes in the
// file: DIGEST_DATABASE_URL (the whole URL) or PGPASSWORD carries it.
type Database struct {
	URL string `yaml:"url"`
	// Lease overrides how long an instance's claims outlive its last
	// heartbeat (10 s). Only tests set it, from DIGEST_TEST_LEASE, to
	// provoke takeovers quickly; every instance must use the same lease.
	Lease time.Duration `yaml:"-"`
}

// Shared reports whether several instances may share the database.
func (d Database) Shared() bool { return d.URL != "" }

// Schedule is when digest run builds and sends editions.
type Schedule struct {
	// Spec is five cron fields or a descriptor such as @weekly; a
	// CRON_TZ=Area/City prefix overrides TimeZone.
	Spec     string `yaml:"spec"`
	TimeZone string `yaml:"time_zone"`
	// CatchUp is how late a slot missed while the daemon was down may
	// still run; older missed slots are recorded as skipped.
	CatchUp time.Duration `yaml:"catch_up"`
	// MinNewArticles: a slot with fewer new on-theme articles is skipped.
	MinNewArticles int `yaml:"min_new_articles"`
	// RequireApproval holds every edition until an editor approves it.
	RequireApproval bool `yaml:"require_approval"`
	// RefreshEvery is how often digest run fetches the feeds and pages.
	RefreshEvery time.Duration `yaml:"refresh_every"`
}

// Location is the schedule's time zone.
func (s Schedule) Location() (*time.Location, error) {
	return time.LoadLocation(s.TimeZone)
}

// Preview is where the editors' pages and the public pages listen. The
// editors' token or password comes only from the environment.
type Preview struct {
	Addr       string `yaml:"addr"`
	PublicAddr string `yaml:"public_addr"`
	// ServeWithRun makes digest run serve both faces too.
	ServeWithRun bool `yaml:"serve_with_run"`
}

// Web is how the pages tell their clients apart.
type Web struct {
	// TrustedProxies are the reverse proxies in front of the pages (a
	// TLS proxy, as an https public_url implies): networks in CIDR
	// notation or single addresses. Their X-Forwarded-For or Forwarded
	// header names the client that the sign-up limits and the login
	// throttle key on; nobody else's is believed. Empty: the TCP peer is
	// the client.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// Editors log in to the editors' pages with their own name and
	// password, so the history names each; see EditorEntry.
	Editors []EditorEntry `yaml:"editors"`
	// CountClicks sends every article link in the email through the
	// public face's redirect, which counts clicks per edition and item,
	// never who clicked. Off by default.
	CountClicks bool `yaml:"count_clicks"`
}

// Proxies parses TrustedProxies; a single address is a network of one.
func (w Web) Proxies() ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(w.TrustedProxies))
	for i, raw := range w.TrustedProxies {
		p, err := parseProxy(raw)
		if err != nil {
			return nil, fmt.Errorf("web.trusted_proxies[%d]: %w", i, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func parseProxy(raw string) (netip.Prefix, error) {
	raw = strings.TrimSpace(raw)
	if p, err := netip.ParsePrefix(raw); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(raw)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a network such as 10.0.0.0/8 or 2001:db8::/32, nor an address such as 192.0.2.7", raw)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// Subscriber is a config-listed subscriber, imported into the database
// once.
type Subscriber struct {
	Address string `yaml:"address"`
	Name    string `yaml:"name"`
}

// Default returns the embedded configuration.
func Default() (*Config, error) {
	var c Config
	if err := decode(&c, defaultYAML, DefaultName); err != nil {
		return nil, err
	}
	return &c, nil
}

// Load reads the file at path over the embedded defaults and validates the
// result. An empty path means the defaults alone.
func Load(path string) (*Config, error) {
	c, err := Default()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if err := decode(c, data, path); err != nil {
		return nil, err
	}
	return c, nil
}

// decode lays data over c and validates the result, naming the file and
// the line of any bad field.
func decode(c *Config, data []byte, name string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("config %s: file is empty", name)
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root) // for line numbers and field paths; Decode reports syntax errors
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config %s: %s", name, strings.TrimPrefix(yamlMessage(&root, err), "yaml: "))
	}
	c.path = name
	if problems := c.validate(); len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			if line := lineOf(&root, p.field); line > 0 {
				msgs[i] = fmt.Sprintf("line %d: %s: %s", line, p.field, p.msg)
			} else {
				msgs[i] = fmt.Sprintf("%s: %s", p.field, p.msg)
			}
		}
		return fmt.Errorf("config %s: %s", name, strings.Join(msgs, "; "))
	}
	return nil
}

// yamlMessage flattens yaml's multi-line type errors into one line, each
// explained (see explain).
func yamlMessage(root *yaml.Node, err error) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		if msg := err.Error(); strings.Contains(msg, "found character that cannot start any token") {
			return msg + " (a tab? YAML indents with spaces only)"
		}
		return err.Error()
	}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		msgs[i] = explain(root, m)
	}
	return strings.Join(msgs, "; ")
}

// Path is the file the config came from.
func (c *Config) Path() string { return c.path }

// DigestTheme converts the theme for the pipeline.
func (c *Config) DigestTheme() digest.Theme {
	return digest.Theme{Name: c.Theme.Name, Description: c.Theme.Description,
		Keywords: c.Theme.Keywords, MinRelevance: c.Theme.MinRelevance}
}

// DigestBrand converts the brand for the pages and the pipeline, its
// accent normalized to #rrggbb and its cadence in words: the schedule's
// own description, else the config's. It expects a validated config.
func (c *Config) DigestBrand() digest.Brand {
	b := c.Brand
	out := digest.Brand{Name: strings.TrimSpace(b.Name), Description: strings.TrimSpace(b.Description),
		Logo:    digest.Logo{Src: b.Logo.Src, Width: b.Logo.Width, Height: b.Logo.Height, Alt: b.Logo.Alt},
		Cadence: strings.TrimSpace(b.Cadence)}
	if f, _ := c.LogoFile(); f != "" {
		// Mail needs an absolute URL: the public face serves the file.
		out.Logo.Src = strings.TrimRight(c.Mail.PublicURL, "/") + LogoPath(b.Logo.Src)
	}
	if col, err := brand.ParseColour(b.Accent); err == nil {
		out.Accent = col.String()
	}
	if words, ok, _ := c.cadence(); ok {
		out.Cadence = words
	}
	return out
}

// LogoFile is the brand's logo when it is a file rather than a URL: its
// path and its media type; "" for none.
func (c *Config) LogoFile() (file, mediaType string) {
	src := c.Brand.Logo.Src
	if src == "" || strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return "", ""
	}
	return c.ResolveDataPath(src), logoTypes[strings.ToLower(filepath.Ext(src))]
}

// LogoPath is where the public face serves a logo file, by its name's
// extension: /brand/logo.png.
func LogoPath(src string) string { return "/brand/logo" + strings.ToLower(filepath.Ext(src)) }

// cadence is the schedule's own description; plain is false when it has
// none, and parsed is false when the schedule itself is wrong.
func (c *Config) cadence() (words string, plain, parsed bool) {
	loc, err := c.Schedule.Location()
	if err != nil {
		return "", false, false
	}
	s, err := schedule.Parse(c.Schedule.Spec, loc)
	if err != nil {
		return "", false, false
	}
	words, plain = s.Cadence()
	return words, plain, true
}

// SectionSpecs converts the sections for the pipeline.
func (c *Config) SectionSpecs() []digest.SectionSpec {
	specs := make([]digest.SectionSpec, len(c.Sections))
	for i, s := range c.Sections {
		specs[i] = digest.SectionSpec{Title: s.Title, Description: s.Description, Keywords: s.Keywords}
	}
	return specs
}

// DigestLimits converts the limits for the pipeline.
func (c *Config) DigestLimits() digest.Limits {
	l := c.Limits
	return digest.Limits{ItemsPerSection: l.ItemsPerSection, SentencesPerItem: l.SentencesPerItem,
		WordsPerItemSummary: l.WordsPerItemSummary, WordsPerSectionSummary: l.WordsPerSectionSummary,
		WordsPerLead: l.WordsPerLead, MaxEmailBytes: l.MaxEmailBytes, MaxAge: l.MaxAge}
}

// ResolveDataPath makes a path from the config relative to the data dir.
func (c *Config) ResolveDataPath(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.DataDir, p)
}
