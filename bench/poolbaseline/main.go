// Command poolbaseline sends one fixed message N times over C connections
// with jordan-wright/email's Pool: the baseline that bench/smtp.sh sets
// digest's own transport against. It is a measuring tool only; the Pool's
// defects (no timeouts, a Close that deadlocks, TLS and auth silently
// dropped) are why digest does not send with it.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jordan-wright/email"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:2525", "SMTP server host:port")
	n := flag.Int("n", 10000, "messages to send")
	conns := flag.Int("conns", 8, "connections")
	htmlFile := flag.String("html", "", "HTML part")
	textFile := flag.String("text", "", "text part")
	flag.Parse()
	html, err := os.ReadFile(*htmlFile)
	if err != nil {
		log.Fatal(err)
	}
	text, err := os.ReadFile(*textFile)
	if err != nil {
		log.Fatal(err)
	}
	pool, err := email.NewPool(*addr, *conns, nil)
	if err != nil {
		log.Fatal(err)
	}
	jobs := make(chan int)
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range *conns {
		// Each worker has its own message: Bytes() is not safe to share.
		e := email.NewEmail()
		e.From = "Digest <digest@example.org>"
		e.To = []string{"reader@example.net"}
		e.Subject = "Baseline edition"
		e.HTML, e.Text = html, text
		wg.Go(func() {
			for range jobs {
				if err := pool.Send(e, 30*time.Second); err != nil {
					failed.Add(1)
				}
			}
		})
	}
	for i := range *n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	// No pool.Close(): it can deadlock; the process exits instead.
	fmt.Printf("pool baseline: %d messages (%d failed) over %d connections in %.2f s: %.0f msg/s\n",
		*n, failed.Load(), *conns, elapsed.Seconds(), float64(*n)/elapsed.Seconds())
}
