package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/textproto"
	"regexp"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

var (
	// ErrTLSUnavailable: TLS is required but the server did not offer
	// STARTTLS. Neither MAIL FROM nor credentials were sent.
	ErrTLSUnavailable = errors.New("server does not offer STARTTLS and TLS is required; nothing was sent")
	// ErrAuthUnavailable: credentials are configured but the server does
	// not offer AUTH PLAIN.
	ErrAuthUnavailable = errors.New("server does not offer AUTH PLAIN")
	// ErrClosed: Send was called on, or waited across, a closed transport.
	ErrClosed = errors.New("smtp transport closed")
)

// replyError is the server's own refusal at one step, with the reply code
// and enhanced status code moved to the SendError around it.
type replyError struct {
	step  string
	text  string
	reply *textproto.Error
}

func (e *replyError) Error() string { return e.step + ": " + e.text }
func (e *replyError) Unwrap() error { return e.reply }

// permanent is a failure that retrying will not cure, such as a refused
// configuration or an invalid message.
func permanent(err error) *digest.SendError {
	return &digest.SendError{Err: err}
}

func temporary(err error) *digest.SendError {
	return &digest.SendError{Temporary: true, Err: err}
}

// failure classifies err, which happened at step of a conversation whose
// context is ctx. Server replies keep their codes: 5xx is permanent and
// anything else temporary. Without a reply the connection broke, timed out
// or was cancelled, which is temporary, except a certificate the client
// cannot verify: that is a configuration problem a retry will not fix.
func failure(ctx context.Context, step string, err error) *digest.SendError {
	var sendErr *digest.SendError
	if errors.As(err, &sendErr) {
		return sendErr
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		enhanced, text := splitEnhanced(reply.Msg)
		return &digest.SendError{
			Code:      reply.Code,
			Enhanced:  enhanced,
			Temporary: reply.Code/100 != 5,
			Err:       &replyError{step: step, text: text, reply: reply},
		}
	}
	if ctx.Err() != nil {
		return temporary(fmt.Errorf("%s: %w", step, context.Cause(ctx)))
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return permanent(fmt.Errorf("%s: %w", step, err))
	}
	return temporary(fmt.Errorf("%s: %w", step, err))
}

// enhancedCode matches an RFC 3463 status code such as 5.1.1.
var enhancedCode = regexp.MustCompile(`^[245]\.\d{1,3}\.\d{1,3}$`)

// splitEnhanced takes the enhanced status code off the front of a reply,
// and off every line of a multi-line one.
func splitEnhanced(msg string) (code, text string) {
	first, _, _ := strings.Cut(msg, "\n")
	candidate, _, _ := strings.Cut(first, " ")
	if !enhancedCode.MatchString(candidate) {
		return "", msg
	}
	lines := strings.Split(msg, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimPrefix(strings.TrimPrefix(line, candidate), " ")
	}
	return candidate, strings.Join(lines, "\n")
}

// replyCode is the server's reply code in err, or 0 when there was none.
func replyCode(err error) int {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code
	}
	return 0
}
