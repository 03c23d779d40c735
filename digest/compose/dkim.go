package compose

import (
	"crypto"
	"errors"
	"fmt"

	"github.com/emersion/go-msgauth/dkim"
)

// signedHeaders are the fields a DKIM signature covers. Each is listed
// once more than it occurs (over-signing, RFC 6376 section 8.15): a
// receiver then rejects a copy of the message with a second From,
// Subject or List-Unsubscribe added, or with a Reply-To added where there
// was none.
var signedHeaders = []string{
	"From", "Reply-To", "To", "Subject", "Date", "Message-ID",
	"MIME-Version", "Content-Type",
	"List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
}

func checkDKIM(d *DKIM) error {
	if !isDomain(d.Domain) {
		return fmt.Errorf("dkim domain %q: not a host name", d.Domain)
	}
	if !isDomain(d.Selector + ".x") {
		return fmt.Errorf("dkim selector %q: not a host name label", d.Selector)
	}
	if d.Signer == nil {
		return errors.New("dkim: no key")
	}
	if err := checkKey(d.Signer.Public()); err != nil {
		return fmt.Errorf("dkim: %w", err)
	}
	return nil
}

// headerKeys returns the h= list for a message: every signed field that
// is present, then each signed field once more.
func headerKeys(hasReplyTo bool) []string {
	keys := make([]string, 0, 2*len(signedHeaders))
	for _, k := range signedHeaders {
		if k != "Reply-To" || hasReplyTo {
			keys = append(keys, k)
		}
	}
	return append(keys, signedHeaders...)
}

// sign returns a DKIM-Signature field for each key followed by data,
// unchanged: every signature is over exactly the bytes that will be sent
// (no signature covers another's field).
func sign(keys []*DKIM, data []byte, hasReplyTo bool) ([]byte, error) {
	var sigs []string
	for _, d := range keys {
		sig, err := signature(d, data, hasReplyTo)
		if err != nil {
			return nil, err
		}
		sigs = append(sigs, sig)
	}
	n := len(data)
	for _, s := range sigs {
		n += len(s)
	}
	out := make([]byte, 0, n)
	for _, s := range sigs {
		out = append(out, s...)
	}
	return append(out, data...), nil
}

// signature is one key's DKIM-Signature field over data.
func signature(d *DKIM, data []byte, hasReplyTo bool) (string, error) {
	signer, err := dkim.NewSigner(&dkim.SignOptions{
		Domain:                 d.Domain,
		Selector:               d.Selector,
		Signer:                 d.Signer,
		Hash:                   crypto.SHA256,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             headerKeys(hasReplyTo),
	})
	if err != nil {
		return "", fmt.Errorf("dkim: %w", err)
	}
	if _, err := signer.Write(data); err != nil {
		signer.Close()
		return "", fmt.Errorf("dkim sign: %w", err)
	}
	if err := signer.Close(); err != nil {
		return "", fmt.Errorf("dkim sign: %w", err)
	}
	return signer.Signature(), nil
}
