package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGetEndsWhenHeadersNeverCome(t *testing.T) {
	release := make(chan struct{})
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) }) // runs before the server closes

	opts := testOptions()
	opts.Timeout = 200 * time.Millisecond
	ctx := testContext(t)
	_, err := New(opts).Get(ctx, Request{URL: srv.URL})
	if ctx.Err() != nil {
		t.Fatalf("the test's own context expired first: %v", err)
	}
	fe := fetchError(t, err)
	if !fe.Temporary || fe.Status != 0 || !isTimeout(err) {
		t.Errorf("error %v: temporary %v status %d timeout %v, want a temporary timeout without status",
			err, fe.Temporary, fe.Status, isTimeout(err))
	}
}

func TestGetEndsWhenBodyTrickles(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		flusher, _ := w.(http.Flusher)
		ticker := time.NewTicker(20 * time.Millisecond)
		defer ticker.Stop()
		for range 500 { // ten seconds at most
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			flusher.Flush()
			select {
			case <-r.Context().Done():
				return
			case <-ticker.C:
			}
		}
	})
	opts := testOptions()
	opts.Timeout = 200 * time.Millisecond
	ctx := testContext(t)
	_, err := New(opts).Get(ctx, Request{URL: srv.URL})
	if ctx.Err() != nil {
		t.Fatalf("the test's own context expired first: %v", err)
	}
	fe := fetchError(t, err)
	if !fe.Temporary || fe.Status != http.StatusOK || !isTimeout(err) {
		t.Errorf("error %v: temporary %v status %d timeout %v, want a temporary timeout after a 200",
			err, fe.Temporary, fe.Status, isTimeout(err))
	}
}

func TestGetRefusesOversizedBody(t *testing.T) {
	const size = 16 << 20 // over the 15 MiB default
	chunk := bytes.Repeat([]byte("y"), 64<<10)
	tests := []struct {
		name          string
		contentLength bool
	}{
		{name: "declared length", contentLength: true},
		{name: "chunked", contentLength: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.contentLength {
					w.Header().Set("Content-Length", strconv.Itoa(size))
				}
				for written := 0; written < size; written += len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			})
			opts := testOptions()
			opts.MaxBytes = 0 // the default
			resp, err := New(opts).Get(testContext(t), Request{URL: srv.URL})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Get: response %v error %v, want ErrTooLarge", resp != nil, err)
			}
			if fe := fetchError(t, err); fe.Temporary {
				t.Errorf("an oversized body is not temporary: %v", err)
			}
		})
	}
}

// countingReader counts what was read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestReadLimitedStopsAfterLimitPlusOne(t *testing.T) {
	const limit = 1000
	tests := []struct {
		size    int
		wantErr bool
	}{
		{size: 0},
		{size: limit - 1},
		{size: limit},
		{size: limit + 1, wantErr: true},
		{size: 50 * limit, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.size), func(t *testing.T) {
			src := &countingReader{r: strings.NewReader(strings.Repeat("z", tt.size))}
			body, err := readLimited(src, limit)
			if tt.wantErr != errors.Is(err, ErrTooLarge) {
				t.Fatalf("error %v, want ErrTooLarge: %v", err, tt.wantErr)
			}
			if !tt.wantErr && len(body) != tt.size {
				t.Errorf("body %d bytes, want %d", len(body), tt.size)
			}
			if src.n > limit+1 {
				t.Errorf("read %d bytes, want at most %d", src.n, limit+1)
			}
		})
	}
}

func TestGetBoundsRedirects(t *testing.T) {
	// Every hop redirects again: /hop/0 -> /hop/1 -> ...
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	})
	opts := testOptions()
	opts.MaxRedirects = 3
	_, err := New(opts).Get(testContext(t), Request{URL: srv.URL + "/hop/0"})
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("error %v, want ErrTooManyRedirects", err)
	}
	if fe := fetchError(t, err); fe.Temporary {
		t.Errorf("a redirect loop is not temporary: %v", err)
	}
	if got, want := hits.Load(), int64(opts.MaxRedirects+1); got != want {
		t.Errorf("server saw %d requests, want %d (the first and %d redirects)", got, want, opts.MaxRedirects)
	}
}
