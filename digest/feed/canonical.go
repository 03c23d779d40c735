package feed

import (
	"net"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived, not
// what they asked for. Dropping them lets the same article shared through a
// newsletter, a social network and a feed dedupe to one URL.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true,
	"wbraid": true, "msclkid": true, "yclid": true, "twclid": true, "ttclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true,
	"__hssc": true, "__hstc": true, "__hsfp": true, "hsctatrk": true, "mkt_tok": true,
	"_ga": true, "_gl": true, "spm": true, "ref": true, "ref_src": true,
	"ref_url": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true,
	"vero_conv": true, "wickedid": true, "s_cid": true, "rb_clickid": true,
}

// trackingPrefixes cover families of campaign parameters.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_"}

// defaultPorts are dropped because they name the same server as no port.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// CanonicalURL normalises an http(s) link so that two spellings of one
// article compare equal: scheme and host lower-cased, default port,
// fragment and tracking parameters dropped, the remaining parameters sorted
// by name (repeated names keep their order), and an empty path written as
// "/". A trailing slash on a longer path is kept, since servers may treat
// "/a" and "/a/" as different pages. Anything else, including an invalid or
// relative URL, is returned unchanged.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return raw
	}
	u.Scheme = scheme
	u.Host = canonicalHost(u, scheme)
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String()
}

// canonicalHost lower-cases the host, drops a trailing root dot and a
// default port.
func canonicalHost(u *url.URL, scheme string) string {
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	port := u.Port()
	if port == "" || port == defaultPorts[scheme] {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return net.JoinHostPort(host, port)
}

// canonicalQuery drops empty and tracking parameters and sorts the rest,
// keeping each parameter's original encoding so the URL still means what
// the publisher wrote.
func canonicalQuery(rawQuery string) string {
	type param struct{ name, raw string }
	var kept []param
	for _, raw := range strings.Split(rawQuery, "&") {
		if raw == "" {
			continue
		}
		key, _, _ := strings.Cut(raw, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if isTrackingParam(name) {
			continue
		}
		kept = append(kept, param{name: name, raw: raw})
	}
	slices.SortStableFunc(kept, func(a, b param) int { return strings.Compare(a.name, b.name) })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

func isTrackingParam(name string) bool {
	name = strings.ToLower(name)
	if trackingParams[name] {
		return true
	}
	for _, prefix := range trackingPrefixes {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}
