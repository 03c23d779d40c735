package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Implicit TLS against a server that speaks plain SMTP: the first
// handshake failure stops the run, non-zero and blaming nobody, instead
// of a connection per message per retry (155 connections for 31
// subscribers before).
func TestTLSHandshakeFailureStopsTheRun(t *testing.T) {
	r := newNewsroom(t, 31, 0)
	r.env = append(os.Environ(), "DIGEST_SMTP_ADDR="+r.server.Addr, "DIGEST_SMTP_TLS=tls")
	out, err := r.command("send").CombinedOutput()
	if err == nil {
		t.Fatalf("digest send exited 0 after a TLS handshake failure:\n%s", out)
	}
	if !strings.Contains(string(out), "tls handshake") {
		t.Errorf("the error does not name the TLS handshake:\n%s", out)
	}
	if n := r.server.Connections(); n > connections {
		t.Errorf("%d connections for one failure that would repeat, want at most %d (one per worker)", n, connections)
	}
	// The edition's row in digest status: nothing sent, nobody failed;
	// the messages in flight are deferred to the next run.
	for _, line := range strings.Split(r.run(t, "status"), "\n") {
		f := strings.Fields(line)
		if len(f) >= 8 && strings.HasSuffix(f[0], "-manual") {
			if sent, failed := f[4], f[6]; sent != "0" || failed != "0" {
				t.Errorf("after the failure: %s sent, %s failed; want none:\n%s", sent, failed, line)
			}
			return
		}
	}
	t.Error("digest status lists no edition")
}

// State is private whatever the umask: folders 0700, files 0600. The
// database holds the unsubscribe key and every subscriber, the outbox
// every message.
func TestStateIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	data := filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(binary, "run", "--once", "--data-dir", data)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("digest run --once: %v\n%s", err, out)
	}
	checked := 0
	err := filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", p, info.Mode().Perm(), want)
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"digest.db", "outbox", "editions"} {
		if _, err := os.Stat(filepath.Join(data, p)); err != nil {
			t.Errorf("%s missing: the walk proves nothing about it", p)
		}
	}
	t.Logf("%d files and folders checked", checked)
}

// A database lost (emptied or deleted) in a data dir with editions is
// not silently recreated: the command refuses and says how to proceed.
func TestLostDatabaseIsNotRecreated(t *testing.T) {
	for _, lose := range []string{"emptied", "deleted"} {
		t.Run(lose, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			if out, err := exec.Command(binary, "run", "--once", "--data-dir", data).CombinedOutput(); err != nil {
				t.Fatalf("digest run --once: %v\n%s", err, out)
			}
			db := filepath.Join(data, "digest.db")
			os.Remove(db + "-wal")
			os.Remove(db + "-shm")
			if lose == "emptied" {
				os.WriteFile(db, nil, 0o600)
			} else {
				os.Remove(db)
			}
			out, err := exec.Command(binary, "build", "--data-dir", data).CombinedOutput()
			if err == nil || !strings.Contains(string(out), "restore digest.db from a backup") {
				t.Fatalf("digest build on a lost database: %v\n%s", err, out)
			}
			if info, err := os.Stat(db); lose == "emptied" && (err != nil || info.Size() != 0) || lose == "deleted" && err == nil {
				t.Errorf("the database was recreated")
			}
		})
	}
	// A fresh data dir still starts.
	if out, err := exec.Command(binary, "build", "--data-dir", filepath.Join(t.TempDir(), "new")).CombinedOutput(); err != nil {
		t.Fatalf("a fresh data dir: %v\n%s", err, out)
	}
}

// A symlink in the drop folder that leads out of it is refused: the
// outside file, on theme as it is, is neither stored nor mailed, and the
// build says which link it refused. A link inside the folder still works.
func TestDropFolderConfined(t *testing.T) {
	base := t.TempDir()
	data, outside := filepath.Join(base, "data"), filepath.Join(base, "outside")
	drop := filepath.Join(data, "drop")
	os.MkdirAll(drop, 0o700)
	os.MkdirAll(outside, 0o700)
	secret := "Japan and NATO agreed a secret defence plan. OUTSIDE-MARKER Japan and NATO will deepen defence industry cooperation, joint exercises and cyber security ties."
	os.WriteFile(filepath.Join(outside, "plan.txt"), []byte("Secret plan\n\n"+secret+"\n"), 0o600)
	os.Symlink(filepath.Join(outside, "plan.txt"), filepath.Join(drop, "plan.txt"))
	os.Symlink("/etc/passwd", filepath.Join(drop, "passwd.txt"))
	out, err := exec.Command(binary, "build", "--data-dir", data).CombinedOutput()
	if err != nil {
		t.Fatalf("digest build: %v\n%s", err, out)
	}
	html, _ := filepath.Glob(filepath.Join(data, "editions", "*", "digest.json"))
	for _, p := range html {
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "OUTSIDE-MARKER") || strings.Contains(string(b), "root:x:0:0") {
			t.Errorf("%s carries a file from outside the drop folder", p)
		}
		if !strings.Contains(string(b), "plan.txt") || !strings.Contains(string(b), "unreadable") {
			t.Errorf("%s does not list the refused link as left out", p)
		}
	}
	if len(html) == 0 {
		t.Fatal("no edition built")
	}
}
