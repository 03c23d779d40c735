package bounce

import "testing"

func TestFindStatus(t *testing.T) {
	tests := []struct{ in, status, reply string }{
		{"host said: 550 5.1.1 <a@b.c>... User Unknown", "5.1.1", "550"},
		{"550 550 5.1.1 user unknown (UserSearch)", "5.1.1", "550"},
		{"Unknown user . (#5.5.0)", "5.5.0", ""},
		{"smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound", "5.1.10", "550"},
		{"Status: 4.4.7.", "4.4.7", ""},
		{"host [192.0.2.153] refused", "", ""},
		{"relay 10.4.5.6 said 250 2.0.0 Ok", "", ""},
		{"Exim 4.72 id 1X58pT", "", ""},
		{"Apple Mail (2.1878.6)", "", ""},
		{"queue id 5.1.2.3", "", ""},
		{"port 5500 at 12:45:50", "", ""},
		{"Thu, 29 Apr 2010 00:00:00 -0000", "", ""},
		{"421-4.7.0 try later", "4.7.0", "421"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got, _ := findStatus(tt.in); got != tt.status {
			t.Errorf("findStatus(%q) = %q, want %q", tt.in, got, tt.status)
		}
		if got, _ := findReply(tt.in); got != tt.reply {
			t.Errorf("findReply(%q) = %q, want %q", tt.in, got, tt.reply)
		}
	}
}

func TestAddressLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  kijitora@example.jp", "kijitora@example.jp"},
		{"<kijitora@example.ne.jp>:", "kijitora@example.ne.jp"},
		{"<user@aol.com>: host air-dc said: 552", ""},
		{"kijitora@example.jp on Thu, 29 Apr 2010 00:00:00 -0000", "kijitora@example.jp"},
		{"  To:      shironeko@example.com", ""},
		{"SMTP error after RCPT TO:<kijitora@example.jp>:", ""},
		{"please write to postmaster@example.org today", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := addressLine(tt.in); got != tt.want {
			t.Errorf("addressLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
