package web

import (
	"os"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

// With DIGEST_TEST_BACKEND=postgres the fixtures use a PostgreSQL cluster
// that Main stops at the end.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
