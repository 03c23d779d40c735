package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

var (
	// ErrTooLarge: the body is longer than Options.MaxBytes.
	ErrTooLarge = errors.New("response body too large")
	// ErrTooManyRedirects: the chain is longer than Options.MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// Error is a failed fetch, classified so the caller can decide what to do
// with the source: Temporary failures are worth retrying after the
// backoff, permanent ones (a 404, a blocked address) need a person.
type Error struct {
	URL        string
	Status     int           // HTTP status, 0 if no response was had
	RetryAfter time.Duration // what the server asked for on 429 and 503
	Temporary  bool
	Err        error
}

func (e *Error) Error() string {
	msg := "fetch " + e.URL + ": " + e.Err.Error()
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// maxRetryAfter bounds what a server may ask for: a broken or hostile
// Retry-After should not silence a source for years.
const maxRetryAfter = 7 * 24 * time.Hour

// statusError classifies a non-success response. 408 and 429 are the
// client errors that go away by waiting; every 5xx is the server's
// trouble and may too.
func statusError(url string, resp *http.Response, now time.Time) *Error {
	code := resp.StatusCode
	e := &Error{
		URL:    url,
		Status: code,
		Err:    fmt.Errorf("status %d %s", code, http.StatusText(code)),
	}
	switch {
	case code == http.StatusRequestTimeout:
		e.Temporary = true
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		e.Temporary = true
		e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
	case code >= 500:
		e.Temporary = true
	}
	return e
}

// parseRetryAfter reads either form RFC 9110 allows: delta-seconds or an
// HTTP-date, which is measured from now. Anything unreadable, or in the
// past, is no request at all.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		// Out of range means more digits than uint64 holds: a long time.
		if err != nil || secs > uint64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		return time.Duration(secs) * time.Second
	}
	when, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	d := when.Sub(now)
	if d <= 0 {
		return 0
	}
	return min(d, maxRetryAfter)
}

// transportError classifies a failure below HTTP status level: no
// connection, a timeout, a refusal of the guard, a body too large.
func transportError(url string, err error) *Error {
	return &Error{URL: url, Err: err, Temporary: isTemporary(err)}
}

// isTemporary says whether waiting could help. Policy refusals, size and
// redirect limits, unknown hosts and bad certificates stay as they are
// until someone changes the source; network trouble and timeouts pass.
func isTemporary(err error) bool {
	var (
		dnsErr       *net.DNSError
		unknownAuth  x509.UnknownAuthorityError
		certInvalid  x509.CertificateInvalidError
		hostnameErr  x509.HostnameError
		verification *tls.CertificateVerificationError
	)
	switch {
	case errors.Is(err, ErrBlocked), errors.Is(err, ErrTooLarge), errors.Is(err, ErrTooManyRedirects):
		return false
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return true
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	case errors.As(err, &unknownAuth), errors.As(err, &certInvalid),
		errors.As(err, &hostnameErr), errors.As(err, &verification):
		return false
	}
	return true
}
