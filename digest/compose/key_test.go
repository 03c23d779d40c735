package compose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func pemBytes(t *testing.T, typ string, der []byte) []byte {
	t.Helper()
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs8(t *testing.T, key any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pemBytes(t, "PRIVATE KEY", der)
}

func TestLoadDKIMKey(t *testing.T) {
	rsa2048, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	certThenKey := append(pemBytes(t, "CERTIFICATE", []byte("made-up")), pkcs8(t, edKey)...)

	tests := []struct {
		name    string
		content []byte
		want    crypto.PublicKey // nil when loading must fail
		wantErr string
	}{
		{"pkcs1 rsa", pemBytes(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsa2048)), rsa2048.Public(), ""},
		{"pkcs8 rsa", pkcs8(t, rsa2048), rsa2048.Public(), ""},
		{"pkcs8 ed25519", pkcs8(t, edKey), edKey.Public(), ""},
		{"key after a certificate", certThenKey, edKey.Public(), ""},
		{"rsa 1024", pemBytes(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsa1024)), nil, "1024 bits"},
		{"pkcs8 rsa 1024", pkcs8(t, rsa1024), nil, "1024 bits"},
		{"ecdsa", pkcs8(t, ecKey), nil, "unsupported key type"},
		{"garbage", []byte("this is not a key\n"), nil, "no PEM private key"},
		{"broken pkcs1", pemBytes(t, "RSA PRIVATE KEY", []byte("junk")), nil, "parse pkcs#1"},
		{"encrypted", pemBytes(t, "ENCRYPTED PRIVATE KEY", []byte("junk")), nil, "encrypted"},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".pem")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			signer, err := LoadDKIMKey(path)
			if tt.want == nil {
				if err == nil {
					t.Fatalf("case %d: loaded %T", i, signer)
				}
				if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q, want the file name and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			type equaler interface{ Equal(crypto.PublicKey) bool }
			if !signer.Public().(equaler).Equal(tt.want) {
				t.Errorf("loaded a different key")
			}
		})
	}
}

func TestLoadDKIMKeyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.pem")
	if _, err := LoadDKIMKey(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want one naming %s", err, path)
	}
}
