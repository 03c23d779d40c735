package webhooks

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// snsHost is the only host a signing certificate or a subscription
// confirmation is fetched from: Amazon SNS's own, in any region
// (sns.us-east-1.amazonaws.com; sns.cn-north-1.amazonaws.com.cn). A
// message names its certificate's URL itself, so without this check a
// forger would sign with a certificate of their own.
var snsHost = lazyre.New(`^sns\.[a-z]{2}(-[a-z]+)+-[0-9]+\.amazonaws\.com(\.cn)?$`)

// snsCertPath is the path of an SNS signing certificate.
var snsCertPath = lazyre.New(`^/SimpleNotificationService-[A-Za-z0-9]+\.pem$`)

// snsURL checks that raw is an https URL on an SNS host, with no port,
// user or fragment, and returns it parsed.
func snsURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: sns url unreadable", ErrForged)
	}
	if u.Scheme != "https" || u.User != nil || u.Port() != "" || u.Fragment != "" || !snsHost.MatchString(u.Hostname()) {
		return nil, fmt.Errorf("%w: sns url %q is not an https url on an SNS host", ErrForged, u.Redacted())
	}
	return u, nil
}

// maxCert is the most a certificate fetch reads.
const maxCert = 64 << 10

// certCache keeps the signing certificates fetched, by URL. SNS rotates
// its certificate rarely and names each by its own URL, so a cached one
// is good until it expires; the cache is bounded all the same.
type certCache struct {
	mu    sync.Mutex
	certs map[string]*x509.Certificate
}

const maxCachedCerts = 16

// get returns the certificate at raw, fetched once through client.
func (c *certCache) get(ctx context.Context, client *http.Client, raw string, now time.Time) (*x509.Certificate, error) {
	u, err := snsURL(raw)
	if err != nil {
		return nil, err
	}
	// SNS names each certificate SimpleNotificationService-ID.pem. Any
	// other path, or a query, would let every forged request name a
	// new URL and cost a fetch from AWS before its signature is read.
	if !snsCertPath.MatchString(u.Path) || u.RawQuery != "" {
		return nil, fmt.Errorf("%w: sns certificate url is not an SNS certificate's", ErrForged)
	}
	c.mu.Lock()
	cert := c.certs[raw]
	c.mu.Unlock()
	if cert == nil {
		if cert, err = fetchCert(ctx, client, u.String()); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.certs == nil {
			c.certs = map[string]*x509.Certificate{}
		}
		for k := range c.certs {
			if len(c.certs) < maxCachedCerts {
				break
			}
			delete(c.certs, k) // one out, not all: the one in use stays likely
		}
		c.certs[raw] = cert
		c.mu.Unlock()
	}
	if now.Before(cert.NotBefore) || now.After(cert.NotAfter) {
		return nil, fmt.Errorf("%w: sns signing certificate not valid now", ErrForged)
	}
	return cert, nil
}

// errCertFetch is a certificate that could not be fetched: our side or
// SNS's, not the request's fault, so a retry may pass.
var errCertFetch = errors.New("sns signing certificate not fetched")

func fetchCert(ctx context.Context, client *http.Client, u string) (*x509.Certificate, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCertFetch, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCertFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: status %d", errCertFetch, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxCert))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCertFetch, err)
	}
	block, _ := pem.Decode(body)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("%w: not a PEM certificate", errCertFetch)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCertFetch, err)
	}
	return cert, nil
}
