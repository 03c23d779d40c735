package bounces

import (
	"encoding/json"
	"fmt"
)

// Provider is a sending service whose webhook reports bounces. Relaying
// through Postmark, SendGrid or Mailgun, the envelope sender is replaced
// by the provider's own bounce address, so the VERP token never comes
// back; each instead echoes per-message metadata that a header set at
// SMTP time carries (Postmark and SendGrid strip it before delivery;
// Mailgun leaves it, so a reader sees their own token, as the Return-Path
// shows it anyway). The webhooks read it as TokenField.
type Provider string

const (
	Postmark Provider = "postmark"
	SendGrid Provider = "sendgrid"
	Mailgun  Provider = "mailgun"
)

// TokenField is the metadata key each provider echoes the token under,
// and the webhooks read it by.
const TokenField = "digest_token"

// CarriesMetadata says whether p has a metadata header; SES does not
// need one, as it keeps the envelope sender.
func (p Provider) CarriesMetadata() bool { return p == Postmark || p == SendGrid || p == Mailgun }

// metadataHeader is the header line (without CRLF) that asks p to echo
// tok in its webhook events: Postmark's X-PM-Metadata-KEY, SendGrid's
// X-SMTPAPI unique_args and Mailgun's X-Mailgun-Variables.
func metadataHeader(p Provider, tok string) (string, error) {
	vars, err := json.Marshal(map[string]string{TokenField: tok})
	if err != nil {
		return "", err
	}
	switch p {
	case Postmark:
		return "X-PM-Metadata-" + TokenField + ": " + tok, nil
	case SendGrid:
		return fmt.Sprintf(`X-SMTPAPI: {"unique_args":%s}`, vars), nil
	case Mailgun:
		return "X-Mailgun-Variables: " + string(vars), nil
	}
	return "", fmt.Errorf("provider %q has no metadata header", p)
}

// withMetadata puts one header line per provider at the top of the
// message. A header added above a DKIM signature's own is not among the
// headers it signs, so the signature stays valid.
func withMetadata(data []byte, providers []Provider, tok string) ([]byte, error) {
	var head []byte
	for _, p := range providers {
		line, err := metadataHeader(p, tok)
		if err != nil {
			return nil, err
		}
		head = append(append(head, line...), "\r\n"...)
	}
	return append(head, data...), nil
}
