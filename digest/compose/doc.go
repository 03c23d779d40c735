// Package compose turns a rendered edition into one message per
// subscriber: personal unsubscribe link, RFC 8058 one-click headers, a
// Message-ID that stays the same when a delivery is retried, and an
// optional DKIM signature over exactly the bytes that will be sent.
//
// The MIME body comes from github.com/jordan-wright/email, but the header
// block is written here: that library emits headers in random map order,
// splits display names on commas, invents Date and Message-ID values and
// never folds long lines. Its output also differs on every call (random
// boundaries), so each message is rendered once and those bytes are
// signed and sent unchanged.
package compose
