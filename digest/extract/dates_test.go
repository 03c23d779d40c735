package extract

import (
	"sync"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// The patched go-dateparser (digest/thirdparty) loads its locale tables on
// first use instead of at start-up. Parsing from many goroutines at once is
// that first use, racing, and must still read every language it read before.
func TestDatesParseOnFirstUseFromManyGoroutines(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	cases := map[string]string{
		"12 de mayo de 2021":               "2021-05-12T00:00",
		"Dienstag, 3. März 2020 10:15 MEZ": "2020-03-03T09:15",
		"5 января 2019 г.":                 "2019-01-05T00:00",
		"March 4, 2024 3:00 PM EST":        "2024-03-04T20:00",
		"2024年3月5日":                        "2024-03-05T00:00",
		"2 days ago":                       "2026-12-03T12:00",
	}
	var wg sync.WaitGroup
	for in, want := range cases {
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := dps.Parse(&dps.Configuration{CurrentTime: now}, in)
				if err != nil {
					t.Errorf("parse %q: %v", in, err)
					return
				}
				if got := d.Time.UTC().Format("2006-01-02T15:04"); got != want {
					t.Errorf("parse %q = %s, want %s", in, got, want)
				}
			}()
		}
	}
	wg.Wait()
}
