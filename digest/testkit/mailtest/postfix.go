package mailtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Postfix is a running Postfix relay on loopback. It takes any mail
// from loopback at RCPT time (no recipient lookups: local_recipient_maps
// is empty and nothing here is local), hands what is for other domains
// to the next hop, and delivers what is for BounceDomain into the
// Dovecot user's Maildir. When the next hop refuses a recipient, Postfix
// writes a real delivery status notification to the envelope sender:
// for a VERP sender bounces+TOKEN@BounceDomain that is the Dovecot
// mailbox, the detail after + stripped as a real setup strips it.
type Postfix struct {
	Addr         string // SMTP, no TLS, relaying for 127.0.0.0/8
	BounceDomain string
	dir          string
	Log          string
}

// StartPostfix starts a Postfix with its own configuration and queue in
// a temporary folder: mail for other domains goes to nextHop (host:port,
// an SMTP server the test runs, which refuses whom it likes), mail for
// bounceDomain to box's Maildir. It stops when the test ends.
func StartPostfix(t testing.TB, nextHop, bounceDomain string, box *Dovecot) *Postfix {
	t.Helper()
	need(t, "Postfix", map[string]string{"postfix": "postfix", "postqueue": "postfix", "/usr/lib/postfix/sbin/master": "postfix"})
	dir := openDir(t)
	p := &Postfix{BounceDomain: bounceDomain, dir: dir, Log: filepath.Join(dir, "postfix.log")}
	etc, queue, data := filepath.Join(dir, "etc"), filepath.Join(dir, "queue"), filepath.Join(dir, "data")
	must(t, os.MkdirAll(etc, 0o755))
	must(t, os.MkdirAll(queue, 0o755))
	must(t, os.MkdirAll(data, 0o700))
	must(t, os.Chown(data, postfixUID(t), -1))
	port := freePort(t)
	p.Addr = addr(port)
	hopHost, hopPort, err := net.SplitHostPort(nextHop)
	must(t, err)
	nextHop = "[" + hopHost + "]:" + hopPort        // no MX lookup
	base := filepath.Dir(filepath.Dir(box.Maildir)) // the folder holding the user's home
	rel, err := filepath.Rel(base, box.Maildir)
	must(t, err)
	main := fmt.Sprintf(postfixMain, queue, data, nextHop, bounceDomain, base, box.User, rel, mailUID, mailGID, p.Log, dir)
	must(t, os.WriteFile(filepath.Join(etc, "main.cf"), []byte(main), 0o644))
	must(t, os.WriteFile(filepath.Join(etc, "master.cf"), []byte(fmt.Sprintf(postfixMaster, port)), 0o644))

	// check makes the queue's folders with their owners; start-fg keeps
	// the master as this process's child, so it dies with the test.
	if out, err := exec.Command("postfix", "-c", etc, "check").CombinedOutput(); err != nil {
		t.Fatalf("postfix check: %v\n%s", err, out)
	}
	cmd := exec.Command("postfix", "-c", etc, "start-fg")
	out, err := os.Create(filepath.Join(dir, "postfix.out"))
	must(t, err)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	must(t, cmd.Start())
	t.Cleanup(func() {
		exec.Command("postfix", "-c", etc, "stop").Run()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
		}
		out.Close()
	})
	waitListening(t, p.Addr, filepath.Join(dir, "postfix.out"))
	return p
}

// Flush asks Postfix to try its deferred mail now.
func (p *Postfix) Flush(t testing.TB) {
	t.Helper()
	if out, err := exec.Command("postqueue", "-c", filepath.Join(p.dir, "etc"), "-f").CombinedOutput(); err != nil {
		t.Logf("postqueue -f: %v: %s", err, out)
	}
}

// LogText is what Postfix logged so far, for a failing test to show.
func (p *Postfix) LogText() string {
	b, _ := os.ReadFile(p.Log)
	return strings.TrimSpace(string(b))
}

func postfixUID(t testing.TB) int {
	t.Helper()
	out, err := exec.Command("id", "-u", "postfix").Output()
	must(t, err)
	var uid int
	_, err = fmt.Sscan(string(out), &uid)
	must(t, err)
	return uid
}

// postfixMain: the queue and data folders, the next hop, the bounce
// domain, the virtual mailbox base, the user, its Maildir (relative, with
// a trailing slash for Maildir format), the owner's uid and gid, the log
// and the folder it may be in.
const postfixMain = `compatibility_level = 3.6
queue_directory = %[1]s
data_directory = %[2]s
mail_owner = postfix
setgid_group = postdrop
myhostname = relay.mailtest.invalid
mydomain = mailtest.invalid
myorigin = $myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
relayhost = %[3]s
smtp_dns_support_level = disabled
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtputf8_enable = no
biff = no
delay_warning_time = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
virtual_mailbox_domains = %[4]s
virtual_mailbox_base = %[5]s
virtual_mailbox_maps = inline:{ %[6]s@%[4]s=%[7]s/ }
virtual_uid_maps = static:%[8]d
virtual_gid_maps = static:%[9]d
virtual_minimum_uid = %[8]d
recipient_delimiter = +
maillog_file = %[10]s
maillog_file_prefixes = %[11]s
`

// postfixMaster: the loopback SMTP port. Nothing is chrooted: the
// configuration lives in a temporary folder.
const postfixMaster = `127.0.0.1:%d inet n - n - - smtpd
pickup    fifo  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      fifo  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
`
