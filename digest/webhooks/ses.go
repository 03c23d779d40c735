package webhooks

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// SES reads Amazon SES bounce and complaint notifications delivered by
// an SNS topic to an HTTPS subscription. Every SNS message is signed:
// SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over the
// message's fields in a fixed order, with the certificate at
// SigningCertURL, which must be an https URL on an SNS host and is
// fetched through Client and cached. Only messages of TopicARN are
// taken; a SubscriptionConfirmation of that topic is confirmed by
// fetching its SubscribeURL, on an SNS host too. The replay id is the
// MessageId; Timestamp older than an hour is refused.
//
// https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
// https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
//
// The subscriber is named by the VERP token of mail.source (SES reports
// the envelope sender it sent from), by the Message-ID among
// mail.headers or mail.commonHeaders.messageId (SES's own mail.messageId
// names nothing of ours), else by each bounced or complaining
// recipient's address.
type SES struct {
	TopicARN   string
	VERPPrefix string
	// Client fetches certificates and confirms subscriptions; tests give
	// one that trusts their own CA.
	Client *http.Client
	Clock  digest.Clock
	certs  certCache
}

type snsMessage struct {
	Type             string
	MessageId        string
	Token            string
	TopicArn         string
	Subject          *string
	Message          string
	Timestamp        string
	SignatureVersion string
	Signature        string
	SigningCertURL   string
	SubscribeURL     string
}

// Window: SNS retries within minutes by default.
func (s *SES) Window() time.Duration { return time.Hour }

// Verify checks the SNS signature and topic and reads the notification.
func (s *SES) Verify(ctx context.Context, _ http.Header, body []byte) (*Delivery, error) {
	var m snsMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("%w: sns: %v", ErrUnsigned, err)
	}
	if m.Signature == "" || m.SigningCertURL == "" || m.SignatureVersion == "" {
		return nil, fmt.Errorf("%w: sns: no signature", ErrUnsigned)
	}
	if m.TopicArn != s.TopicARN {
		return nil, fmt.Errorf("%w: sns: topic %q is not the configured one", ErrForged, m.TopicArn)
	}
	if err := s.verify(ctx, &m); err != nil {
		return nil, err
	}
	at, err := time.Parse(time.RFC3339Nano, m.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("%w: sns: timestamp %q", ErrBadPayload, m.Timestamp)
	}
	d := &Delivery{At: at}
	switch m.Type {
	case "Notification":
		d.Events, err = parseSES([]byte(m.Message), s.VERPPrefix)
		for i := range d.Events {
			d.Events[i].Receipt = m.MessageId
		}
	case "SubscriptionConfirmation":
		u, uerr := snsURL(m.SubscribeURL)
		if uerr != nil {
			return nil, uerr
		}
		d.Events = []Event{{Receipt: m.MessageId}}
		d.Confirm = func(ctx context.Context) error { return s.confirm(ctx, u.String()) }
	default: // UnsubscribeConfirmation: nothing to do but remember it
		d.Events = []Event{{Receipt: m.MessageId}}
	}
	return d, err
}

// verify checks the signature over the string SNS signs.
func (s *SES) verify(ctx context.Context, m *snsMessage) error {
	var h crypto.Hash
	switch m.SignatureVersion {
	case "1":
		h = crypto.SHA1
	case "2":
		h = crypto.SHA256
	default:
		return fmt.Errorf("%w: sns: signature version %q", ErrForged, m.SignatureVersion)
	}
	sig, err := base64.StdEncoding.DecodeString(m.Signature)
	if err != nil {
		return fmt.Errorf("%w: sns: signature not base64", ErrForged)
	}
	cert, err := s.certs.get(ctx, s.Client, m.SigningCertURL, s.Clock.Now())
	if err != nil {
		return err
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return fmt.Errorf("%w: sns: certificate key is not RSA", ErrForged)
	}
	if err := rsa.VerifyPKCS1v15(pub, h, hashOf(h, stringToSign(m)), sig); err != nil {
		return fmt.Errorf("%w: sns: signature", ErrForged)
	}
	return nil
}

func hashOf(h crypto.Hash, s string) []byte {
	if h == crypto.SHA1 {
		sum := sha1.Sum([]byte(s))
		return sum[:]
	}
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}

// stringToSign is each signed field's name and value on lines of their
// own, in the order SNS fixes for the message's type; Subject only when
// the message has one.
func stringToSign(m *snsMessage) string {
	var b strings.Builder
	add := func(k, v string) { b.WriteString(k + "\n" + v + "\n") }
	add("Message", m.Message)
	add("MessageId", m.MessageId)
	if m.Type == "Notification" {
		if m.Subject != nil {
			add("Subject", *m.Subject)
		}
	} else {
		add("SubscribeURL", m.SubscribeURL)
	}
	add("Timestamp", m.Timestamp)
	if m.Type != "Notification" {
		add("Token", m.Token)
	}
	add("TopicArn", m.TopicArn)
	add("Type", m.Type)
	return b.String()
}

// confirm subscribes the endpoint by fetching SubscribeURL.
func (s *SES) confirm(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("sns subscription confirmation: %w", err)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sns subscription confirmation: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxCert))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sns subscription confirmation: status %d", resp.StatusCode)
	}
	return nil
}
