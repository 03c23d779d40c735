package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestSplitEnhanced(t *testing.T) {
	tests := []struct {
		msg, wantCode, wantText string
	}{
		{"5.1.1 No such user", "5.1.1", "No such user"},
		{"4.7.0 Try later\n4.7.0 Greylisted", "4.7.0", "Try later\nGreylisted"},
		{"No enhanced code here", "", "No enhanced code here"},
		{"5.1 too short", "", "5.1 too short"},
		{"5.1.1", "5.1.1", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		code, text := splitEnhanced(tt.msg)
		if code != tt.wantCode || text != tt.wantText {
			t.Errorf("splitEnhanced(%q) = %q, %q; want %q, %q", tt.msg, code, text, tt.wantCode, tt.wantText)
		}
	}
}

func TestFailureClassifies(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	permanentErr := permanent(ErrTLSUnavailable)
	tests := []struct {
		name          string
		ctx           context.Context
		err           error
		wantCode      int
		wantEnhanced  string
		wantTemporary bool
		wantIs        error
	}{
		{name: "4xx reply", ctx: context.Background(), err: &textproto.Error{Code: 451, Msg: "4.3.0 Try again"},
			wantCode: 451, wantEnhanced: "4.3.0", wantTemporary: true},
		{name: "5xx reply", ctx: context.Background(), err: &textproto.Error{Code: 550, Msg: "5.1.1 Unknown"},
			wantCode: 550, wantEnhanced: "5.1.1"},
		{name: "5xx reply without enhanced code", ctx: context.Background(), err: &textproto.Error{Code: 554, Msg: "Rejected"},
			wantCode: 554},
		{name: "unexpected 2xx where 354 was due", ctx: context.Background(), err: &textproto.Error{Code: 250, Msg: "OK"},
			wantCode: 250, wantTemporary: true},
		{name: "reply wins over a cancelled context", ctx: cancelled, err: &textproto.Error{Code: 550, Msg: "5.1.1 Unknown"},
			wantCode: 550, wantEnhanced: "5.1.1"},
		{name: "connection dropped", ctx: context.Background(), err: io.ErrUnexpectedEOF,
			wantTemporary: true, wantIs: io.ErrUnexpectedEOF},
		{name: "cancelled", ctx: cancelled, err: io.EOF, wantTemporary: true, wantIs: context.Canceled},
		{name: "untrusted certificate", ctx: context.Background(),
			err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}},
		{name: "already classified", ctx: context.Background(), err: permanentErr, wantIs: ErrTLSUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failure(tt.ctx, "rcpt to", tt.err)
			if got.Code != tt.wantCode || got.Enhanced != tt.wantEnhanced || got.Temporary != tt.wantTemporary {
				t.Errorf("got code %d enhanced %q temporary %v; want %d %q %v",
					got.Code, got.Enhanced, got.Temporary, tt.wantCode, tt.wantEnhanced, tt.wantTemporary)
			}
			if tt.wantIs != nil && !errors.Is(got, tt.wantIs) {
				t.Errorf("%v does not wrap %v", got, tt.wantIs)
			}
		})
	}
}

func TestReplyErrorReadsOnce(t *testing.T) {
	// The code and enhanced code are said once, by SendError, followed by
	// the step and the server's words.
	got := failure(context.Background(), "rcpt to", &textproto.Error{Code: 550, Msg: "5.1.1 No such user"})
	if want := "550 5.1.1 rcpt to: No such user"; got.Error() != want {
		t.Errorf("Error() = %q, want %q", got.Error(), want)
	}
	var reply *textproto.Error
	if !errors.As(got, &reply) || reply.Code != 550 {
		t.Error("the server's reply is not reachable with errors.As")
	}
	var _ error = (*digest.SendError)(nil)
}

func TestPlainAuthGuardsCredentials(t *testing.T) {
	tests := []struct {
		name           string
		server         smtp.ServerInfo
		allowPlaintext bool
		wantErr        bool
	}{
		{name: "tls", server: smtp.ServerInfo{TLS: true, Auth: []string{"LOGIN", "PLAIN"}}},
		{name: "lower case mechanism", server: smtp.ServerInfo{TLS: true, Auth: []string{"plain"}}},
		{name: "clear text refused", server: smtp.ServerInfo{Name: "localhost", Auth: []string{"PLAIN"}}, wantErr: true},
		{name: "clear text when tls is off", server: smtp.ServerInfo{Auth: []string{"PLAIN"}}, allowPlaintext: true},
		{name: "plain not offered", server: smtp.ServerInfo{TLS: true, Auth: []string{"CRAM-MD5"}}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &plainAuth{username: "digest", password: "pw-secret", allowPlaintext: tt.allowPlaintext}
			mech, resp, err := a.Start(&tt.server)
			if tt.wantErr {
				var sendErr *digest.SendError
				if !errors.As(err, &sendErr) || sendErr.Temporary || resp != nil {
					t.Fatalf("Start = %q, %q, %v; want a permanent error and no credentials", mech, resp, err)
				}
				return
			}
			if err != nil || mech != "PLAIN" || string(resp) != "\x00digest\x00pw-secret" {
				t.Fatalf("Start = %q, %q, %v", mech, resp, err)
			}
		})
	}
}

// Any server reply is classified: 5xx permanent, the rest temporary; an
// enhanced code is taken only when it is one, and a bounce (5.1.x) only
// from a permanent reply.
func FuzzReplyClassification(f *testing.F) {
	f.Add(550, "5.1.1 no such user")
	f.Add(451, "4.7.1 try later\n4.7.1 really")
	f.Add(250, "")
	f.Add(554, "5.1.1")
	f.Fuzz(func(t *testing.T, code int, msg string) {
		se := failure(context.Background(), "rcpt", &textproto.Error{Code: code, Msg: msg})
		if se.Code != code || se.Temporary == (code/100 == 5) {
			t.Fatalf("reply %d %q: code %d, temporary %v", code, msg, se.Code, se.Temporary)
		}
		if se.Enhanced != "" && !enhancedCode.MatchString(se.Enhanced) {
			t.Fatalf("reply %q: enhanced code %q", msg, se.Enhanced)
		}
		if se.Bounced() && (se.Temporary || !strings.HasPrefix(se.Enhanced, "5.1.")) {
			t.Fatalf("reply %d %q counted as a bounce", code, msg)
		}
		_ = se.Error()
	})
}
