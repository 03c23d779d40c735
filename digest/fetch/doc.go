// Package fetch gets feeds and web pages over HTTP for the digest, politely
// and defensively.
//
// Politely: conditional GET with the validators the source state keeps, a
// User-Agent that names the product, at most one request per host per
// interval, and Retry-After honoured by handing the wait back to the caller,
// who persists it as the source's next attempt (see Next and Due).
//
// Defensively: source URLs come from configuration and from redirects the
// fetcher does not control, so every address a connection is made to is
// checked at dial time, after DNS and after every redirect, against
// loopback, private, link-local (cloud metadata) and other special ranges.
// Bodies are capped, redirects bounded, and a whole request, body included,
// ends within the timeout however slowly the server answers.
package fetch
