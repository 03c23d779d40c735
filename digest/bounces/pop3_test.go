package bounces

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/mailtest"
)

// uidlMemory keeps remembered UIDLs in memory, as the store does in its
// table (the store's own test covers that).
type uidlMemory struct {
	mu   sync.Mutex
	seen map[string]map[string]bool
	gone map[string]time.Time
}

func (u *uidlMemory) SeenUIDLs(_ context.Context, box string) (map[string]bool, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := map[string]bool{}
	for k, v := range u.seen[box] {
		out[k] = v
	}
	return out, nil
}

func (u *uidlMemory) RememberUIDL(_ context.Context, box, uidl string, report bool, _ time.Time) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.seen == nil {
		u.seen, u.gone = map[string]map[string]bool{}, map[string]time.Time{}
	}
	if u.seen[box] == nil {
		u.seen[box] = map[string]bool{}
	}
	if _, ok := u.seen[box][uidl]; !ok {
		u.seen[box][uidl] = report
	}
	return nil
}

func (u *uidlMemory) UIDLsGone(_ context.Context, box string, uidls []string, at, forget time.Time) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, id := range uidls {
		if _, ok := u.gone[box+" "+id]; !ok {
			u.gone[box+" "+id] = at
		}
	}
	for k, t := range u.gone {
		if b, id, _ := strings.Cut(k, " "); b == box && t.Before(forget) {
			delete(u.seen[box], id)
			delete(u.gone, k)
		}
	}
	return nil
}

type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

// deliver puts a message into the Maildir as a delivery agent does.
func deliver(t testing.TB, d *mailtest.Dovecot, n int, raw string) {
	t.Helper()
	name := fmt.Sprintf("%d.M%dP1.mailtest", time.Now().Unix(), n)
	path := filepath.Join(d.Maildir, "new", name)
	if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 8, 8); err != nil {
		t.Fatal(err)
	}
}

// Reading a real Dovecot over POP3: over TLS and over STLS every
// message comes byte for byte (CRLF and dot-stuffed lines as delivered),
// is handed over once however often the mailbox is read, and stays on
// the server; with DeleteProcessed only the reports go, including those
// read on an earlier visit, and the person's message stays. Their UIDLs
// are forgotten only a retention after they left.
func TestPOP3(t *testing.T) {
	d := mailtest.StartDovecot(t)
	person := "Subject: a person\r\nFrom: ann@example.net\r\n\r\nhello\r\n.a line starting with a dot\r\n..two\r\n"
	deliver(t, d, 1, "Subject: bounce one\r\n\r\nx\r\n")
	deliver(t, d, 2, person)
	ctx := context.Background()
	seen := &uidlMemory{}
	clock := &fixedClock{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	box := POP3{Addr: d.POP3SAddr, User: d.User, Password: d.Password, TLS: d.TLS(), Seen: seen, Clock: clock, Timeout: 10 * time.Second}
	read := func(mb POP3) (got []string) {
		t.Helper()
		err := mb.Each(ctx, func(m Message) (bool, error) {
			got = append(got, string(m.Raw))
			return strings.HasPrefix(string(m.Raw), "Subject: bounce"), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	onServer := func() []string {
		t.Helper()
		var subjects []string
		all := POP3{Addr: d.POP3SAddr, User: d.User, Password: d.Password, TLS: d.TLS(), Seen: &uidlMemory{}, Clock: clock}
		for _, m := range read(all) {
			subjects = append(subjects, strings.TrimPrefix(strings.SplitN(m, "\r\n", 2)[0], "Subject: "))
		}
		slices.Sort(subjects)
		return subjects
	}

	got := read(box)
	if len(got) != 2 || !slices.Contains(got, person) {
		t.Fatalf("first read: %q; want both, the person's byte for byte", got)
	}
	if got := read(box); len(got) != 0 {
		t.Errorf("second read handed over %d messages again", len(got))
	}
	if s := onServer(); !slices.Equal(s, []string{"a person", "bounce one"}) {
		t.Errorf("on the server: %q; want both, none deleted by default", s)
	}

	deliver(t, d, 3, "Subject: bounce two\r\n\r\ny\r\n")
	box.Addr, box.Security, box.DeleteProcessed = d.POP3Addr, POP3STARTTLS, true
	if got := read(box); len(got) != 1 || !strings.Contains(got[0], "bounce two") {
		t.Errorf("over STLS: %q; want the new message alone", got)
	}
	if s := onServer(); !slices.Equal(s, []string{"a person"}) {
		t.Errorf("on the server after delete_processed: %q; want the person's message alone", s)
	}

	// The reports' ids are kept while the retention runs, then forgotten;
	// the person's, still on the server, stays.
	box.Retention = 24 * time.Hour
	read(box) // notes the two gone
	clock.t = clock.t.Add(23 * time.Hour)
	read(box)
	if ids, _ := seen.SeenUIDLs(ctx, box.Key()); len(ids) != 3 {
		t.Errorf("remembered %d ids 23 hours after two left; want all 3", len(ids))
	}
	clock.t = clock.t.Add(2 * time.Hour)
	read(box)
	if ids, _ := seen.SeenUIDLs(ctx, box.Key()); len(ids) != 1 {
		t.Errorf("remembered %v after the retention; want the person's alone", ids)
	}
}

// The password goes only over TLS, or in the clear to a loopback
// address when allowed in so many words; a refused login says so
// without repeating the password.
func TestPOP3Refusals(t *testing.T) {
	d := mailtest.StartDovecot(t)
	ctx := context.Background()
	clock := &fixedClock{time.Now()}
	each := func(mb POP3) error {
		mb.Seen, mb.Clock, mb.Timeout = &uidlMemory{}, clock, 10*time.Second
		return mb.Each(ctx, func(Message) (bool, error) { return false, nil })
	}
	plain := POP3{Addr: d.POP3Addr, User: d.User, Password: d.Password, Security: POP3Plain}
	if err := each(plain); err == nil || !strings.Contains(err.Error(), "refusing to send the password unencrypted") {
		t.Errorf("plaintext without leave: %v", err)
	}
	far := plain
	far.Addr, far.AllowPlaintext = "192.0.2.1:110", true
	if err := each(far); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("plaintext to a non-loopback address: %v", err)
	}
	plain.AllowPlaintext = true
	if err := each(plain); err != nil {
		t.Errorf("plaintext to loopback when allowed: %v", err)
	}
	wrong := POP3{Addr: d.POP3SAddr, User: d.User, Password: "not-the-password-42", TLS: d.TLS()}
	if err := each(wrong); err == nil || !strings.Contains(err.Error(), "PASS") || strings.Contains(err.Error(), "not-the-password-42") {
		t.Errorf("wrong password: %v; want the PASS refused, the password not repeated", err)
	}
	untrusted := POP3{Addr: d.POP3SAddr, User: d.User, Password: d.Password}
	if err := each(untrusted); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("a server whose certificate is not trusted: %v", err)
	}
}
