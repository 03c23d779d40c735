package compose

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// minRSABits is the smallest RSA key worth signing with: receivers such
// as Gmail treat shorter DKIM keys as no signature at all.
const minRSABits = 2048

// LoadDKIMKey reads a PEM private key for DKIM: PKCS#1 RSA, or PKCS#8 RSA
// or Ed25519. Errors name the file so a bad config points at itself.
func LoadDKIMKey(path string) (crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read dkim key: %w", err)
	}
	signer, err := parseDKIMKey(data)
	if err != nil {
		return nil, fmt.Errorf("dkim key %s: %w", path, err)
	}
	return signer, nil
}

func parseDKIMKey(data []byte) (crypto.Signer, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, errors.New("no PEM private key found")
		}
		if _, encrypted := block.Headers["Proc-Type"]; encrypted {
			return nil, errors.New("encrypted PEM keys are not supported")
		}
		var key any
		switch block.Type {
		case "RSA PRIVATE KEY":
			k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("parse pkcs#1: %w", err)
			}
			key = k
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("parse pkcs#8: %w", err)
			}
			key = k
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New("encrypted PEM keys are not supported")
		default:
			continue // such as a certificate or public key next to the key
		}
		switch k := key.(type) {
		case *rsa.PrivateKey:
			return k, checkKey(k.Public())
		case ed25519.PrivateKey:
			return k, nil
		default:
			return nil, fmt.Errorf("unsupported key type %T: want RSA or Ed25519", key)
		}
	}
}

// checkKey accepts the public halves DKIM can use: RSA of at least 2048
// bits (RFC 8301) and Ed25519 (RFC 8463).
func checkKey(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < minRSABits {
			return fmt.Errorf("rsa key has %d bits, need at least %d", bits, minRSABits)
		}
		return nil
	case ed25519.PublicKey:
		return nil
	default:
		return fmt.Errorf("unsupported key type %T: want RSA or Ed25519", pub)
	}
}
