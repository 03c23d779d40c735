// Package mailtest starts Debian's own mail servers for tests: a Dovecot
// (IMAP, POP3 and LMTP) as the bounce mailbox and a Postfix as the relay
// that accepts mail and bounces it afterwards with a real delivery status
// notification. Each runs from a throwaway configuration in the test's
// temporary folder, on loopback ports, and stops when the test ends; the
// system's own instances (if any) are neither read nor touched.
//
// They need root (the daemons drop privileges to their own users) and
// the packages postfix, dovecot-imapd and dovecot-pop3d. Without them a
// test skips with a loud message; .ci/run installs them and sets
// DIGEST_REQUIRE_MAIL, so there a missing part fails the test instead.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// need skips (or, under DIGEST_REQUIRE_MAIL, fails) the test unless it
// runs as root and every program is installed; programs maps each to
// the Debian package that brings it.
func need(t testing.TB, name string, programs map[string]string) {
	t.Helper()
	fail, prefix := t.Skipf, "SKIPPING: "
	if os.Getenv("DIGEST_REQUIRE_MAIL") != "" { // .ci/run installed them: missing is a failure
		fail, prefix = t.Fatalf, "DIGEST_REQUIRE_MAIL is set, but "
	}
	if os.Geteuid() != 0 {
		fail("%s%s must be started as root (it drops to its own users); run this test as root", prefix, name)
	}
	for p, pkg := range programs {
		if _, err := exec.LookPath(p); err != nil {
			fail("%s%s is not installed (%s not found); install Debian's %s package to run this test", prefix, name, p, pkg)
		}
	}
}

// freePort finds a loopback TCP port nobody listens on now. Another
// process may take it before the server does; the start then fails
// loudly rather than talking to a stranger.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// openDir makes a folder the daemons' unprivileged users can pass
// through: t.TempDir's are root's alone.
func openDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeCert writes a fresh self-signed certificate for 127.0.0.1 and
// localhost, and its key, as PEM files; it returns the certificate's
// pool for clients to trust.
func writeCert(t testing.TB, certPath, keyPath string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return pool
}

// waitListening waits until something accepts on addr, or fails the
// test with the daemon's log.
func waitListening(t testing.TB, addr, logPath string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("nothing listens on %s after 20s: %v\nlog %s:\n%s", addr, err, logPath, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(fmt.Errorf("mailtest: %w", err))
	}
}
