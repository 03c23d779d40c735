// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb in
// a temporary folder, the server on a free loopback port, one fresh
// database per test. The cluster lives as long as the test binary (Main
// stops it), and the server is told to die with it should the binary be
// killed. Where PostgreSQL is not installed, tests skip with a loud
// message; .ci/run installs it and sets DIGEST_REQUIRE_POSTGRES, so there
// they run or fail.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Main runs the tests and stops the cluster if any test started one. Use it
// from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if current != nil {
		current.stop()
	}
	return code
}

var (
	mu      sync.Mutex
	current *cluster
	failed  error
	dbSeq   atomic.Int64
)

type cluster struct {
	dir  string
	port int
	cmd  *exec.Cmd
}

// URL returns the URL of a new, empty database on the shared cluster,
// starting the cluster on first use. It skips the test when PostgreSQL is
// not installed here.
func URL(t testing.TB) string {
	t.Helper()
	c, err := shared()
	if err != nil {
		if os.Getenv("DIGEST_REQUIRE_POSTGRES") != "" { // .ci/run installed it: missing is a failure
			t.Fatalf("PostgreSQL: %v", err)
		}
		t.Skipf("SKIPPING: PostgreSQL is not available (%v); install Debian's postgresql package to run this test", err)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbSeq.Add(1))
	admin, err := sql.Open("pgx", c.url("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	return c.url(name)
}

func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://digest@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

func shared() (*cluster, error) {
	mu.Lock()
	defer mu.Unlock()
	if current != nil || failed != nil {
		return current, failed
	}
	current, failed = start()
	return current, failed
}

// bin finds a PostgreSQL server program: Debian keeps them under
// /usr/lib/postgresql/VERSION/bin, outside PATH.
func bin(name string) (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if p := filepath.Join(d, name); executable(p) {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func executable(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode()&0o111 != 0
}

func start() (*cluster, error) {
	initdb, err := bin("initdb")
	if err != nil {
		return nil, err
	}
	postgres, err := bin("postgres")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "digest-pg")
	if err != nil {
		return nil, err
	}
	cred, err := serverUser(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	cmd := exec.Command(initdb, "-D", data, "-U", "digest", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// Durability is not what these tests measure: fsync off makes them fast.
	cmd = exec.Command(postgres, "-D", data, "-p", strconv.Itoa(port), "-k", dir, "-h", "127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGTERM}
	logf, _ := os.Create(filepath.Join(dir, "server.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	c := &cluster{dir: dir, port: port, cmd: cmd}
	if err := c.wait(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		c.stop()
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return c, nil
}

// serverUser is who runs the server: PostgreSQL refuses root, so as root
// it is the postgres user (Debian's package creates it), who gets dir.
func serverUser(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root and no postgres user to run the server as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *cluster) wait() error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := sql.Open("pgx", c.url("postgres"))
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			err = db.PingContext(ctx)
			cancel()
			db.Close()
		}
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not start: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *cluster) stop() {
	if c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
		done := make(chan struct{})
		go func() { c.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(c.dir)
}
