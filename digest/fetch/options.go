package fetch

import (
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Options tunes a Fetcher. Zero values get the defaults noted on each field.
type Options struct {
	// UserAgent names the product and, ideally, a URL about it, so site
	// owners can tell who is reading them. Default "digest/1.0".
	UserAgent string

	// Timeout bounds a whole request: connecting, redirects, headers and
	// the body. Dialing and the TLS handshake get at most 10s of it.
	// Default 30s.
	Timeout time.Duration

	// MaxBytes caps a (decompressed) body; a larger one fails with
	// ErrTooLarge after reading at most MaxBytes+1 bytes. Default 15 MiB.
	MaxBytes int64

	// MaxRedirects bounds a redirect chain. Default 5.
	MaxRedirects int

	// PerHostInterval is the least time between two requests to one host;
	// concurrent callers queue for their turn. Default 1s; a negative
	// value turns the limit off (for callers that pace themselves).
	PerHostInterval time.Duration

	// AllowLoopback and AllowPrivate lift the address guard for loopback
	// and for private networks (RFC 1918, fc00::/7, 100.64/10). Link-local,
	// multicast, unspecified and reserved addresses are never allowed: no
	// feed lives on the cloud metadata address.
	AllowLoopback bool
	AllowPrivate  bool

	// Clock drives the rate limiter and Retry-After dates. Default the
	// system clock.
	Clock digest.Clock

	// MaxConcurrent bounds the requests in flight at once, whatever
	// their hosts: the per-host pacing does not hold back a feed whose
	// entries are spread over many. Default 8.
	MaxConcurrent int
}

const (
	defaultUserAgent       = "digest/1.0"
	defaultTimeout         = 30 * time.Second
	defaultMaxBytes        = 15 << 20
	defaultMaxRedirects    = 5
	defaultPerHostInterval = time.Second
	defaultMaxConcurrent   = 8
	maxDialTimeout         = 10 * time.Second
	maxHeaderBytes         = 1 << 20
)

// withDefaults fills in what was left zero.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = defaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = defaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = defaultMaxRedirects
	}
	if o.PerHostInterval == 0 {
		o.PerHostInterval = defaultPerHostInterval
	}
	if o.Clock == nil {
		o.Clock = digest.SystemClock{}
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = defaultMaxConcurrent
	}
	return o
}

// dialTimeout is the share of Timeout that connecting and the TLS
// handshake may take: a dead host should not eat the whole budget.
func (o Options) dialTimeout() time.Duration {
	return min(o.Timeout, maxDialTimeout)
}
