package deliver

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// takeoverComposer lets another instance claim every unfinished row the
// moment the sender composes its first message, as a second instance does
// while the first is frozen past its lease.
type takeoverComposer struct {
	inner Composer
	take  func()
	once  sync.Once
}

func (c *takeoverComposer) Compose(s digest.Subscriber) (*digest.Message, error) {
	c.once.Do(c.take)
	return c.inner.Compose(s)
}

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// A sender whose rows another, live instance took over (on PostgreSQL,
// where several share the database) sends none of them: the first change
// it tries finds its claim lost, and it drops the rest of the batch
// instead of sending it again.
func TestSenderDropsRowsAnotherInstanceTook(t *testing.T) {
	const n = 40
	r := newRigOn(t, pgtest.URL(t), n, smtptest.Options{}, nil)
	r.sender.Workers = 1
	ctx := context.Background()
	live, err := r.store.LeaseTime(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{r.sender.Instance, "other"} {
		if err := r.store.Register(ctx, store.Instance{ID: id, Host: "h", StartedAt: live, Heartbeat: live}); err != nil {
			t.Fatal(err)
		}
	}
	var taken int
	r.comp = &takeoverComposer{inner: r.comp, take: func() {
		// As if the sender had been frozen past its lease.
		got, err := r.store.ClaimDeliveries(ctx, "ed1", "other", live.Add(r.store.Lease()+time.Second), 1000)
		if err != nil {
			t.Error(err)
		}
		taken = len(got)
	}}
	sum := r.send(t)
	if taken != n {
		t.Fatalf("the other instance took %d rows, want all %d", taken, n)
	}
	if got := len(r.server.Messages()); got != 0 {
		t.Errorf("the sender sent %d messages of rows it no longer held, want 0", got)
	}
	if sum.Sent != 0 || sum.Lost == 0 || sum.Finished {
		t.Errorf("summary %+v, want nothing sent, the loss counted, not finished", sum)
	}
	rows, _ := r.store.Deliveries(ctx, "ed1", 0)
	for _, d := range rows {
		if d.Status != "pending" || d.Attempts != 0 {
			t.Errorf("row %d is %s after %d attempts; the other instance's claim should be untouched", d.Subscriber.ID, d.Status, d.Attempts)
		}
	}
}

// A sender whose lease lapses while it waits to retry a message the relay
// refused for now (frozen in its backoff) finds its next "sending" update
// refused: it frees that row, left in sending by the failed try, instead
// of keeping it claimed where no instance could ever take it; once its
// heartbeat is back it claims the rows again and the edition is sent,
// each subscriber once.
func TestLapsedLeaseDuringRetryStrandsNothing(t *testing.T) {
	const n = 6
	r := newRigOn(t, pgtest.URL(t), n, smtptest.Options{DataReply: map[int]*smtp.SMTPError{
		1: {Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}}}, nil, store.WithLease(time.Second))
	r.sender.Workers = 1
	ctx := context.Background()
	beat := func(at time.Time) {
		if err := r.store.Register(ctx, store.Instance{ID: r.sender.Instance, Host: "h", StartedAt: at, Heartbeat: at}); err != nil {
			t.Error(err)
		}
		if err := r.store.Heartbeat(ctx, r.sender.Instance, false, at); err != nil {
			t.Error(err)
		}
	}
	now := func() time.Time {
		t, _ := r.store.LeaseTime(ctx, time.Now())
		return t
	}
	beat(now())
	var once sync.Once
	r.sender.Sleep = func(ctx context.Context, d time.Duration) error {
		once.Do(func() {
			// Frozen through the backoff: the last heartbeat is now older
			// than the lease. The heartbeat comes back a moment later.
			beat(now().Add(-2 * time.Second))
			time.AfterFunc(100*time.Millisecond, func() { beat(now()) })
		})
		return SleepContext(ctx, d)
	}
	sum := r.send(t)
	if sum.Lost == 0 || !sum.Finished {
		t.Errorf("summary %+v: want the refused sending update seen, and the edition finished in the same run", sum)
	}
	for _, s := range r.subs {
		if got := r.received()[s.Address]; got != 1 {
			t.Errorf("%s received %d copies, want 1", s.Address, got)
		}
	}
	if st := r.edition(t); st != digest.EditionSent {
		t.Errorf("edition is %s, want sent: a row stayed claimed", st)
	}
}
