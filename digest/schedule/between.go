package schedule

import "time"

// firstWindow is the first span Between searches back from its upper end; it
// doubles until enough slots are found, so a minutely schedule costs a few
// hundred steps and a yearly one a few dozen windows.
const firstWindow = time.Hour

// maxWindow caps the doubling far below time.Duration's 292 years.
const maxWindow = 20 * 366 * 24 * time.Hour

// lastLookback bounds how far Last searches back. robfig's Next finds nothing
// more than five years ahead either.
const lastLookback = 6 * 366 * 24 * time.Hour

// Between returns the slots with after < At <= upTo, oldest first. When more
// than max slots fall in the range it returns the newest max of them: after a
// long outage the recent slots matter and the count must stay bounded. A max
// below one returns none.
//
// It searches backwards from upTo in growing windows, so the work depends on
// max and the schedule's density, not on how far back after is.
func (s *Schedule) Between(after, upTo time.Time, max int) []Slot {
	if max < 1 || !upTo.After(after) {
		return nil
	}
	var found []Slot
	hi, span := upTo, firstWindow
	for {
		lo := hi.Add(-span)
		if !lo.After(after) {
			lo = after
		}
		found = append(s.forward(lo, hi), found...)
		if len(found) >= max || lo.Equal(after) {
			break
		}
		hi = lo
		if span < maxWindow {
			span *= 2
		}
	}
	if len(found) > max {
		found = found[len(found)-max:]
	}
	return found
}

// Last returns the latest slot that ran at or before atOrBefore, looking back
// at most six years, and whether there was one.
func (s *Schedule) Last(atOrBefore time.Time) (Slot, bool) {
	slots := s.Between(atOrBefore.Add(-lastLookback), atOrBefore, 1)
	if len(slots) == 0 {
		return Slot{}, false
	}
	return slots[0], true
}

// forward returns every slot with lo < At <= hi, oldest first.
func (s *Schedule) forward(lo, hi time.Time) []Slot {
	var slots []Slot
	for slot := s.Next(lo); !slot.IsZero() && !slot.At.After(hi); slot = s.Next(slot.At) {
		slots = append(slots, slot)
	}
	return slots
}

// count returns how many slots have lo < At < before, counting at most limit;
// atLeast reports that it stopped at the limit.
func (s *Schedule) count(lo, before time.Time, limit int) (n int, atLeast bool) {
	for slot := s.Next(lo); !slot.IsZero() && slot.At.Before(before); slot = s.Next(slot.At) {
		if n == limit {
			return n, true
		}
		n++
	}
	return n, false
}
