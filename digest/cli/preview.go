package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/web"
	"github.com/digest-newsletter/digest/templates"
)

// noticePoll is how often the sign-up outbox is looked at besides when
// a request in this process queues a row: rows other instances queued,
// and retries, wait at most this long.
const noticePoll = 5 * time.Second

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
	if *addr != "" {
		app.Config.Preview.Addr = *addr
	}
	if *publicAddr != "" {
		app.Config.Preview.PublicAddr = *publicAddr
	}
	stop, err := app.serve(env, app.Desk)
	if err != nil {
		return err
	}
	<-ctx.Done()
	stop()
	return nil
}

// serveWithRun serves both faces beside the scheduler when the config
// says so.
func (a *session) serveWithRun(_ context.Context, env Env, d *desk.Desk) (func(), error) {
	if !a.Config.Preview.ServeWithRun {
		return func() {}, nil
	}
	return a.serve(env, d)
}

// serve starts both faces on their listeners and returns a stop function
// that shuts them down gracefully. Listening happens before it returns,
// so a taken port is an error here, not a log line later; each face is
// told the address it really got, which its Host check relies on.
func (a *session) serve(env Env, d *desk.Desk) (func(), error) {
	tfs, err := templates.FS(a.Config.ResolveDataPath(a.Config.Templates))
	if err != nil {
		return nil, err
	}
	p := a.Config.Preview
	proxies, err := a.Config.Web.Proxies()
	if err != nil {
		return nil, err
	}
	faces := []struct {
		name, addr string
		handler    func(addr string) (http.Handler, error)
	}{
		{"editors", p.Addr, func(addr string) (http.Handler, error) {
			return web.NewEditor(d, web.EditorOptions{Addr: addr, Token: env.Getenv("DIGEST_PREVIEW_TOKEN"),
				User: env.Getenv("DIGEST_PREVIEW_USER"), Password: env.Getenv("DIGEST_PREVIEW_PASSWORD"),
				Templates: tfs, Log: a.Log, TrustedProxies: proxies, PublicURL: a.Config.Mail.PublicURL})
		}},
		{"public", p.PublicAddr, func(addr string) (http.Handler, error) {
			return web.NewPublic(d, web.PublicOptions{Addr: addr, PublicURL: a.Config.Mail.PublicURL, Templates: tfs, Log: a.Log,
				Clock: a.Clock, Title: a.Config.Title, TrustedProxies: proxies, Secret: a.Secret})
		}},
	}
	var servers []*http.Server
	// The process that serves the public pages sends what sign-up
	// queues: confirmations and welcomes (desk.RunNotices).
	notices, stopNotices := context.WithCancel(context.Background())
	worker := make(chan struct{})
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, s := range servers {
			s.Shutdown(ctx)
		}
		stopNotices()
		<-worker
	}
	go func() {
		defer close(worker)
		d.RunNotices(notices, a.InstanceID(), noticePoll)
	}()
	for _, face := range faces {
		ln, err := net.Listen("tcp", face.addr)
		if err != nil {
			stop()
			return nil, fmt.Errorf("%s pages: %w", face.name, err)
		}
		h, err := face.handler(ln.Addr().String())
		if err != nil {
			ln.Close()
			stop()
			return nil, fmt.Errorf("%s pages: %w", face.name, err)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
			WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
		servers = append(servers, srv)
		a.Log.Info("serving", "face", face.name, "url", "http://"+ln.Addr().String())
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.Log.Error("server stopped", "face", face.name, "err", err)
			}
		}()
	}
	return stop, nil
}
