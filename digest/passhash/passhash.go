// Package passhash hashes and checks the editors' passwords. A hash is
// argon2id (RFC 9106), which digest writes, or bcrypt, which other tools
// (htpasswd -B, a password manager) write; both come from
// golang.org/x/crypto, a library kept by the Go team, because a password
// hash is no place for code of our own.
package passhash

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// Params are argon2id's costs.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// Default is RFC 9106's second recommended setting (64 MiB, 3 passes)
// with two lanes: about a tenth of a second on a small server, and the
// editors' face checks a password once per browser, not per request.
var Default = Params{Memory: 64 * 1024, Time: 3, Threads: 2}

// Bounds on the costs a stored hash may ask for: a hash from a config
// file must not make one login take a gigabyte or a minute.
const (
	maxMemory  = 1 << 20 // 1 GiB
	maxTime    = 16
	maxThreads = 16
)

const (
	saltLen = 16
	keyLen  = 32
)

// ErrUnknownHash: the text is neither an argon2id nor a bcrypt hash.
var ErrUnknownHash = errors.New("not an argon2id or bcrypt hash")

// Hash returns the argon2id hash of password with a random salt, in the
// PHC string form: $argon2id$v=19$m=65536,t=3,p=2$salt$key.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Check reports whether hash is one Verify can check, saying what is
// wrong when not. Config loading calls it, so a bad hash stops the
// program at start rather than locking an editor out later.
func Check(hash string) error {
	switch {
	case strings.HasPrefix(hash, "$argon2id$"):
		_, _, _, err := parseArgon2id(hash)
		return err
	case isBcrypt(hash):
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return fmt.Errorf("bcrypt hash: %w", err)
		}
		return nil
	default:
		return ErrUnknownHash
	}
}

// Verify reports whether password matches hash, comparing in constant
// time. A hash Check refuses matches nothing.
func Verify(hash, password string) bool {
	if isBcrypt(hash) {
		return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
	}
	p, salt, key, err := parseArgon2id(hash)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

func isBcrypt(hash string) bool {
	for _, prefix := range []string{"$2a$", "$2b$", "$2y$"} {
		if strings.HasPrefix(hash, prefix) {
			return true
		}
	}
	return false
}

func parseArgon2id(hash string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("argon2id hash: want $argon2id$v=19$m=…,t=…,p=…$salt$key")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("argon2id hash: version %q, want v=%d", parts[2], argon2.Version)
	}
	var m, t, threads uint64
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &threads); err != nil || n != 3 {
		return p, nil, nil, fmt.Errorf("argon2id hash: costs %q, want m=…,t=…,p=…", parts[3])
	}
	if m < 8 || m > maxMemory || t < 1 || t > maxTime || threads < 1 || threads > maxThreads {
		return p, nil, nil, fmt.Errorf("argon2id hash: costs %q out of bounds (m at most %d KiB, t 1–%d, p 1–%d)",
			parts[3], maxMemory, maxTime, maxThreads)
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(threads)}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, errors.New("argon2id hash: the salt is not base64 of at least 8 bytes")
	}
	key, err := enc.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, errors.New("argon2id hash: the key is not base64 of at least 16 bytes")
	}
	return p, salt, key, nil
}
