package schedule

import "time"

// offsetReach bounds how far a zone's wall clock can be from UTC. Real zones
// stay within -12h and +14h; the margin costs nothing.
const offsetReach = 16 * time.Hour

// maxZonePeriods bounds the scan of zone periods around one wall time, in case
// a zone changed its offset many times in a day.
const maxZonePeriods = 64

// wallOf returns the wall clock that t shows in loc, written as a UTC time, so
// that wall times can be compared and stepped without daylight saving.
func wallOf(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

// resolve returns the instant at which the wall clock of loc shows wall (a
// wall time written as UTC). A wall time shown twice resolves to its first
// occurrence; one that is never shown, because the clock jumps over it,
// resolves to the first instant after the jump.
//
// time.Date leaves both cases unspecified, so the zone's periods around the
// wall time are scanned instead: each period [start, end) with offset off
// shows the wall times [start+off, end+off). This covers gaps and folds of any
// length (half an hour on Lord Howe Island, a whole day in Samoa in 2011).
func resolve(wall time.Time, loc *time.Location) time.Time {
	t := wall.Add(-offsetReach).In(loc)
	limit := wall.Add(offsetReach)
	for range maxZonePeriods {
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		at := wall.Add(-time.Duration(off) * time.Second)
		if (start.IsZero() || !at.Before(start)) && (end.IsZero() || at.Before(end)) {
			// Periods are scanned in order, so the first match is the
			// earliest occurrence.
			return at.In(loc)
		}
		if end.IsZero() || end.After(limit) {
			break
		}
		next := end.In(loc)
		_, nextOff := next.Zone()
		before := end.Add(time.Duration(off) * time.Second)
		after := end.Add(time.Duration(nextOff) * time.Second)
		if !wall.Before(before) && wall.Before(after) {
			// The clock jumps from before to after at end: wall is in the gap.
			return next
		}
		t = next
	}
	// Unreachable for real zone data; fall back to the standard library's guess.
	return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
}
