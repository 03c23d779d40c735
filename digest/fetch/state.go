package fetch

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

const (
	backoffBase = time.Minute
	backoffCap  = 24 * time.Hour
	// jitterFraction of a backoff is taken off at random, so sources that
	// failed together (one host down) do not all come back together; it
	// is taken off rather than added so the cap stays a cap.
	jitterFraction = 10
)

// Next computes a source's state after an attempt at now. A success (a
// 2xx or a 304) clears the error count and keeps the validators to send
// next time; those a 304 leaves out are kept from before. A failure counts,
// and pushes the next attempt out by an exponential backoff, or by the
// server's Retry-After when that is longer.
//
// A caller whose own context was cancelled should not record the attempt:
// that says nothing about the source.
func Next(prev digest.SourceState, resp *Response, err error, now time.Time) digest.SourceState {
	s := prev
	s.LastFetched = now
	if err != nil {
		s.ErrorCount++
		s.LastError = err.Error()
		wait := jitter(backoff(s.ErrorCount))
		var fe *Error
		if errors.As(err, &fe) && fe.RetryAfter > wait {
			wait = fe.RetryAfter
		}
		s.NextAttempt = now.Add(wait)
		return s
	}
	s.ErrorCount = 0
	s.LastError = ""
	s.LastSuccess = now
	s.NextAttempt = time.Time{}
	if resp == nil {
		return s
	}
	// A 304 need not repeat Last-Modified (RFC 9110 15.4.5), so each
	// validator it leaves out stays; a full response replaces both.
	if !resp.NotModified || resp.ETag != "" {
		s.ETag = resp.ETag
	}
	if !resp.NotModified || resp.LastModified != "" {
		s.LastModified = resp.LastModified
	}
	return s
}

// Due reports whether a source may be fetched at now.
func Due(s digest.SourceState, now time.Time) bool {
	return !now.Before(s.NextAttempt)
}

// backoff is the wait after the n-th failure in a row: a minute, doubling,
// at most a day.
func backoff(n int) time.Duration {
	if n < 1 {
		return 0
	}
	d := backoffBase
	for i := 1; i < n && d < backoffCap; i++ {
		d *= 2
	}
	return min(d, backoffCap)
}

// jitter takes up to a tenth off d at random.
func jitter(d time.Duration) time.Duration {
	spread := int64(d / jitterFraction)
	if spread <= 0 {
		return d
	}
	return d - time.Duration(rand.Int64N(spread+1))
}
