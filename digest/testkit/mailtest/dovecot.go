package mailtest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// mailUID is the owner of the test mailbox: Debian's "mail" user, which
// both Postfix's virtual delivery agent and Dovecot may act as.
const mailUID, mailGID = 8, 8

// Dovecot is a running Dovecot serving one user's Maildir over IMAP
// (TLS from the first byte), POP3 (TLS from the first byte, and plain
// with STLS), all on loopback.
type Dovecot struct {
	IMAPAddr  string // imaps
	POP3SAddr string // pop3s: TLS from the first byte
	POP3Addr  string // pop3: plain, offering STLS
	User      string
	Password  string
	// Maildir is the user's mailbox, for a delivery agent to write to.
	Maildir string
	// Roots trusts the server's certificate, issued for 127.0.0.1.
	Roots *x509.CertPool
	Log   string // the server's log file
}

// TLS is a client configuration that trusts this server.
func (d *Dovecot) TLS() *tls.Config {
	return &tls.Config{ServerName: "127.0.0.1", RootCAs: d.Roots, MinVersion: tls.VersionTLS12}
}

// StartDovecot starts a Dovecot with its own configuration, state and
// log in a temporary folder, and stops it when the test ends. Its one
// user is "bounces", whose Maildir a Postfix may deliver into.
func StartDovecot(t testing.TB) *Dovecot {
	t.Helper()
	need(t, "Dovecot", map[string]string{"dovecot": "dovecot-core", "/usr/lib/dovecot/imap": "dovecot-imapd", "/usr/lib/dovecot/pop3": "dovecot-pop3d"})
	dir := openDir(t)
	d := &Dovecot{User: "bounces", Password: "s3cret-" + strconv.Itoa(os.Getpid()), Log: filepath.Join(dir, "dovecot.log")}
	mail := filepath.Join(dir, "mail")
	home := filepath.Join(mail, d.User)
	d.Maildir = filepath.Join(home, "Maildir")
	for _, p := range []string{mail, home, d.Maildir, filepath.Join(d.Maildir, "new"), filepath.Join(d.Maildir, "cur"), filepath.Join(d.Maildir, "tmp")} {
		must(t, os.MkdirAll(p, 0o700))
		must(t, os.Chown(p, mailUID, mailGID))
	}
	d.Roots = writeCert(t, filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	users := fmt.Sprintf("%s:{PLAIN}%s:%d:%d::%s::\n", d.User, d.Password, mailUID, mailGID, home)
	must(t, os.WriteFile(filepath.Join(dir, "users"), []byte(users), 0o644))
	imaps, pop3s, pop3 := freePort(t), freePort(t), freePort(t)
	d.IMAPAddr, d.POP3SAddr, d.POP3Addr = addr(imaps), addr(pop3s), addr(pop3)
	conf := fmt.Sprintf(dovecotConf, dir, filepath.Base(dir), mailUID, imaps, pop3s, pop3)
	path := filepath.Join(dir, "dovecot.conf")
	must(t, os.WriteFile(path, []byte(conf), 0o644))

	cmd := exec.Command("dovecot", "-F", "-c", path)
	out, err := os.Create(filepath.Join(dir, "dovecot.out"))
	must(t, err)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM} // dies with a killed test binary
	must(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
		out.Close()
	})
	for _, a := range []string{d.IMAPAddr, d.POP3SAddr, d.POP3Addr} {
		waitListening(t, a, d.Log)
	}
	return d
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

// dovecotConf: %[1]s the folder, %[2]s an instance name, %[3]d the
// lowest valid uid, then the imaps, pop3s and pop3 ports. Plain IMAP is
// off; plain POP3 is on to test STLS and the refusal of plaintext login.
// Dovecot counts loopback as secure and would take a password over it
// in the clear: what a client refuses is the client's to test.
const dovecotConf = `
base_dir = %[1]s/run
state_dir = %[1]s/state
instance_name = mailtest-%[2]s
log_path = %[1]s/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <%[1]s/cert.pem
ssl_key = <%[1]s/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain
auth_username_format = %%Ln
passdb {
  driver = passwd-file
  args = scheme=PLAIN %[1]s/users
}
userdb {
  driver = passwd-file
  args = %[1]s/users
}
first_valid_uid = %[3]d
mail_location = maildir:~/Maildir
pop3_uidl_format = %%08Xu%%08Xv
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = %[4]d
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3s {
    port = %[5]d
    ssl = yes
  }
  inet_listener pop3 {
    port = %[6]d
  }
}
`
