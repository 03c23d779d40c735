package desk_test

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

var mailedConfirmLink = regexp.MustCompile(`/subscribe/confirm\?(s=[0-9a-f]+&e=\d+&t=[\w-]+)`)

// The desk tells a used confirmation link from a forged one: used, while
// its subscriber is active, it is ErrAlreadySubscribed with the
// subscriber's own preferences token; a token that was never issued is
// ErrBadToken, whatever link it copies.
func TestUsedConfirmationLink(t *testing.T) {
	f := desktest.New(t)
	ctx := t.Context()
	const addr = "again@example.com"
	if err := f.Desk.Subscribe(ctx, addr, "", nil); err != nil {
		t.Fatal(err)
	}
	f.SendNotices(t)
	msgs := f.Messages(t)
	m := mailedConfirmLink.FindStringSubmatch(msgs[len(msgs)-1].Body)
	if m == nil {
		t.Fatal("no confirmation link mailed")
	}
	q, err := url.ParseQuery(m[1])
	if err != nil {
		t.Fatal(err)
	}
	ref, token := q.Get("s"), q.Get("t")
	expires, _ := strconv.ParseInt(q.Get("e"), 10, 64)
	if _, err := f.Desk.ConfirmSubscription(ctx, ref, expires, token); err != nil {
		t.Fatalf("first use: %v", err)
	}
	sub, err := f.Store.Subscriber(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}

	_, err = f.Desk.ConfirmSubscription(ctx, ref, expires, token)
	var used *desk.UsedLinkError
	if !errors.As(err, &used) || !errors.Is(err, desk.ErrAlreadySubscribed) {
		t.Fatalf("second use: %v, want ErrAlreadySubscribed", err)
	}
	if used.Ref != ref || !compose.VerifyToken(f.Secret, *sub, used.Token) {
		t.Errorf("second use offers preferences %q/%q, not the subscriber's own", used.Ref, used.Token)
	}
	// A token made with the right secret and a nonce never issued.
	forged := compose.ConfirmToken(f.Secret, *sub, "never-issued", time.Unix(expires, 0))
	for _, bad := range []string{forged, token[:len(token)-2] + "AA", ""} {
		if _, _, err := f.Desk.CheckConfirmation(ctx, ref, expires, bad); !errors.Is(err, desk.ErrBadToken) ||
			errors.Is(err, desk.ErrAlreadySubscribed) {
			t.Errorf("token %q: %v, want ErrBadToken", bad, err)
		}
	}
}
