package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/digest-newsletter/digest/digest/deliver"

	"github.com/digest-newsletter/digest/digest"
)

// runSend sends an edition (the newest unsent one by default) to every
// active subscriber, resuming where a stopped run left off. It takes the
// database's runner lock, so it never sends beside digest run.
func runSend(ctx context.Context, env Env, args []string) error {
	app, positional, err := openCommand(ctx, env, "send", args, 1, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	d := app.Desk
	id := ""
	if len(positional) == 1 {
		id = positional[0]
	} else if id, err = app.newestUnsent(ctx); err != nil {
		return err
	} else if id == "" {
		fmt.Fprintln(env.Stdout, "no edition is waiting to be sent: nothing to do")
		return nil
	}
	rec, err := app.Store.Edition(ctx, id)
	if err != nil {
		return err
	}
	if rec.Status.Sent() {
		fmt.Fprintf(env.Stdout, "edition %s is already sent: nothing to do\n", id)
		return nil
	}
	if err := rec.NotSendable(); err != nil {
		return err
	}
	bar := newProgress(env.Stderr)
	sum, err := d.Send(ctx, id, bar.update)
	bar.done()
	// The history names a send that started, once: not one refused before
	// any message went (a relay down, an edition needing approval again),
	// nor the resumption of one under way.
	if started := sum.Sent+sum.Deferred+sum.Failed > 0; rec.Status != digest.EditionSending && (err == nil || started) {
		if rerr := d.RecordSendStart(context.WithoutCancel(ctx), id, ""); rerr != nil && err == nil {
			err = rerr
		}
	}
	if errors.Is(err, digest.ErrAlreadySent) {
		fmt.Fprintf(env.Stdout, "edition %s is already sent: nothing to do\n", id)
		return nil
	}
	if err != nil {
		return err
	}
	state := "finished"
	if !sum.Finished {
		state = "not finished: run digest send again to retry what was deferred"
		if ctx.Err() != nil {
			state = "stopped: run digest send again to resume"
		}
	}
	if d := app.delivery(); d.outbox != "" {
		fmt.Fprintf(env.Stdout, "edition %s: %s; %s\n", id, d.counts(sum), state)
		return nil
	}
	fmt.Fprintf(env.Stdout, "edition %s: %d sent, %d deferred, %d failed (%d due, %d retries); %s\n",
		id, sum.Sent, sum.Deferred, sum.Failed, sum.Total, sum.Retries, state)
	return nil
}

// newestUnsent picks the newest edition that may still be sent
// (digest.EditionStatus.CanSend: never a superseded or discarded one), or
// "" when there is none.
func (a *session) newestUnsent(ctx context.Context) (string, error) {
	eds, err := a.Store.Editions(ctx, 50)
	if err != nil {
		return "", err
	}
	if len(eds) == 0 {
		return "", errors.New("no edition to send: run digest build first")
	}
	for _, e := range eds {
		if e.Status.CanSend() {
			return e.ID, nil
		}
	}
	return "", nil
}

// progress draws a one-line bar on a terminal and nothing elsewhere.
type progress struct {
	f    *os.File
	last time.Time
	sum  deliver.Summary
}

func newProgress(w any) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{f: f}
}

func (p *progress) update(s deliver.Summary) {
	p.sum = s
	if p.f == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	s := p.sum
	done := s.Sent + s.Deferred + s.Failed
	const width = 30
	filled := 0
	if s.Total > 0 {
		filled = width * done / s.Total
	}
	fmt.Fprintf(p.f, "\r[%s%s] %d/%d  sent %d  deferred %d  failed %d ", strings.Repeat("#", filled),
		strings.Repeat("-", width-filled), done, s.Total, s.Sent, s.Deferred, s.Failed)
}

func (p *progress) done() {
	if p.f != nil {
		p.draw()
		fmt.Fprintln(p.f)
	}
}
