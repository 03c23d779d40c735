package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
	"github.com/digest-newsletter/digest/digest/transport"
)

// relayDelay is how long the benchmark's relay takes per message, as a
// relay across the internet does.
const relayDelay = 200 * time.Millisecond

// BenchmarkSignupAnswer measures the sign-up answer, by the form and by
// the API, for addresses nobody asked for before (new) and for active
// subscribers (active), while the worker sends the confirmations through
// a real SMTP relay that takes relayDelay per message, as digest preview
// does. The two kinds alternate in one run, in pairs whose order is drawn
// at random, so what the worker is doing meanwhile weighs on both alike, and each request comes from a client
// and address of its own, so no limit answers for it. It reports each
// kind's mean and median besides ns/op; bench/signup-timing.sh runs it
// and sums it up: new and active should differ by no more than noise.
// (That they do the same work is what TestSignupAnswersAlike checks;
// this only measures.)
func BenchmarkSignupAnswer(b *testing.B) {
	for _, face := range []string{"form", "api"} {
		b.Run(face, func(b *testing.B) { benchSignup(b, face) })
	}
}

func benchSignup(b *testing.B, face string) {
	f := desktest.New(b)
	relay := smtptest.NewServer(b, smtptest.Options{DataDelay: relayDelay})
	f.Desk.OpenTransport = func(ctx context.Context) (digest.Transport, error) {
		return transport.NewSMTP(transport.SMTPConfig{Addr: relay.Addr, TLS: transport.TLSOff, HeloName: "bench.example",
			Connections: 4, MaxPerConnection: 100, IdleTimeout: 30 * time.Second, DialTimeout: 10 * time.Second,
			CommandTimeout: 60 * time.Second}, nil)
	}
	h, err := NewPublic(f.Desk, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Clock: f.Clock, Secret: f.Secret})
	if err != nil {
		b.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	worker := make(chan struct{})
	go func() {
		defer close(worker)
		f.Desk.RunNotices(ctx, f.App.InstanceID(), 50*time.Millisecond)
	}()
	defer func() {
		stop()
		<-worker
	}()

	// Each pair of requests has one of each kind, in an order drawn at
	// random: whichever request comes first in a pair is slower on
	// average (measured: the lag follows the position, not the kind).
	kinds := [2]string{"new", "active"}
	rng := rand.New(rand.NewPCG(1, 2))
	kind := make([]int, b.N)
	for i := 0; i+1 < b.N; i += 2 {
		first := rng.IntN(2)
		kind[i], kind[i+1] = first, 1-first
	}
	address := func(i int) string { return kinds[kind[i]] + strconv.Itoa(i) + "@example.net" }
	var active []digest.Subscriber
	for i := range b.N {
		if kind[i] == 1 {
			active = append(active, digest.Subscriber{Address: address(i)})
		}
	}
	if _, _, err := f.Store.AddSubscribers(ctx, active, f.Clock.Now()); err != nil {
		b.Fatal(err)
	}
	requests := make([]*http.Request, b.N)
	for i := range requests {
		client := fmt.Sprintf("198.%d.%d.%d", 18+i/65536, i/256%256, i%256)
		var rq request
		if face == "form" {
			rq = filled(f, client, url.Values{"email": {address(i)}})
		} else {
			rq = request{method: http.MethodPost, target: "/api/subscribe", header: map[string]string{"Content-Type": "application/json"},
				body: `{"email":"` + address(i) + `"}`}
		}
		req := rq.build(b, publicAddr)
		req.RemoteAddr = client + ":4000"
		requests[i] = req
	}
	took := [2][]time.Duration{}
	b.ResetTimer()
	for i := range b.N {
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, requests[i])
		took[kind[i]] = append(took[kind[i]], time.Since(start))
		if rec.Code != http.StatusAccepted {
			b.Fatalf("request %d = %d", i, rec.Code)
		}
	}
	b.StopTimer()
	for k, kind := range kinds {
		if len(took[k]) == 0 {
			continue
		}
		var sum time.Duration
		for _, d := range took[k] {
			sum += d
		}
		slices.Sort(took[k])
		b.ReportMetric(float64(sum.Microseconds())/float64(len(took[k])), kind+"-mean-µs")
		b.ReportMetric(float64(took[k][len(took[k])/2].Microseconds()), kind+"-median-µs")
	}
}
