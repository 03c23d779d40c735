package digest

import (
	"net/url"
	"slices"
	"strings"
)

// A URL digest reads may carry secrets: a feed behind basic auth names
// its password in the user info, a PostgreSQL URL in the user info or in
// its query. Logs, listings, errors and stored errors show such a URL
// only through RedactURL, and the config refuses one in the file.

// credentialParams are the query parameters whose value is a secret: the
// two pgx, like libpq, reads from a connection URL's query (pgconn's
// ParseConfig; its other file-naming parameters, such as sslkey and
// passfile, name a file, not a secret).
var credentialParams = []string{"password", "sslpassword"}

// Redacted is what stands for a secret in what is shown.
const Redacted = "xxxxx"

// secret is one secret in a URL: its name and where its raw text is.
type secret struct {
	name       string
	start, end int
}

// secretsIn finds the secrets in raw without parsing it as any one
// library would, since each reads a URL its own way: the user info ends
// at the last '@' of the authority for net/url but at the first '@'
// before the first '/' for pgx, even past a '?'; the span from its first
// ':' to the last '@' before the first '/' covers both. A query parameter
// is a credential whatever its case, percent-encoding or surrounding
// spaces (pgx trims them); its value runs to the next '&', a fragment
// included. Text without "://" (a file path) holds none.
func secretsIn(raw string) []secret {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil
	}
	offset := len(raw) - len(rest)
	var out []secret
	authority, _, _ := strings.Cut(rest, "/")
	afterUser := 0
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		if colon := strings.IndexByte(authority[:at], ':'); colon >= 0 && colon+1 < at {
			out = append(out, secret{"password", offset + colon + 1, offset + at})
		}
		afterUser = at + 1
	}
	q := strings.IndexByte(rest[afterUser:], '?')
	if q < 0 {
		return out
	}
	pos := offset + afterUser + q + 1
	for pair := range strings.SplitSeq(raw[pos:], "&") {
		key, value, _ := strings.Cut(pair, "=")
		if name, err := url.QueryUnescape(key); err == nil {
			key = name
		}
		key = strings.ToLower(strings.TrimSpace(key))
		if value != "" && slices.Contains(credentialParams, key) {
			start := pos + len(pair) - len(value)
			out = append(out, secret{key, start, start + len(value)})
		}
		pos += len(pair) + 1
	}
	return out
}

// URLSecrets names the secrets raw carries, each once: "password" for
// one in its user info, and every credential parameter of its query.
func URLSecrets(raw string) []string {
	var names []string
	for _, s := range secretsIn(raw) {
		if !slices.Contains(names, s.name) {
			names = append(names, s.name)
		}
	}
	return names
}

// RedactURL is raw with every secret it carries replaced by xxxxx
// ("postgres://ann:xxxxx@db/digest?sslpassword=xxxxx"), for logs,
// listings and errors. Anything else is kept as written.
func RedactURL(raw string) string {
	found := secretsIn(raw)
	for i := len(found) - 1; i >= 0; i-- {
		raw = raw[:found[i].start] + Redacted + raw[found[i].end:]
	}
	return raw
}

// RedactIn hides, in text such as an error message, every secret the URL
// raw carries, as written and as decoded, wherever it appears.
func RedactIn(text, raw string) string {
	for _, s := range secretsIn(raw) {
		value := raw[s.start:s.end]
		text = strings.ReplaceAll(text, value, Redacted)
		if decoded, err := url.QueryUnescape(value); err == nil && decoded != "" {
			text = strings.ReplaceAll(text, decoded, Redacted)
		}
		if decoded, err := url.PathUnescape(value); err == nil && decoded != "" {
			text = strings.ReplaceAll(text, decoded, Redacted)
		}
	}
	return text
}
