package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sync/atomic"
	"time"

	"github.com/digest-newsletter/digest/digest/store"

	"github.com/digest-newsletter/digest/digest"
)

// instance is this process as the database knows it: the name its claims
// carry, the heartbeat that keeps them, and whether it leads.
type instance struct {
	id      string
	leader  *store.Leadership
	leading atomic.Bool
	stop    func()
}

// startInstance names the process, whose claims carry the name. On a
// shared database it also registers the process and beats its heartbeat
// until Close: an instance whose heartbeat stops loses its claims after
// the store's lease. A SQLite file has one process, which needs neither.
func (a *App) startInstance(ctx context.Context) error {
	host, _ := os.Hostname()
	in := &instance{id: fmt.Sprintf("%s-%d-%04x", host, os.Getpid(), rand.Uint32()&0xffff), leader: a.Store.Leadership(),
		stop: func() {}}
	a.instance = in
	if !a.Config.Database.Shared() {
		return nil
	}
	now, err := a.Store.LeaseTime(ctx, a.Clock.Now())
	if err != nil {
		return err
	}
	rec := store.Instance{ID: in.id, Host: host, PID: os.Getpid(), StartedAt: now, Heartbeat: now}
	if err := a.Store.Register(ctx, rec); err != nil {
		return err
	}
	beatCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(a.Store.HeartbeatEvery())
		defer t.Stop()
		for {
			select {
			case <-beatCtx.Done():
				return
			case <-t.C:
			}
			now, err := a.Store.LeaseTime(beatCtx, a.Clock.Now())
			if err == nil {
				err = a.Store.Heartbeat(beatCtx, in.id, in.leading.Load(), now)
			}
			if errors.Is(err, digest.ErrNotFound) {
				// Forgotten after a long pause: register again. Claims
				// it held may have been taken over meanwhile, which the
				// delivery rows' status keeps safe.
				rec.Heartbeat = now
				err = a.Store.Register(beatCtx, rec)
			}
			if err != nil && beatCtx.Err() == nil {
				a.Log.Warn("heartbeat", "instance", in.id, "err", err)
			}
		}
	}()
	in.stop = func() {
		cancel()
		<-done
		in.leader.Close()
		if err := a.Store.Deregister(context.Background(), in.id); err != nil {
			a.Log.Warn("deregister", "instance", in.id, "err", err)
		}
	}
	return nil
}

// InstanceID names this process in the database.
func (a *App) InstanceID() string {
	if a.instance == nil {
		return ""
	}
	return a.instance.id
}

// Lead reports whether this instance should reconcile the schedule now,
// taking the lead when it is free. On SQLite it always does: the data
// dir's lock made it the only one.
func (a *App) Lead(ctx context.Context) bool {
	if a.instance == nil {
		return true
	}
	was := a.instance.leading.Load()
	ok, err := a.instance.leader.Lead(ctx)
	if err != nil {
		a.Log.Warn("leadership", "err", err)
	}
	a.instance.leading.Store(ok)
	if ok != was {
		a.Log.Info("leadership changed", "instance", a.instance.id, "leader", ok)
	}
	return ok
}
