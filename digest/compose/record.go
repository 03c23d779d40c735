package compose

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
)

// DNSRecord is the TXT record that publishes a DKIM key, as receivers
// look it up: its name (selector._domainkey.domain) and its value
// (RFC 6376 section 3.6.1; RFC 8463 for Ed25519, whose p= is the raw key).
func DNSRecord(domain, selector string, pub crypto.PublicKey) (name, value string, err error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		der, err := x509.MarshalPKIXPublicKey(k)
		if err != nil {
			return "", "", fmt.Errorf("dkim record: %w", err)
		}
		value = "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
	case ed25519.PublicKey:
		value = "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(k)
	default:
		return "", "", fmt.Errorf("dkim record: unsupported key type %T", pub)
	}
	return selector + "._domainkey." + domain, value, nil
}

// ZoneLine writes a TXT record as a zone-file line, its value split into
// quoted strings of at most 255 characters, the most one string may hold.
func ZoneLine(name, value string) string {
	var parts []string
	for len(value) > 255 {
		parts = append(parts, `"`+value[:255]+`"`)
		value = value[255:]
	}
	parts = append(parts, `"`+value+`"`)
	return fmt.Sprintf("%s. IN TXT ( %s )", name, strings.Join(parts, " "))
}
