package bounces

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/mailtest"
)

// BenchmarkReadDovecot reads a real Dovecot's mailbox of benchMessages
// messages of about 4 KB (a DSN quoting a short original) over IMAP
// and over POP3, and reports messages per second. Nothing is classified,
// moved or deleted: this is the reading alone. POP3 starts each round
// with nothing remembered, so that it fetches every message too.
//
//	go test -run '^$' -bench ReadDovecot -benchtime 3x ./digest/bounces
func BenchmarkReadDovecot(b *testing.B) {
	const benchMessages = 2000
	d := mailtest.StartDovecot(b)
	body := strings.Repeat("This is the mail system at host relay.example.org. I'm sorry to have to inform you.\r\n", 45)
	for i := range benchMessages {
		deliver(b, d, i, fmt.Sprintf("Subject: bounce %d\r\nMessage-ID: <%d@bench>\r\n\r\n%s", i, i, body))
	}
	ctx := context.Background()
	clock := &fixedClock{time.Now()}
	boxes := map[string]func() Mailbox{
		"imap": func() Mailbox {
			return IMAP{Addr: d.IMAPAddr, User: d.User, Password: d.Password, TLS: d.TLS()}
		},
		"pop3": func() Mailbox {
			return POP3{Addr: d.POP3SAddr, User: d.User, Password: d.Password, TLS: d.TLS(), Seen: &uidlMemory{}, Clock: clock}
		},
	}
	for _, name := range []string{"imap", "pop3"} {
		b.Run(name, func(b *testing.B) {
			count := func() int {
				n := 0
				if err := boxes[name]().Each(ctx, func(Message) (bool, error) { n++; return false, nil }); err != nil {
					b.Fatal(err)
				}
				return n
			}
			if n := count(); n != benchMessages { // also warms Dovecot's index
				b.Fatalf("read %d messages, want %d", n, benchMessages)
			}
			b.ResetTimer()
			for b.Loop() {
				count()
			}
			b.ReportMetric(float64(b.N*benchMessages)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}
