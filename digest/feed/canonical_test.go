package feed

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"already canonical", "https://example.com/a/b?id=1", "https://example.com/a/b?id=1"},
		{"utm parameters", "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x&id=1", "https://example.com/a?id=1"},
		{"utm in any case", "https://example.com/a?UTM_Source=x&Utm_Term=y", "https://example.com/a"},
		{"click ids", "https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&igshid=6&id=7", "https://example.com/a?id=7"},
		{"mail and hubspot", "https://example.com/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&page=2", "https://example.com/a?page=2"},
		{"ref and spm", "https://example.com/a?ref=home&ref_src=twsrc&spm=a.b.c&q=x", "https://example.com/a?q=x"},
		{"only tracking leaves no question mark", "https://example.com/a?utm_source=x&fbclid=y", "https://example.com/a"},
		{"parameters sorted", "https://example.com/a?b=2&c=3&a=1", "https://example.com/a?a=1&b=2&c=3"},
		{"repeated names keep their order", "https://example.com/a?tag=z&id=1&tag=a", "https://example.com/a?id=1&tag=z&tag=a"},
		{"encoding kept", "https://example.com/a?q=a%20b&x=%2F", "https://example.com/a?q=a%20b&x=%2F"},
		{"empty parameters dropped", "https://example.com/a?&a=1&&", "https://example.com/a?a=1"},
		{"bare question mark", "https://example.com/a?", "https://example.com/a"},
		{"fragment dropped", "https://example.com/a#section-2", "https://example.com/a"},
		{"scheme and host lower-cased", "HTTPS://Example.COM/Path/To", "https://example.com/Path/To"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"http port on https kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"ipv6 default port", "http://[2001:db8::1]:80/a", "http://[2001:db8::1]/a"},
		{"ipv6 other port", "http://[2001:db8::1]:8080/a", "http://[2001:db8::1]:8080/a"},
		{"root path added", "https://example.com", "https://example.com/"},
		{"root slash kept", "https://example.com/", "https://example.com/"},
		{"trailing slash kept", "https://example.com/a/", "https://example.com/a/"},
		{"no slash added", "https://example.com/a", "https://example.com/a"},
		{"trailing host dot", "https://example.com./a", "https://example.com/a"},
		{"everything at once", "HTTP://News.Example.org:80/story/?utm_source=x&z=1&a=2#comments", "http://news.example.org/story/?a=2&z=1"},
		{"invalid host", "http://[::1/a", "http://[::1/a"},
		{"invalid escape", "https://example.com/%zz", "https://example.com/%zz"},
		{"relative", "/a/b?utm_source=x", "/a/b?utm_source=x"},
		{"not a URL", "not a url", "not a url"},
		{"mailto", "mailto:desk@example.com", "mailto:desk@example.com"},
		{"ftp", "FTP://Example.com/file?utm_source=x", "FTP://Example.com/file?utm_source=x"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalURL(tt.raw); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestCanonicalURLIsStable(t *testing.T) {
	for _, raw := range []string{
		"HTTP://News.Example.org:80/story/?utm_source=x&z=1&a=2#comments",
		"https://example.com/a?q=a%20b&tag=z&tag=a",
		"http://[2001:db8::1]:8080",
	} {
		once := CanonicalURL(raw)
		if twice := CanonicalURL(once); twice != once {
			t.Errorf("CanonicalURL not stable: %q -> %q -> %q", raw, once, twice)
		}
	}
}
