package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// An erasure asked for by an address that is not on the list, typed with
// its international domain as a person writes it, erases what sign-up
// stored under the domain's xn-- form, and keeps that form out after.
func TestEraseByUnlistedInternationalAddress(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	const typed, stored = "ada@bücher.example", "ada@xn--bcher-kva.example"
	if err := f.Desk.Subscribe(ctx, typed, "Ada", nil); err != nil {
		t.Fatalf("sign-up: %v", err)
	}
	if found, err := f.Store.Mentions(ctx, stored); err != nil || len(found) == 0 {
		t.Fatalf("the sign-up was not stored under %s: %v %v", stored, found, err)
	}
	rep, err := f.Desk.Erase(ctx, typed)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Left) > 0 {
		t.Errorf("the erasure reports places still naming them: %v", rep.Left)
	}
	for _, form := range []string{typed, stored} {
		if found, err := f.Store.Mentions(ctx, form); err != nil || len(found) > 0 {
			t.Errorf("after erasure %s is still in %v (%v)", form, found, err)
		}
	}
	// The history records that an erasure was carried out, and by whom,
	// but not whose data it was.
	changes, err := f.Desk.History(desk.WithEditor(ctx, "aiko"), "")
	if err != nil || len(changes) == 0 || changes[0].Kind != digest.ChangeErase {
		t.Fatalf("history after erasure: %+v %v", changes, err)
	}
	if c := changes[0]; c.Editor != "command line" || strings.Contains(c.Words, "ada") || strings.Contains(c.Words, "bcher") {
		t.Errorf("erasure recorded as %q by %q", c.Words, c.Editor)
	}
	f.Desk.Subscribe(ctx, typed, "Ada", nil) // answered as any sign-up is, but not kept
	if found, _ := f.Store.Mentions(ctx, stored); len(found) > 0 {
		t.Errorf("a new sign-up of an erased address was stored: %v", found)
	}
}
