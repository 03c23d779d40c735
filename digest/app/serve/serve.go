// Package serve is the HTTP half of the wiring root: it starts the
// editors' and the public pages over an opened app.App, for digest preview
// and for digest run when preview.serve_with_run says so. It sits beside
// app rather than in it because package web's own tests open real desks
// through testkit/desktest, which imports app: were app to import web,
// those tests would form an import cycle. Nothing below cli imports it.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/web"
)

// noticePoll is how often the sign-up outbox is looked at besides when
// a request in this process queues a row: rows other instances queued,
// and retries, wait at most this long.
const noticePoll = 5 * time.Second

// face is one of the two sets of pages and where it listens.
type face struct {
	name, addr string
	handler    func(addr string) (http.Handler, error)
}

// Pages starts both faces, the editors' pages on addr and the public
// pages on publicAddr ("" for either: the config's preview.addr,
// preview.public_addr), and returns a stop function that shuts them down
// gracefully. Listening happens before it returns, so a taken port is an
// error here, not a log line later; each face is told the address it
// really got, which its Host check relies on.
func Pages(a *app.App, addr, publicAddr string) (func(), error) {
	stop, _, err := PagesAt(a, addr, publicAddr)
	return stop, err
}

// PagesAt is Pages that also says where each face listens, as
// "http://host:port/" by face name ("editors", "public"), for a person
// to open.
func PagesAt(a *app.App, addr, publicAddr string) (func(), map[string]string, error) {
	p := a.Config.Preview
	if addr == "" {
		addr = p.Addr
	}
	if publicAddr == "" {
		publicAddr = p.PublicAddr
	}
	fs, err := faces(a, addr, publicAddr)
	if err != nil {
		return nil, nil, err
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
		// A send started from the desk stops with the pages; its
		// delivery rows keep what is left for digest send or run.
		a.Desk.StopSends()
	}
	go func() {
		defer close(worker)
		a.Desk.RunNotices(notices, a.InstanceID(), noticePoll)
	}()
	urls := map[string]string{}
	for _, f := range fs {
		srv, url, err := listen(a, f)
		if err != nil {
			stop()
			return nil, nil, err
		}
		servers = append(servers, srv)
		urls[f.name] = url
	}
	return stop, urls, nil
}

// faces wires the editors' and the public pages over the desk, with the
// templates the renderer parsed.
func faces(a *app.App, addr, publicAddr string) ([]face, error) {
	proxies, err := a.Config.Web.Proxies()
	if err != nil {
		return nil, err
	}
	sec, publicURL := a.Config.Secrets, a.Config.Mail.PublicURL
	editors := make([]web.Editor, 0, len(a.Config.Web.Editors))
	for _, e := range a.Config.Web.Editors {
		editors = append(editors, web.Editor{Name: e.Name, PasswordHash: e.PasswordHash})
	}
	return []face{
		{"editors", addr, func(addr string) (http.Handler, error) {
			return web.NewEditor(a.Desk, web.EditorOptions{Addr: addr, Token: sec.PreviewToken, User: sec.PreviewUser,
				Password: sec.PreviewPassword, Editors: editors, Templates: a.Templates(), Log: a.Log, TrustedProxies: proxies, PublicURL: publicURL,
				List: a.Config.DigestBrand().Name, Secret: a.Secret})
		}},
		{"public", publicAddr, func(addr string) (http.Handler, error) {
			var logo *web.Asset
			if file, typ := a.Config.LogoFile(); file != "" {
				logo = &web.Asset{Path: config.LogoPath(file), File: file, Type: typ}
			}
			return web.NewPublic(a.Desk, web.PublicOptions{Addr: addr, PublicURL: publicURL, Templates: a.Templates(), Log: a.Log,
				Clock: a.Clock, Title: a.Config.Title, Brand: a.Config.DigestBrand(), Logo: logo, TrustedProxies: proxies, Secret: a.Secret})
		}},
	}, nil
}

// listen opens a face's listener and serves it in the background; it
// returns the address to open.
func listen(a *app.App, f face) (*http.Server, string, error) {
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return nil, "", fmt.Errorf("%s pages: %s", f.name, listenWords(f.addr, err))
	}
	h, err := f.handler(ln.Addr().String())
	if err != nil {
		ln.Close()
		return nil, "", fmt.Errorf("%s pages: %w", f.name, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	url := "http://" + ln.Addr().String() + "/"
	a.Log.Info("serving", "face", f.name, "url", url)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.Log.Error("server stopped", "face", f.name, "err", err)
		}
	}()
	return srv, url, nil
}

// listenWords says why an address could not be listened on, and what to
// do, rather than the system call's words.
func listenWords(addr string, err error) string {
	var ae *net.AddrError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Sprintf("%s is in use by another program: stop it, or choose another address (--addr, --public-addr, or preview.addr and preview.public_addr)", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Sprintf("%s needs privileges this user has not: choose a port above 1023", addr)
	case errors.As(err, &ae):
		return fmt.Sprintf("%q is not an address to listen on: give a host and a port, as in 127.0.0.1:8080", addr)
	}
	return err.Error()
}

// WithRun is what digest run serves beside the scheduler: both faces on
// the config's addresses when preview.serve_with_run says so, else
// nothing.
func WithRun(a *app.App) func() (func(), error) {
	return func() (func(), error) {
		if !a.Config.Preview.ServeWithRun {
			return func() {}, nil
		}
		return Pages(a, "", "")
	}
}
