package bounces

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/backend"
	"github.com/emersion/go-imap/backend/memory"
	"github.com/emersion/go-imap/client"
	"github.com/emersion/go-imap/server"
)

// moveBackend is go-imap's in-memory backend with MOVE, which it lacks
// (real servers such as Dovecot have it). The test server holds no other
// deleted message, so its expunge removes only the moved ones.
type moveBackend struct{ *memory.Backend }

func (b moveBackend) Login(ci *imap.ConnInfo, user, pass string) (backend.User, error) {
	u, err := b.Backend.Login(ci, user, pass)
	if err != nil {
		return nil, err
	}
	return moveUser{u}, nil
}

type moveUser struct{ backend.User }

func (u moveUser) GetMailbox(name string) (backend.Mailbox, error) {
	mb, err := u.User.GetMailbox(name)
	if err != nil {
		return nil, err
	}
	return moveMailbox{mb}, nil
}

type moveMailbox struct{ backend.Mailbox }

func (m moveMailbox) MoveMessages(uid bool, set *imap.SeqSet, dest string) error {
	if err := m.CopyMessages(uid, set, dest); err != nil {
		return err
	}
	if err := m.UpdateMessagesFlags(uid, set, imap.AddFlags, []string{imap.DeletedFlag}); err != nil {
		return err
	}
	return m.Expunge()
}

// imapServer serves go-imap's memory backend (user "username", password
// "password", INBOX holding one message) over TLS on loopback.
func imapServer(t *testing.T) (addr string, roots *x509.CertPool) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "imap.test"},
		DNSNames: []string{"imap.test"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	if err != nil {
		t.Fatal(err)
	}
	s := server.New(moveBackend{memory.New()})
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return l.Addr().String(), roots
}

// Reading over IMAP sees every message, marks none seen, moves the ones
// named reports to the Processed folder (made on first use) and leaves
// everything else where it was; nothing is deleted.
func TestIMAP(t *testing.T) {
	addr, roots := imapServer(t)
	tlsConfig := &tls.Config{ServerName: "imap.test", RootCAs: roots}
	admin := func() *client.Client {
		c, err := client.DialTLS(addr, tlsConfig)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Login("username", "password"); err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := admin()
	for _, body := range []string{"Subject: bounce one\r\n\r\nx\r\n", "Subject: a person\r\n\r\nhello\r\n", "Subject: bounce two\r\n\r\ny\r\n"} {
		if err := c.Append("INBOX", nil, time.Now(), bytes.NewBufferString(body)); err != nil {
			t.Fatal(err)
		}
	}
	c.Logout()

	mb := IMAP{Addr: addr, User: "username", Password: "password", Processed: "Processed", TLS: tlsConfig, Timeout: 5 * time.Second}
	var read []string
	err := mb.Each(context.Background(), func(m Message) (bool, error) {
		read = append(read, string(m.Raw))
		return strings.Contains(string(m.Raw), "Subject: bounce"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 4 {
		t.Fatalf("read %d messages, want 4 (the backend's own and three appended)", len(read))
	}

	subjects := func(c *client.Client, folder string) (subjects []string, seen int) {
		status, err := c.Select(folder, true)
		if err != nil {
			t.Fatal(err)
		}
		if status.Messages == 0 {
			return nil, 0
		}
		set := new(imap.SeqSet)
		set.AddRange(1, status.Messages)
		ch := make(chan *imap.Message, status.Messages)
		if err := c.Fetch(set, []imap.FetchItem{imap.FetchEnvelope, imap.FetchFlags}, ch); err != nil {
			t.Fatal(err)
		}
		for m := range ch {
			subjects = append(subjects, m.Envelope.Subject)
			for _, f := range m.Flags {
				if f == imap.SeenFlag {
					seen++
				}
			}
		}
		return subjects, seen
	}
	c = admin()
	defer c.Logout()
	inbox, seen := subjects(c, "INBOX")
	if strings.Join(inbox, "|") != "A little message, just for you|a person" || seen != 1 {
		t.Errorf("INBOX holds %q with %d seen; want the backend's message (seen before) and the person's (unseen)", inbox, seen)
	}
	if processed, _ := subjects(c, "Processed"); strings.Join(processed, "|") != "bounce one|bounce two" {
		t.Errorf("Processed holds %q, want the two reports", processed)
	}
}
