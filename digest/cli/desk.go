package cli

import (
	"context"

	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/schedule"
)

// desk wires the editors' desk from the config and the environment.
func (a *app) desk(ctx context.Context, env Env) (*desk.Desk, error) {
	if err := a.cfg.ApplyEnv(env.Getenv); err != nil {
		return nil, err
	}
	a.store.RequireApproval(a.cfg.Schedule.RequireApproval)
	b, err := a.builder()
	if err != nil {
		return nil, err
	}
	secret, err := a.unsubscribeSecret(ctx, env)
	if err != nil {
		return nil, err
	}
	c, err := a.composer(secret)
	if err != nil {
		return nil, err
	}
	return &desk.Desk{Store: a.store, Builder: b, Renderer: b.Renderer, Composer: c, Secret: secret,
		PublicURL: a.cfg.Mail.PublicURL, OpenTransport: a.transport, NewSender: a.sender,
		Clock: a.clock, Log: a.log}, nil
}

// runner wires the scheduler's reconcile from the config.
func (a *app) runner(d *desk.Desk) (*runner.Runner, error) {
	s, err := a.schedule()
	if err != nil {
		return nil, err
	}
	sc := a.cfg.Schedule
	return &runner.Runner{Schedule: s, Desk: d, Store: a.store, Builder: d.Builder, Clock: a.clock, Log: a.log,
		CatchUp: sc.CatchUp, MinNew: sc.MinNewArticles, RequireApproval: sc.RequireApproval}, nil
}

func (a *app) schedule() (*schedule.Schedule, error) {
	loc, err := a.cfg.Schedule.Location()
	if err != nil {
		return nil, err
	}
	return schedule.Parse(a.cfg.Schedule.Spec, loc)
}

// unsubscribeSecret is the key of the unsubscribe links:
// DIGEST_UNSUBSCRIBE_SECRET, or one generated once and kept in the database.
func (a *app) unsubscribeSecret(ctx context.Context, env Env) ([]byte, error) {
	if s := env.Getenv("DIGEST_UNSUBSCRIBE_SECRET"); s != "" {
		return []byte(s), nil
	}
	return a.store.Secret(ctx, "unsubscribe", 32)
}
