package fetch

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

var (
	failing = digest.SourceState{
		ETag: `"old"`, LastModified: "Sat, 28 Feb 2026 10:00:00 GMT",
		ErrorCount: 3, LastError: "fetch x: status 500",
		LastFetched: epoch.Add(-time.Hour), LastSuccess: epoch.Add(-48 * time.Hour), NextAttempt: epoch.Add(-time.Minute),
	}
	newDate = "Mon, 02 Mar 2026 08:00:00 GMT"
)

func TestNextAfterSuccess(t *testing.T) {
	tests := []struct {
		name             string
		resp             *Response
		wantETag, wantLM string
	}{
		{name: "200 brings new validators", resp: &Response{Status: 200, ETag: `"new"`, LastModified: newDate},
			wantETag: `"new"`, wantLM: newDate},
		{name: "200 without validators drops the old", resp: &Response{Status: 200}},
		{name: "304 without validators keeps them", resp: &Response{Status: 304, NotModified: true},
			wantETag: failing.ETag, wantLM: failing.LastModified},
		{name: "304 with a new etag keeps the date", resp: &Response{Status: 304, NotModified: true, ETag: `"new"`},
			wantETag: `"new"`, wantLM: failing.LastModified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Next(failing, tt.resp, nil, epoch)
			want := digest.SourceState{ETag: tt.wantETag, LastModified: tt.wantLM, LastFetched: epoch, LastSuccess: epoch}
			if got != want {
				t.Errorf("Next\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestNextBacksOffAfterFailure(t *testing.T) {
	tests := []struct {
		prevErrors int
		wantBase   time.Duration // before jitter takes up to a tenth off
	}{
		{0, time.Minute},
		{1, 2 * time.Minute},
		{2, 4 * time.Minute},
		{5, 32 * time.Minute},
		{10, 17*time.Hour + 4*time.Minute},
		{11, 24 * time.Hour},
		{40, 24 * time.Hour},
		{100000, 24 * time.Hour},
	}
	failure := &Error{URL: "https://feeds.example.org/a.xml", Status: 500, Temporary: true, Err: errors.New("status 500")}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.prevErrors), func(t *testing.T) {
			prev := failing
			prev.ErrorCount = tt.prevErrors
			got := Next(prev, nil, failure, epoch)

			if got.ErrorCount != tt.prevErrors+1 || got.LastError != failure.Error() || !got.LastFetched.Equal(epoch) {
				t.Errorf("count %d error %q fetched %v, want %d %q %v",
					got.ErrorCount, got.LastError, got.LastFetched, tt.prevErrors+1, failure.Error(), epoch)
			}
			if got.ETag != prev.ETag || got.LastModified != prev.LastModified || !got.LastSuccess.Equal(prev.LastSuccess) {
				t.Errorf("a failure changed validators or last success: %+v", got)
			}
			wait := got.NextAttempt.Sub(epoch)
			if lo := tt.wantBase - tt.wantBase/jitterFraction; wait < lo || wait > tt.wantBase {
				t.Errorf("next attempt in %v, want between %v and %v", wait, lo, tt.wantBase)
			}
		})
	}
}

func TestNextJitterSpreadsRetries(t *testing.T) {
	seen := make(map[time.Time]bool)
	for range 50 {
		seen[Next(failing, nil, errors.New("connection refused"), epoch).NextAttempt] = true
	}
	if len(seen) < 2 {
		t.Errorf("50 failures all retry at the same moment; want jitter to spread them")
	}
}

func TestNextHonoursRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter time.Duration
		wrap       bool
		wantExact  bool // the Retry-After, not the backoff, decides
	}{
		{name: "longer than the backoff", retryAfter: 3 * time.Hour, wantExact: true},
		{name: "longer, wrapped", retryAfter: 3 * time.Hour, wrap: true, wantExact: true},
		{name: "longer than the cap", retryAfter: 72 * time.Hour, wantExact: true},
		{name: "shorter than the backoff", retryAfter: 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error = &Error{URL: "https://feeds.example.org/a.xml", Status: 429, RetryAfter: tt.retryAfter, Temporary: true,
				Err: errors.New("status 429")}
			if tt.wrap {
				err = fmt.Errorf("source a: %w", err)
			}
			prev := failing
			prev.ErrorCount = 0
			wait := Next(prev, nil, err, epoch).NextAttempt.Sub(epoch)
			if tt.wantExact && wait != tt.retryAfter {
				t.Errorf("next attempt in %v, want the Retry-After %v", wait, tt.retryAfter)
			}
			if !tt.wantExact && (wait < time.Minute-time.Minute/jitterFraction || wait > time.Minute) {
				t.Errorf("next attempt in %v, want the first backoff, about a minute", wait)
			}
		})
	}
}

func TestDue(t *testing.T) {
	tests := []struct {
		name string
		next time.Time
		want bool
	}{
		{name: "never failed", want: true},
		{name: "backoff over", next: epoch.Add(-time.Second), want: true},
		{name: "backoff ends now", next: epoch, want: true},
		{name: "backing off", next: epoch.Add(time.Second), want: false},
	}
	for _, tt := range tests {
		if got := Due(digest.SourceState{NextAttempt: tt.next}, epoch); got != tt.want {
			t.Errorf("%s: Due = %v, want %v", tt.name, got, tt.want)
		}
	}
}
