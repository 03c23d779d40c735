package store

import (
	"context"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// A bounce event is kept with its action taken in the same step; the
// same message recorded twice counts once; a bounce never brings back or
// re-labels someone who unsubscribed; soft bounces are counted within a
// window.
func TestRecordBounce(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		add := func(addr string) *digest.Subscriber {
			sub, err := s.AddSubscriber(ctx, addr, "", t0)
			if err != nil {
				t.Fatal(err)
			}
			return sub
		}
		hard, soft, gone, plaintiff := add("hard@example.net"), add("soft@example.net"), add("gone@example.net"), add("spam@example.net")
		if err := s.SetSubscriberStatus(ctx, gone.ID, digest.SubscriberUnsubscribed, t0); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name         string
			ev           digest.BounceEvent
			wantRecorded bool
			sub          int64
			wantStatus   digest.SubscriberStatus
		}{
			{"hard bounce marks bounced", digest.BounceEvent{SourceKey: "k1", SubscriberID: hard.ID, Kind: digest.BounceHard, Status: "5.1.1",
				Action: digest.BounceMarked}, true, hard.ID, digest.SubscriberBounced},
			{"the same message again counts once", digest.BounceEvent{SourceKey: "k1", SubscriberID: soft.ID, Kind: digest.BounceHard,
				Action: digest.BounceMarked}, false, soft.ID, digest.SubscriberActive},
			{"a soft bounce is kept, changes nothing", digest.BounceEvent{SourceKey: "k2", SubscriberID: soft.ID, Kind: digest.BounceSoft,
				Action: digest.BounceNoAction}, true, soft.ID, digest.SubscriberActive},
			{"an unsubscribed address stays unsubscribed", digest.BounceEvent{SourceKey: "k3", SubscriberID: gone.ID, Kind: digest.BounceHard,
				Action: digest.BounceMarked}, true, gone.ID, digest.SubscriberUnsubscribed},
			{"a complaint unsubscribes", digest.BounceEvent{SourceKey: "k4", SubscriberID: plaintiff.ID, Kind: digest.BounceComplaint,
				Action: digest.BounceUnsubscribed}, true, plaintiff.ID, digest.SubscriberUnsubscribed},
			{"an unmatched report is kept", digest.BounceEvent{SourceKey: "k5", Kind: digest.BounceHard,
				Action: digest.BounceNoAction}, true, 0, ""},
		}
		for _, tt := range tests {
			tt.ev.Raw, tt.ev.ReceivedAt = []byte("raw "+tt.ev.SourceKey), t0.Add(time.Hour)
			got, err := s.RecordBounce(ctx, &tt.ev)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got != tt.wantRecorded {
				t.Errorf("%s: recorded %v, want %v", tt.name, got, tt.wantRecorded)
			}
			if tt.sub == 0 {
				continue
			}
			sub, err := s.SubscriberByID(ctx, tt.sub)
			if err != nil {
				t.Fatal(err)
			}
			if sub.Status != tt.wantStatus {
				t.Errorf("%s: status %s, want %s", tt.name, sub.Status, tt.wantStatus)
			}
		}
		for since, want := range map[time.Time]int{t0: 1, t0.Add(2 * time.Hour): 0} {
			if n, err := s.SoftBounces(ctx, soft.ID, since); err != nil || n != want {
				t.Errorf("soft bounces since %s: %d, %v; want %d", since, n, err, want)
			}
		}
		if evs, err := s.BounceEvents(ctx, 0); err != nil || len(evs) != 1 || evs[0].SourceKey != "k5" {
			t.Errorf("unmatched events: %+v, %v", evs, err)
		}
		if evs, err := s.BounceEvents(ctx, hard.ID); err != nil || len(evs) != 1 || evs[0].Status != "5.1.1" || evs[0].Action != digest.BounceMarked {
			t.Errorf("events of %s: %+v, %v", hard.Address, evs, err)
		}
	})
}
