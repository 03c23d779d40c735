// Package brand checks what the config says a newsletter looks like
// before any page or message is built with it.
//
// An accent colour is used for links and headings on the sign-up page, the
// archive and in the email; one too pale for its background makes exactly
// those parts unreadable, so Check refuses it at start, naming the ratio it
// has and the one it needs, rather than leaving it to be found in a
// screenshot.
package brand
