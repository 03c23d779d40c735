package bounces

import (
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounce"
)

// Policy is what a report does to its subscriber. It is the one place
// the rules live, pure, so every decision can be tested and explained:
//
//   - a hard bounce marks the subscriber bounced: the address takes no
//     mail, and mailing it again is what gets a sender's domain blocked;
//   - a soft bounce counts; SoftLimit of them within SoftWindow (this one
//     included) mark the subscriber bounced, since a mailbox full for
//     weeks is as dead as one that is gone;
//   - a complaint unsubscribes: whoever called the list spam is never
//     mailed again (unsubscribed is left only by their own confirmed
//     sign-up);
//   - anything else (auto-replies, people's mail) is not recorded and
//     changes nobody.
type Policy struct {
	SoftLimit  int
	SoftWindow time.Duration
}

// KindOf is the stored kind of a classified message, and false for one
// that is neither a bounce nor a complaint.
func KindOf(k bounce.Kind) (digest.BounceKind, bool) {
	switch k {
	case bounce.HardBounce:
		return digest.BounceHard, true
	case bounce.SoftBounce:
		return digest.BounceSoft, true
	case bounce.Complaint:
		return digest.BounceComplaint, true
	}
	return "", false
}

// Decide says what a report of kind k does to a subscriber whose status
// is now status, who had softBefore soft bounces within the window before
// it, and why. An empty status means no key named a subscriber: the
// report is kept for an editor and changes nobody. A decision only ever
// takes a subscriber further from the list: one already bounced or
// unsubscribed is not marked again (though a complaint still
// unsubscribes a bounced address, which an editor could reinstate).
func (p Policy) Decide(k digest.BounceKind, status digest.SubscriberStatus, softBefore int) (digest.BounceAction, string) {
	switch {
	case status == "":
		return digest.BounceNoAction, "no subscriber matched: kept for an editor to read"
	case status == digest.SubscriberUnsubscribed:
		return digest.BounceNoAction, "already unsubscribed: nothing to change"
	case k == digest.BounceComplaint:
		return digest.BounceUnsubscribed, "complaint: the recipient reported the message as spam; unsubscribed and suppressed"
	case status == digest.SubscriberBounced:
		return digest.BounceNoAction, "already bounced: nothing to change"
	case k == digest.BounceHard:
		return digest.BounceMarked, "hard bounce: the address takes no mail"
	case k == digest.BounceSoft:
		n := softBefore + 1
		if n >= p.SoftLimit {
			return digest.BounceMarked, fmt.Sprintf("soft bounce %d within %s: %d mark an address bounced", n, days(p.SoftWindow), p.SoftLimit)
		}
		return digest.BounceNoAction, fmt.Sprintf("soft bounce %d of %d within %s", n, p.SoftLimit, days(p.SoftWindow))
	}
	return digest.BounceNoAction, fmt.Sprintf("kind %q changes nobody", k)
}

// days writes a window the way the config's comment does: "15 days".
func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		if n := int(d / (24 * time.Hour)); n != 1 {
			return fmt.Sprintf("%d days", n)
		}
		return "1 day"
	}
	return d.String()
}
