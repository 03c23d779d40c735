package cli

import (
	"context"
	"flag"
	"fmt"

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
	stop, urls, err := serve.PagesAt(app.App, *addr, *publicAddr)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Editors' desk: %s\nPublic pages:  %s\nOpen the desk's address in a browser; Ctrl-C stops both.\n", urls["editors"], urls["public"])
	<-ctx.Done()
	stop()
	return nil
}
