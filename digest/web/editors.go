package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"net/http"
	"sync"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/passhash"
)

// Editor is one person who may use the editors' face: the basic-auth
// user name, which the history records, and the argon2id or bcrypt hash
// of their password (the config's web.editors; `digest editors add NAME`
// makes the hash). The password itself is never stored.
type Editor struct {
	Name         string
	PasswordHash string
}

// editorLogins checks the editors' passwords. A hash is slow on purpose,
// and a browser sends basic auth with every request, so after a password
// verifies, an HMAC of it under a key of this process is kept (in
// memory, per editor) and the same password is then checked against that
// in constant time; keyed, so a memory dump gives no fast hash to crack.
// A change of password in the config takes a restart, which clears it.
type editorLogins struct {
	hashes map[string]string
	// dummy is checked for a name that is no editor's, so that an
	// unknown name costs the same slow hash as a known one.
	dummy    string
	mu       sync.Mutex
	key      []byte
	verified map[string][]byte
}

func newEditorLogins(editors []Editor, sharedUser string) (*editorLogins, error) {
	if len(editors) == 0 {
		return nil, nil
	}
	l := &editorLogins{hashes: map[string]string{}, verified: map[string][]byte{}, key: make([]byte, 32)}
	if _, err := rand.Read(l.key); err != nil {
		return nil, fmt.Errorf("editors: %w", err)
	}
	for i, e := range editors {
		if err := checkEditorName(e.Name); err != nil {
			return nil, fmt.Errorf("editor %d: %w", i+1, err)
		}
		if _, dup := l.hashes[e.Name]; dup || e.Name == sharedUser {
			return nil, fmt.Errorf("editor %d: the name %q is given twice", i+1, e.Name)
		}
		if err := passhash.Check(e.PasswordHash); err != nil {
			return nil, fmt.Errorf("editor %q: password hash: %w", e.Name, err)
		}
		l.hashes[e.Name] = e.PasswordHash
		if l.dummy == "" {
			l.dummy = e.PasswordHash
		}
	}
	return l, nil
}

// checkEditorName refuses a name basic auth cannot carry (a colon ends
// the user name) or a log and a page should not show.
func checkEditorName(name string) error {
	if err := digest.CheckEditorName(name); err != nil {
		return fmt.Errorf("name %w", err)
	}
	return nil
}

// has reports whether name is an editor's.
func (l *editorLogins) has(name string) bool {
	if l == nil {
		return false
	}
	_, ok := l.hashes[name]
	return ok
}

// check reports whether password is the editor name's.
func (l *editorLogins) check(name, password string) bool {
	if l == nil {
		return false
	}
	mac := hmac.New(sha256.New, l.key)
	mac.Write([]byte(password))
	mark := mac.Sum(nil)
	hash, known := l.hashes[name]
	if known {
		l.mu.Lock()
		seen, ok := l.verified[name]
		l.mu.Unlock()
		if ok && hmac.Equal(seen, mark) {
			return true
		}
	} else {
		hash = l.dummy
	}
	if !passhash.Verify(hash, password) || !known {
		return false
	}
	l.mu.Lock()
	l.verified[name] = mark
	l.mu.Unlock()
	return true
}

// sharedEditor names whoever uses the shared token: it is one editor,
// since nothing tells its users apart.
const sharedEditor = digest.SharedEditor

// withLocalEditor names the person at an unauthenticated loopback desk
// "local", for the history, unless requireAuth named them already.
func withLocalEditor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if desk.EditorOf(r.Context()) == "" {
			r = r.WithContext(desk.WithEditor(r.Context(), digest.LoopbackEditor))
		}
		next.ServeHTTP(w, r)
	})
}
