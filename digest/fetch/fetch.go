package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Request is one fetch of a source, with the validators its state kept
// from the last success.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
}

// Response is a successful fetch: a 2xx with its body, or a 304.
type Response struct {
	URL          string // final URL, after redirects
	Status       int
	NotModified  bool   // a 304: nothing new since the validators
	Body         []byte // decompressed
	ContentType  string
	ETag         string
	LastModified string
}

// acceptHeader prefers what the digest reads — feeds, then pages — but
// takes anything, since servers label feeds in creative ways.
const acceptHeader = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/html;q=0.8, */*;q=0.5"

// drainBytes is how much of an error response is read so its connection
// can be reused; more is not worth the wait.
const drainBytes = 4 << 10

// Fetcher gets sources over HTTP. It is safe for concurrent use; share
// one, so its per-host limit and connection pool are shared too.
type Fetcher struct {
	opts    Options
	client  *http.Client
	limiter *hostLimiter
	// slots holds a token per request in flight (Options.MaxConcurrent).
	slots chan struct{}
}

// New returns a Fetcher with opts, defaults filled in.
func New(opts Options) *Fetcher {
	opts = opts.withDefaults()
	return newFetcher(opts, &guard{allowLoopback: opts.AllowLoopback, allowPrivate: opts.AllowPrivate})
}

// newFetcher builds a Fetcher around g, which tests construct by hand.
func newFetcher(opts Options, g *guard) *Fetcher {
	opts = opts.withDefaults()
	dialer := &net.Dialer{Timeout: opts.dialTimeout(), KeepAlive: 30 * time.Second, Control: g.control}
	transport := &http.Transport{
		// No proxy: a proxy would make the connection for us, out of
		// reach of the guard in the dialer.
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    opts.dialTimeout(),
		ResponseHeaderTimeout:  opts.Timeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
	}
	f := &Fetcher{
		opts:    opts,
		limiter: newHostLimiter(opts.PerHostInterval, opts.Clock.Now),
		slots:   make(chan struct{}, opts.MaxConcurrent),
	}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// Get fetches req.URL. It waits its turn for the host first (bounded by
// ctx only); everything after, redirects and body included, must finish
// within Options.Timeout. Any failure is an *Error; a 304 is not one.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, &Error{URL: req.URL, Err: err}
	}
	if err := checkScheme(u); err != nil {
		return nil, &Error{URL: req.URL, Err: err}
	}
	if u.Host == "" {
		return nil, &Error{URL: req.URL, Err: errors.New("url has no host")}
	}
	if err := f.limiter.wait(ctx, u.Hostname()); err != nil {
		return nil, transportError(req.URL, err)
	}
	select {
	case f.slots <- struct{}{}:
		defer func() { <-f.slots }()
	case <-ctx.Done():
		return nil, transportError(req.URL, ctx.Err())
	}

	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: req.URL, Err: err}
	}
	// Accept-Encoding is left to the transport, which then asks for gzip
	// and decompresses it; setting it here would turn that off.
	hreq.Header.Set("User-Agent", f.opts.UserAgent)
	hreq.Header.Set("Accept", acceptHeader)
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	hresp, err := f.client.Do(hreq)
	if err != nil {
		err = timeoutCause(ctx, f.opts.Timeout, plainError(hreq.URL.String(), err))
		return nil, transportError(req.URL, err)
	}
	defer hresp.Body.Close()

	resp := &Response{
		URL:          hresp.Request.URL.String(),
		Status:       hresp.StatusCode,
		ContentType:  hresp.Header.Get("Content-Type"),
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
	}
	switch {
	case hresp.StatusCode == http.StatusNotModified:
		resp.NotModified = true
		return resp, nil
	case hresp.StatusCode < 200 || hresp.StatusCode > 299:
		_, _ = io.CopyN(io.Discard, hresp.Body, drainBytes)
		return nil, statusError(req.URL, hresp, f.opts.Clock.Now())
	}
	if hresp.ContentLength > f.opts.MaxBytes {
		return nil, &Error{URL: req.URL, Status: hresp.StatusCode,
			Err: fmt.Errorf("content length %d over %d: %w", hresp.ContentLength, f.opts.MaxBytes, ErrTooLarge)}
	}
	body, err := readLimited(hresp.Body, f.opts.MaxBytes)
	if err != nil {
		err = timeoutCause(ctx, f.opts.Timeout, err)
		return nil, &Error{URL: req.URL, Status: hresp.StatusCode, Err: err, Temporary: isTemporary(err)}
	}
	resp.Body = body
	return resp, nil
}

// checkRedirect bounds the chain and keeps it on http and https. Each hop
// waits its turn for its host like a first request does, and is dialed
// through the same guard.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("after %d: %w", f.opts.MaxRedirects, ErrTooManyRedirects)
	}
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	return f.limiter.wait(req.Context(), req.URL.Hostname())
}

// checkScheme refuses anything but http and https: file:, ftp: and the
// rest have no business in a feed reader and bypass the dial guard.
func checkScheme(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
		return nil
	}
	return fmt.Errorf("scheme %q: %w", u.Scheme, ErrBlocked)
}

// readLimited reads r whole unless it is longer than limit, in which case
// it stops after limit+1 bytes with ErrTooLarge.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("body over %d bytes: %w", limit, ErrTooLarge)
	}
	return body, nil
}

// plainError drops the *url.Error the client wraps everything in, whose
// message repeats the URL the *Error already names, but keeps the URL
// when it is a redirect target: that is where the failure happened.
func plainError(requested string, err error) error {
	var urlErr *url.Error
	if !errors.As(err, &urlErr) {
		return err
	}
	if urlErr.URL != requested {
		return fmt.Errorf("redirect to %s: %w", urlErr.URL, urlErr.Err)
	}
	return urlErr.Err
}

// timeoutCause makes a failure caused by the request's deadline say so,
// whatever the transport called it ("request canceled", "EOF").
func timeoutCause(ctx context.Context, timeout time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("timed out after %s: %w (%w)", timeout, context.DeadlineExceeded, err)
	}
	return err
}
