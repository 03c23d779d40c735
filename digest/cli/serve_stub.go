package cli

import (
	"context"

	"github.com/digest-newsletter/digest/digest/desk"
)

func (a *app) serveWithRun(ctx context.Context, env Env, d *desk.Desk) (func(), error) {
	return func() {}, nil
}
