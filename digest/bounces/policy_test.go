package bounces

import (
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounce"
)

func TestDecide(t *testing.T) {
	p := Policy{SoftLimit: 3, SoftWindow: 15 * 24 * time.Hour}
	const A = digest.SubscriberActive
	tests := []struct {
		name       string
		kind       digest.BounceKind
		status     digest.SubscriberStatus
		softBefore int
		want       digest.BounceAction
		why        string
	}{
		{"hard bounce", digest.BounceHard, A, 0, digest.BounceMarked, "hard bounce"},
		{"hard bounce of a pending address", digest.BounceHard, digest.SubscriberPending, 0, digest.BounceMarked, "hard bounce"},
		{"first soft bounce", digest.BounceSoft, A, 0, digest.BounceNoAction, "soft bounce 1 of 3 within 15 days"},
		{"second soft bounce", digest.BounceSoft, A, 1, digest.BounceNoAction, "soft bounce 2 of 3"},
		{"third soft bounce", digest.BounceSoft, A, 2, digest.BounceMarked, "soft bounce 3 within 15 days"},
		{"more soft bounces", digest.BounceSoft, A, 7, digest.BounceMarked, "soft bounce 8"},
		{"complaint", digest.BounceComplaint, A, 0, digest.BounceUnsubscribed, "unsubscribed and suppressed"},
		{"complaint about a bounced address", digest.BounceComplaint, digest.SubscriberBounced, 0, digest.BounceUnsubscribed, "unsubscribed"},
		{"hard bounce of a bounced address", digest.BounceHard, digest.SubscriberBounced, 0, digest.BounceNoAction, "already bounced"},
		{"hard bounce of an unsubscribed address", digest.BounceHard, digest.SubscriberUnsubscribed, 0, digest.BounceNoAction, "already unsubscribed"},
		{"complaint of an unsubscribed address", digest.BounceComplaint, digest.SubscriberUnsubscribed, 0, digest.BounceNoAction, "already unsubscribed"},
		{"unmatched hard bounce", digest.BounceHard, "", 0, digest.BounceNoAction, "no subscriber matched"},
		{"unmatched complaint", digest.BounceComplaint, "", 0, digest.BounceNoAction, "no subscriber matched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := p.Decide(tt.kind, tt.status, tt.softBefore)
			if got != tt.want || !strings.Contains(why, tt.why) {
				t.Errorf("Decide = %s, %q; want %s, %q", got, why, tt.want, tt.why)
			}
		})
	}
}

// Only bounces and complaints are recorded: an auto-reply or a person's
// mail never is.
func TestKindOf(t *testing.T) {
	for k, want := range map[bounce.Kind]digest.BounceKind{
		bounce.HardBounce: digest.BounceHard, bounce.SoftBounce: digest.BounceSoft, bounce.Complaint: digest.BounceComplaint,
		bounce.AutoReply: "", bounce.NotBounce: "",
	} {
		got, ok := KindOf(k)
		if got != want || ok != (want != "") {
			t.Errorf("KindOf(%s) = %q, %v; want %q", k, got, ok, want)
		}
	}
}
