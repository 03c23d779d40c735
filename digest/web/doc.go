// Package web serves the digest's two faces over HTTP. The editors' face is
// where the people who run the digest look at each edition, adjust it,
// approve it and send themselves a test copy. The public face is what
// subscribers reach from their mail: the one-click unsubscribe and the
// archive of sent editions. They are separate handlers for separate
// listeners, so the editors' face can stay on loopback while the public one
// sits behind the address in the config's public_url.
//
// Both faces parse their page templates (templates/web/*.tmpl) once, when
// built, and wrap every route in the same rules: a Host header check
// against DNS rebinding, a Content-Security-Policy on every response, no
// sniffing, no referrer. The editors' face adds credentials whenever it is
// not on loopback and refuses cross-origin form posts; the public face
// needs neither, because its one unsafe request, the one-click
// unsubscribe, is authorised by the token in its URL.
//
// Routes of the editors' face:
//
//	GET  /                             editions with status and delivery counts
//	GET  /editions/{id}                one edition: email at two widths, text, JSON, headers, articles
//	GET  /editions/{id}/email.html     the email as sent (own policy, shown in sandboxed iframes)
//	GET  /editions/{id}/edition.txt    the plain-text part
//	GET  /editions/{id}/edition.json   the edition's JSON
//	POST /editions/{id}/change         article=…&action=include|exclude|pin|unpin|move[&section=…]
//	POST /editions/{id}/approve        the same approval as `digest approve`
//	POST /editions/{id}/test           address=… : a test copy through the normal transport
//
// Routes of the public face:
//
//	GET  /                             redirects to the archive
//	GET  /archive                      sent editions, newest first
//	GET  /archive/{id}                 a sent edition's web copy
//	GET  /unsubscribe?s=…&t=…          confirmation page; changes nothing
//	POST /unsubscribe?s=…&t=…          unsubscribes; RFC 8058 one-click too
package web
