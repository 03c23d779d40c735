package schedule

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// parseOptions is robfig's standard five-field format plus descriptors.
const parseOptions = cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor

// keyLayout is the wall-clock part of a slot key; specs have no seconds.
const keyLayout = "2006-01-02T15:04"

// maxSteps bounds every walk over wall times that do not produce a slot (the
// repeated hour, a gap), so no input can loop forever.
const maxSteps = 1 << 16

// Schedule is a parsed cron spec in one time zone. It never changes after
// Parse, so it is safe for concurrent use.
type Schedule struct {
	spec string
	loc  *time.Location
	// cron is robfig's schedule as parsed, in the zone.
	cron *cron.SpecSchedule
	// wall is a copy of cron on UTC: it steps over wall-clock times, where
	// no daylight saving exists.
	wall *cron.SpecSchedule
}

// Slot is one time the schedule fires.
type Slot struct {
	// Key names the slot: its wall-clock time and zone, for example
	// "2025-11-02T01:30 America/New_York". Stable across restarts and DST.
	Key string
	// Wall is the wall-clock time of the slot written as a UTC time (a time
	// inside a DST gap has no instant in the zone, so it cannot be written
	// in it).
	Wall time.Time
	// At is the instant the slot runs, in the schedule's zone.
	At time.Time
}

// IsZero reports whether s is no slot at all.
func (s Slot) IsZero() bool { return s.Key == "" }

// Parse reads a five-field cron spec or a descriptor (@yearly, @monthly,
// @weekly, @daily, @hourly) in loc, or in the zone a "CRON_TZ=Zone " or
// "TZ=Zone " prefix names. A nil loc means UTC.
//
// @every is refused: its times count from whenever the process started, so
// they differ on every restart and cannot be keyed.
func Parse(spec string, loc *time.Location) (*Schedule, error) {
	if loc == nil {
		loc = time.UTC
	}
	body := strings.TrimSpace(spec)
	if body == "" {
		return nil, fmt.Errorf("parse schedule %q: empty spec", spec)
	}
	zone, rest, hasZone := cutZone(body)
	if hasZone {
		if zone == "" {
			return nil, fmt.Errorf("parse schedule %q: empty time zone", spec)
		}
		if rest == "" {
			return nil, fmt.Errorf("parse schedule %q: no schedule after the time zone", spec)
		}
		if _, _, again := cutZone(rest); again {
			return nil, fmt.Errorf("parse schedule %q: more than one time zone", spec)
		}
		l, err := time.LoadLocation(zone)
		if err != nil {
			return nil, fmt.Errorf("parse schedule %q: time zone: %w", spec, err)
		}
		loc, body = l, rest
	}
	if strings.HasPrefix(body, "@every") {
		return nil, fmt.Errorf("parse schedule %q: @every is not supported: its times depend on when the process started, so its slots cannot be keyed; use a five-field spec such as \"*/15 * * * *\"", spec)
	}
	parsed, err := cron.NewParser(parseOptions).Parse(body)
	if err != nil {
		return nil, fmt.Errorf("parse schedule %q: %w", spec, explainSpecError(err))
	}
	sc, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return nil, fmt.Errorf("parse schedule %q: unsupported schedule type %T", spec, parsed)
	}
	inZone, onWall := *sc, *sc
	inZone.Location, onWall.Location = loc, time.UTC
	s := &Schedule{spec: spec, loc: loc, cron: &inZone, wall: &onWall}
	// A fixed start keeps parsing deterministic; robfig looks five years
	// ahead, which finds even a leap-day schedule.
	if s.wall.Next(time.Date(2001, time.January, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return nil, fmt.Errorf("parse schedule %q: it never fires (a date that does not exist?)", spec)
	}
	return s, nil
}

// badNumber is how robfig reports a field it cannot read.
var badNumber = regexp.MustCompile(`strconv.Atoi: parsing "([^"]*)"`)

// explainSpecError turns robfig's parse errors into what to write
// instead.
func explainSpecError(err error) error {
	if m := badNumber.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%q is not a number or a name: %s", m[1], fiveFields)
	}
	return fmt.Errorf("%w; %s", err, fiveFields)
}

// fiveFields says how a spec is written, for every spec that is not.
const fiveFields = "the five fields are minute (0-59), hour (0-23), day of month (1-31), " +
	"month (1-12 or JAN-DEC) and day of week (0-6 or SUN-SAT), as in \"0 7 * * MON\""

// cutZone splits a "CRON_TZ=Zone rest" or "TZ=Zone rest" prefix off spec.
// robfig's parser does this too but panics when nothing follows the zone.
func cutZone(spec string) (zone, rest string, ok bool) {
	for _, prefix := range []string{"CRON_TZ=", "TZ="} {
		if after, found := strings.CutPrefix(spec, prefix); found {
			i := strings.IndexAny(after, " \t")
			if i < 0 {
				return after, "", true
			}
			return after[:i], strings.TrimSpace(after[i:]), true
		}
	}
	return "", "", false
}

// String returns the spec as given.
func (s *Schedule) String() string { return s.spec }

// Location returns the zone the slots are wall-clock times in.
func (s *Schedule) Location() *time.Location { return s.loc }

// Cron returns robfig's parsed schedule in the schedule's zone. Its Next has
// robfig's DST behaviour; use the Schedule's methods for slots.
func (s *Schedule) Cron() *cron.SpecSchedule {
	c := *s.cron
	return &c
}

// Next returns the first slot that runs after the instant after, or the zero
// Slot when there is none within five years.
func (s *Schedule) Next(after time.Time) Slot {
	w := wallOf(after, s.loc)
	for range maxSteps {
		w = s.wall.Next(w)
		if w.IsZero() {
			return Slot{}
		}
		at := resolve(w, s.loc)
		if at.After(after) {
			return s.merge(w, at)
		}
		// w is a repeated wall time whose first occurrence has passed.
	}
	return Slot{}
}

// merge folds the wall times that run at the same instant as w (the rest of a
// DST gap, and the first time after it) into one slot keyed by the latest.
func (s *Schedule) merge(w, at time.Time) Slot {
	for range maxSteps {
		if wallOf(at, s.loc).Equal(w) {
			break // w exists on the clock: later wall times run later.
		}
		next := s.wall.Next(w)
		if next.IsZero() || !resolve(next, s.loc).Equal(at) {
			break
		}
		w = next
	}
	return Slot{Key: w.Format(keyLayout) + " " + s.loc.String(), Wall: w, At: at}
}

// Upcoming returns the next n slots after the instant after, oldest first.
func (s *Schedule) Upcoming(after time.Time, n int) []Slot {
	var slots []Slot
	for len(slots) < n {
		slot := s.Next(after)
		if slot.IsZero() {
			break
		}
		slots = append(slots, slot)
		after = slot.At
	}
	return slots
}
