package digest

import (
	"slices"
	"strings"
	"testing"
)

// Every secret a URL carries is hidden, wherever the libraries that read
// it would find it, and nothing else is changed.
func TestRedactURL(t *testing.T) {
	tests := []struct {
		name, raw, want string
		secrets         []string // names URLSecrets reports
		hidden          []string // what never shows
	}{
		{"no secret", "postgres://digest@db.example.org:5432/digest?sslmode=require",
			"postgres://digest@db.example.org:5432/digest?sslmode=require", nil, nil},
		{"a file path", "/var/lib/digest/digest.db", "/var/lib/digest/digest.db", nil, nil},
		{"user info", "https://ann:s3cret@feeds.example.org/private",
			"https://ann:xxxxx@feeds.example.org/private", []string{"password"}, []string{"s3cret"}},
		{"password in the query", "postgres://digest@db/digest?sslmode=disable&password=s3cret",
			"postgres://digest@db/digest?sslmode=disable&password=xxxxx", []string{"password"}, []string{"s3cret"}},
		{"sslpassword", "postgres://digest@db/digest?sslpassword=k3y-pass&sslmode=verify-full",
			"postgres://digest@db/digest?sslpassword=xxxxx&sslmode=verify-full", []string{"sslpassword"}, []string{"k3y-pass"}},
		{"both, and the user info", "postgres://digest:one@db/digest?password=two&sslpassword=three",
			"postgres://digest:xxxxx@db/digest?password=xxxxx&sslpassword=xxxxx", []string{"password", "sslpassword"},
			[]string{"one", "two", "three"}},
		{"an encoded key", "postgres://db/digest?pass%77ord=s3cret", "postgres://db/digest?pass%77ord=xxxxx",
			[]string{"password"}, []string{"s3cret"}},
		{"a key in capitals", "postgres://db/digest?PASSWORD=s3cret", "postgres://db/digest?PASSWORD=xxxxx",
			[]string{"password"}, []string{"s3cret"}},
		{"a key with spaces", "postgres://db/digest?%20password%20=s3cret", "postgres://db/digest?%20password%20=xxxxx",
			[]string{"password"}, []string{"s3cret"}},
		{"an encoded value", "postgres://db/digest?password=s3%26cret", "postgres://db/digest?password=xxxxx",
			[]string{"password"}, []string{"s3%26cret", "s3&cret"}},
		{"a query with no path", "postgres://db?password=s3cret", "postgres://db?password=xxxxx",
			[]string{"password"}, []string{"s3cret"}},
		// pgx ends the user info at the first '@' before the first '/',
		// even past a '?'; net/url at the '?'.
		{"pgx's user info past a ?", "postgres://digest:123?x=s3cret@db/digest",
			"postgres://digest:xxxxx@db/digest", []string{"password"}, []string{"123?x=s3cret"}},
		// net/url ends it at the last '@'; pgx at the first.
		{"an @ in the password", "postgres://digest:s3@cret@db/digest",
			"postgres://digest:xxxxx@db/digest", []string{"password"}, []string{"s3@cret"}},
		{"an empty password", "postgres://digest:@db/digest?password=", "postgres://digest:@db/digest?password=", nil, nil},
		{"an @ in the path is no user info", "https://example.org/a:b@c", "https://example.org/a:b@c", nil, nil},
		{"a port is no password", "https://example.org:8443/feed?page=2", "https://example.org:8443/feed?page=2", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RedactURL(tt.raw)
			if got != tt.want {
				t.Errorf("RedactURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
			if names := URLSecrets(tt.raw); !slices.Equal(names, tt.secrets) {
				t.Errorf("URLSecrets(%q) = %q, want %q", tt.raw, names, tt.secrets)
			}
			msg := RedactIn("cannot connect to "+tt.raw+": refused", tt.raw)
			for _, h := range tt.hidden {
				if strings.Contains(got, h) {
					t.Errorf("RedactURL shows %q: %q", h, got)
				}
				if strings.Contains(msg, h) {
					t.Errorf("RedactIn shows %q: %q", h, msg)
				}
			}
		})
	}
}
