package cli

import (
	"context"
	"flag"

	"github.com/digest-newsletter/digest/digest/app/serve"
)

// runPreview serves the editors' pages and the public pages until stopped.
func runPreview(ctx context.Context, env Env, args []string) error {
	var addr, publicAddr *string
	app, _, err := openCommand(ctx, env, "preview", args, 0, func(fs *flag.FlagSet) {
		addr = fs.String("addr", "", "editors' pages `host:port` (default: preview.addr)")
		publicAddr = fs.String("public-addr", "", "public pages `host:port` (default: preview.public_addr)")
	})
	if err != nil {
		return err
	}
	defer app.Close()
	stop, err := serve.Pages(app.App, *addr, *publicAddr)
	if err != nil {
		return err
	}
	<-ctx.Done()
	stop()
	return nil
}
