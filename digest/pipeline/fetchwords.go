package pipeline

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"

	"github.com/digest-newsletter/digest/digest/feed"
	"github.com/digest-newsletter/digest/digest/fetch"
)

// FetchWords says what went wrong with a source in an editor's words,
// what happened and what to do, for its fetch history and for the desk's
// "try": the fetcher's and the parser's errors name Go's causes ("dial
// tcp: connect: connection refused"), which mean nothing to the person
// who has to fix the source.
func FetchWords(err error) string {
	if err == nil {
		return ""
	}
	var fe *fetch.Error
	var dnsErr *net.DNSError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var certErr *tls.CertificateVerificationError
	switch addr, reason := fetch.BlockedReason(err); {
	case reason != "":
		return fmt.Sprintf("refused: %s is a %s address, and digest fetches only from public addresses.", addr, reason)
	case errors.Is(err, fetch.ErrBlocked):
		return "refused: digest fetches only http and https addresses."
	case errors.As(err, &fe) && fe.Status != 0:
		return statusWords(fe.Status)
	case errors.Is(err, context.DeadlineExceeded):
		return "the site did not answer in time; it may be slow or down. The next try comes later."
	case errors.Is(err, fetch.ErrTooLarge):
		return "the page or feed is larger than digest reads; choose a smaller feed."
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return "the address redirects too many times; use the address it finally goes to."
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return "no site has that name (the host was not found); check the address for a typo."
	case errors.As(err, &dnsErr):
		return "the site's name could not be looked up just now; the next try comes later."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the site refused the connection; it may be down, or the port is wrong."
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &certErr):
		return "the site's security certificate is not valid, so digest does not trust it."
	case errors.Is(err, feed.ErrHTMLPage):
		return "this address is a web page, not a feed; add it as a page, or find the page's RSS or Atom link."
	case errors.Is(err, feed.ErrEmpty):
		return "the address answered with nothing to read."
	case strings.Contains(err.Error(), "parse feed"):
		return "what the address sent is not an RSS, Atom or JSON feed digest can read."
	}
	return "it could not be fetched: " + err.Error()
}

func statusWords(code int) string {
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return fmt.Sprintf("the site says there is nothing at this address (HTTP %d); check the address.", code)
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return fmt.Sprintf("the site refuses digest (HTTP %d): it needs a login or blocks readers like digest.", code)
	case code == http.StatusTooManyRequests:
		return "the site asks digest to come back later (HTTP 429); the next try waits as asked."
	case code >= 500:
		return fmt.Sprintf("the site had a problem of its own (HTTP %d); the next try comes later.", code)
	}
	return fmt.Sprintf("the site answered HTTP %d %s, not the page or feed.", code, http.StatusText(code))
}
