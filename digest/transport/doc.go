// Package transport hands composed messages to a mail system: an SMTP
// relay through a small connection pool, or an outbox folder of .eml
// files when no relay is configured.
//
// # Why not an existing pool
//
// jordan-wright/email's Pool deadlocks on Close, races, has no timeouts,
// quietly carries on in clear text when the server offers no STARTTLS or
// AUTH, and ignores the envelope sender. SMTP here is built on net/smtp,
// which leaves deadlines to its caller, so every step has one: dialling,
// greeting, EHLO, STARTTLS and AUTH share DialTimeout, and each command
// afterwards (the message body with its final reply counts as one) gets
// CommandTimeout. go-smtp's client was the other candidate, but it resets
// the connection's deadline after each of its own commands and cannot
// start TLS on a client it already greeted with our EHLO name.
//
// # What one Send means
//
// Send makes exactly one delivery attempt and classifies its failure as a
// *digest.SendError. Temporary: a 4xx reply (or any reply that is not
// 5xx), a dropped connection, a timeout, a cancelled context, a closed
// transport. Permanent: a 5xx reply, with its enhanced status code (5.1.x
// makes Bounced true); TLS required but not offered; a certificate that
// does not verify; credentials configured but AUTH PLAIN not offered; a
// message with no recipient or with CR, LF, NUL, < or > in an address.
//
// When the server offers PIPELINING (RFC 2920), MAIL FROM, RCPT TO and
// DATA go out in one write and their replies are read in order: one round
// trip instead of three. The message is sent only after all three were
// accepted, and the first refusal is the one reported, so a Send means
// the same either way. A server that says 354 to DATA after refusing the
// recipient gets no message: the connection is cut instead.
//
// A connection that failed below the protocol (network error, timeout,
// cancellation) or got 421 is closed and never reused; one that got a
// clean 4xx or 5xx reply is reset with RSET before the next message.
//
// The single exception to "one attempt": when a pooled connection that
// sat idle turns out to be dead at the first command, MAIL FROM (closed,
// reset, or a parting 421; a timeout does not count), no byte of the
// message has left, so Send dials once more and tries on the fresh
// connection. Nothing can be delivered twice that way.
//
// # Delivery is at least once
//
// If the connection breaks after the final "." of the message went out
// but before the server's 250 came back, the server may well have stored
// the message. Send cannot know, so it reports a Temporary error and the
// caller retries: the recipient may get a duplicate, never zero copies.
// A context cancelled during DATA is the same case: the connection is cut
// at once and the error is Temporary and wraps the context's error.
//
// # TLS and credentials
//
// TLS is required unless the configuration says TLS "off" explicitly. If
// the server does not offer STARTTLS, Send fails with ErrTLSUnavailable
// before MAIL FROM or AUTH are sent; the error is permanent for this
// configuration, since retrying will not make the server grow TLS.
// Credentials are only ever sent over TLS, or over a plain connection
// when TLS is "off". The password never appears in an error or a log.
package transport
