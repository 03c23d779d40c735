package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// initAlloc matches one package's line of GODEBUG=inittrace=1:
// "init <package> @1.2 ms, 0.3 ms clock, 1234 bytes, 5 allocs".
var initAlloc = regexp.MustCompile(`(?m)^init (\S+) @\S+ \S+, \S+ ms clock, (\d+) bytes`)

// Commands that never extract a web page must not pay for the extraction
// libraries' tables at start-up. go-dateparser built every locale's tables
// in init (78 MB, about 250 ms per process); the patched copy under
// digest/thirdparty builds them on first use. The figure checked is bytes
// allocated, which is deterministic, not time.
func TestStartupAllocatesNoDateTables(t *testing.T) {
	cmd := exec.Command(binary, "help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("digest help: %v\n%s", err, out)
	}
	var total int64
	perPackage := map[string]int64{}
	for _, m := range initAlloc.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.ParseInt(m[2], 10, 64)
		perPackage[m[1]] += n
		total += n
	}
	if len(perPackage) == 0 {
		t.Fatalf("no inittrace lines in the output:\n%s", out)
	}
	const dateData = "github.com/markusmobius/go-dateparser/internal/data"
	if n := perPackage[dateData]; n > 64<<10 {
		t.Errorf("%s allocates %d bytes at start-up; is the replace in go.mod gone?", dateData, n)
	}
	const budget = 8 << 20 // 5.8 MB today; 90 MB before the patched go-dateparser
	if total > budget {
		t.Errorf("package initialisation allocates %d bytes in all, more than %d", total, budget)
	}
}
