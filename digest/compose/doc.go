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
//
// Sending an edition to many subscribers starts with Prepare: the body is
// built by jordan-wright/email once per edition, with the placeholder in
// it, and the fixed header fields are formatted once. Each message then
// copies that body and quoted-printable encodes again only the lines that
// carry the subscriber's link; see bodyTemplate for why the result is the
// same as encoding the whole personalised body. All messages of an
// edition share its MIME boundary.
package compose
