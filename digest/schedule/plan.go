package schedule

import (
	"fmt"
	"strings"
	"time"
)

// SkipListLimit is how many skipped slots Plan lists one by one. A minutely
// schedule down for a month misses tens of thousands; the newest are listed
// and the rest only counted.
const SkipListLimit = 100

// countLimit bounds how many older skipped slots Plan counts (a fraction of a
// second of work); beyond it the count is a lower bound.
const countLimit = 100_000

// Skip is a slot that will not run, and why.
type Skip struct {
	Slot   Slot
	Reason string
}

// Catchup is what to do about the slots due since the last reconcile.
type Catchup struct {
	// Run is the slot to run now, if any: the newest due slot, when it is
	// within the catch-up window.
	Run *Slot
	// Skipped are the other due slots, oldest first, at most SkipListLimit
	// of them: the newest.
	Skipped []Skip
	// Omitted counts the skipped slots older than those listed.
	Omitted int
	// OmittedAtLeast reports that counting stopped early, so Omitted is a
	// lower bound.
	OmittedAtLeast bool
}

// Plan decides which of the slots with since < At <= now runs. Only the newest
// runs, and only when it is at most window old: a newsletter is sent once per
// tick, late by a little at worst, never as a burst of stale editions. Every
// other slot is skipped with a reason a person can read.
//
// A zero since means no earlier reconcile is known: only the latest slot at
// or before now is considered. A negative window counts as zero.
func Plan(s *Schedule, since, now time.Time, window time.Duration) Catchup {
	return plan(s, since, now, window, SkipListLimit, countLimit)
}

func plan(s *Schedule, since, now time.Time, window time.Duration, listLimit, countMax int) Catchup {
	var c Catchup
	if s == nil || !now.After(since) {
		return c
	}
	window = max(window, 0)
	var due []Slot
	if since.IsZero() {
		if last, ok := s.Last(now); ok {
			due = []Slot{last}
		}
	} else {
		due = s.Between(since, now, listLimit+1)
	}
	if len(due) == 0 {
		return c
	}
	newest := due[len(due)-1]
	older := due[:len(due)-1]
	if !newest.At.Before(now.Add(-window)) {
		c.Run = &newest
	} else {
		older = due
	}
	for _, slot := range older {
		c.Skipped = append(c.Skipped, Skip{Slot: slot, Reason: skipReason(slot, newest, now, window)})
	}
	if len(older) > listLimit {
		c.Skipped = c.Skipped[len(c.Skipped)-listLimit:]
	}
	if !since.IsZero() && len(c.Skipped) > 0 {
		c.Omitted, c.OmittedAtLeast = s.count(since, c.Skipped[0].Slot.At, countMax)
	}
	return c
}

// skipReason says why slot does not run. Missing the window is the reason
// when it applies; otherwise the newest slot, which runs, replaces it.
func skipReason(slot, newest Slot, now time.Time, window time.Duration) string {
	late := now.Sub(slot.At)
	if late > window {
		return fmt.Sprintf("missed by %s: older than the %s catch-up window", humanDuration(late), humanDuration(window))
	}
	return "superseded by the later slot " + newest.Key
}

// humanDuration writes d the way a person would: "7h10m", "2d3h", "45s".
// Minutes are the finest unit once d reaches a minute.
func humanDuration(d time.Duration) string {
	if d < 0 {
		return "-" + humanDuration(-d)
	}
	if d = d.Round(time.Second); d < time.Minute {
		return d.String()
	}
	d = d.Round(time.Minute)
	days := d / (24 * time.Hour)
	hours := d % (24 * time.Hour) / time.Hour
	minutes := d % time.Hour / time.Minute
	var b strings.Builder
	if days > 0 {
		fmt.Fprintf(&b, "%dd", days)
	}
	if hours > 0 {
		fmt.Fprintf(&b, "%dh", hours)
	}
	if minutes > 0 {
		fmt.Fprintf(&b, "%dm", minutes)
	}
	return b.String()
}
