package desk

import "testing"

// Failures are grouped by what they mean to an editor, from the last
// error as the transport wrote it; similar errors share their words.
func TestFailureWords(t *testing.T) {
	tests := []struct{ lastError, want string }{
		{"550 5.1.1 RCPT TO: no such user here", "The address does not exist: the receiving server refused it"},
		{"550 5.1.10 RCPT TO: recipient address rejected", "The address does not exist: the receiving server refused it"},
		{"552 5.2.2 DATA: mailbox full", "The mailbox is full or closed"},
		{"550 5.7.1 DATA: message refused as spam", "The receiving server refused it by its policy (spam filter, or a sender it does not trust)"},
		{"451 4.3.0 DATA: try again later", "The receiving server asked to try again later"},
		{"421 service not available", "The receiving server asked to try again later"},
		{"554 transaction failed", "The mail server refused it"},
		{"dial tcp 127.0.0.1:25: connect: connection refused", "The mail server could not be reached or stopped answering"},
		{"", "No reason was recorded"},
		{"5.1.1 no such user", "The address does not exist: the receiving server refused it"},
		{"dial tcp: lookup mx 5.1.1.1: no such host", "The mail server could not be reached or stopped answering"},
	}
	for _, tt := range tests {
		if got := FailureWords(tt.lastError); got != tt.want {
			t.Errorf("FailureWords(%q) = %q, want %q", tt.lastError, got, tt.want)
		}
	}
}
