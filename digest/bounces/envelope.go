// Package bounces acts on what comes back from mailing an edition: it
// gives each message an envelope sender (VERP) that names its delivery,
// matches each report in the bounce mailbox to a subscriber and an
// edition, and decides, by a fixed policy, what the report does to the
// subscriber. Reading a message is package bounce's work; this package
// holds the keys and the rules, and the store is reached only through
// the small interfaces declared here.
package bounces

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/verp"
)

// keyLabel derives the VERP tokens' key from the app's secret, so the
// key is shared by the instances that share the secret and used for
// nothing else: a token cannot be passed off as an unsubscribe link or
// a form token, nor the reverse.
const keyLabel = "digest verp token v1"

// Key derives the VERP key from the app's secret.
func Key(secret []byte) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(keyLabel))
	return mac.Sum(nil)
}

// Ref is what a token names: the edition by its issue number and the
// subscriber by the random public id the links use. Both are short, so
// the whole address fits the 64-octet local part (an edition id such as
// 20261207-0700-Europe-Berlin would not), and neither tells a reader how
// many others there are. A subscriber with no public id (one not from
// the database) is named by its row id.
type Ref struct {
	Issue        int
	PublicID     string
	SubscriberID int64
}

// errBadRef is a token, signed by us, that names no delivery this code
// can read: a layout of another version.
var errBadRef = errors.New("verp token names no delivery")

// publicIDLength is a subscriber public id's length: 32 hex digits.
const publicIDLength = 32

// RefOf is the reference of one edition's message to sub.
func RefOf(issue int, sub digest.Subscriber) Ref {
	if sub.PublicID != "" {
		return Ref{Issue: issue, PublicID: sub.PublicID}
	}
	return Ref{Issue: issue, SubscriberID: sub.ID}
}

// delivery is r as a token carries it.
func (r Ref) delivery() verp.Delivery {
	sub := r.PublicID
	if sub == "" {
		sub = strconv.FormatInt(r.SubscriberID, 10)
	}
	return verp.Delivery{Edition: strconv.Itoa(r.Issue), Subscriber: sub}
}

// refOf reads a decoded token back. A token is signed, so a malformed
// one means a layout this code does not know, not a forgery.
func refOf(d verp.Delivery) (Ref, error) {
	issue, err := strconv.Atoi(d.Edition)
	if err != nil || issue <= 0 {
		return Ref{}, fmt.Errorf("%w: edition %q is not an issue number", errBadRef, d.Edition)
	}
	if len(d.Subscriber) == publicIDLength && strings.Trim(strings.ToLower(d.Subscriber), "0123456789abcdef") == "" {
		return Ref{Issue: issue, PublicID: d.Subscriber}, nil
	}
	id, err := strconv.ParseInt(d.Subscriber, 10, 64)
	if err != nil || id <= 0 {
		return Ref{}, fmt.Errorf("%w: subscriber %q is neither a public id nor a row id", errBadRef, d.Subscriber)
	}
	return Ref{Issue: issue, SubscriberID: id}, nil
}

// Tokens signs and reads the references.
type Tokens struct {
	Signer verp.Signer
	// Metadata are the providers whose metadata header also carries
	// each message's token (see Provider): those whose webhook is on.
	Metadata []Provider
}

// Address is the envelope sender of the message r names.
func (t Tokens) Address(r Ref) (string, error) { return t.Signer.Address(r.delivery()) }

// Token is the signed token of the message r names, as a webhook echoes
// it back.
func (t Tokens) Token(r Ref) (string, error) { return t.Signer.Encode(r.delivery()) }

// Decode reads a token found in a report.
func (t Tokens) Decode(tok string) (Ref, error) {
	d, err := t.Signer.Decode(tok)
	if err != nil {
		return Ref{}, err
	}
	return refOf(d)
}

// Composer is the part of an edition's prepared composer Envelope wraps.
type Composer interface {
	Compose(sub digest.Subscriber) (*digest.Message, error)
}

// Envelope sets each message's envelope sender to its delivery's VERP
// address, and adds the metadata headers of Tokens.Metadata, and changes
// nothing else: the From header, the signed bytes and the Message-ID stay
// as composed (neither the envelope nor the added headers are signed).
type Envelope struct {
	Composer Composer
	Tokens   Tokens
	Issue    int
}

// Compose composes sub's message and gives it its own envelope sender.
func (e Envelope) Compose(sub digest.Subscriber) (*digest.Message, error) {
	msg, err := e.Composer.Compose(sub)
	if err != nil {
		return nil, err
	}
	if e.Issue <= 0 {
		return nil, errors.New("verp: the edition has no issue number")
	}
	ref := RefOf(e.Issue, sub)
	if msg.From, err = e.Tokens.Address(ref); err != nil {
		return nil, fmt.Errorf("verp: subscriber %d: %w", sub.ID, err)
	}
	if len(e.Tokens.Metadata) > 0 {
		tok, err := e.Tokens.Token(ref)
		if err != nil {
			return nil, fmt.Errorf("verp: subscriber %d: %w", sub.ID, err)
		}
		if msg.Data, err = withMetadata(msg.Data, e.Tokens.Metadata, tok); err != nil {
			return nil, err
		}
	}
	return msg, nil
}
