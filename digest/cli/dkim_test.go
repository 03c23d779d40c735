package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// digest dkim-record prints one zone-file TXT line per configured key,
// under each key's selector and the From domain.
func TestDKIMRecord(t *testing.T) {
	dir := t.TempDir()
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	edDER, _ := x509.MarshalPKCS8PrivateKey(edKey)
	os.WriteFile(filepath.Join(dir, "rsa.pem"), pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}), 0o600)
	os.WriteFile(filepath.Join(dir, "ed.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER}), 0o600)
	cfg := filepath.Join(dir, "digest.yaml")
	os.WriteFile(cfg, []byte("mail:\n  dkim:\n    selector: rsa\n    key_file: "+filepath.Join(dir, "rsa.pem")+
		"\n    more: [{selector: ed, key_file: "+filepath.Join(dir, "ed.pem")+"}]\n"), 0o600)
	code, out, errs := run(t, "dkim-record", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "rsa._domainkey.example.org. IN TXT (") ||
		!strings.Contains(lines[0], "k=rsa") || !strings.HasPrefix(lines[1], "ed._domainkey.example.org. IN TXT (") ||
		!strings.Contains(lines[1], "k=ed25519") {
		t.Errorf("records:\n%s", out)
	}
	if code, _, errs := run(t, "dkim-record"); code == 0 || !strings.Contains(errs, "no DKIM key configured") {
		t.Errorf("without keys: exit %d, %s", code, errs)
	}
}
