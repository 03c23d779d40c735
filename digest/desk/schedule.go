package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// PausedSetting is the stored setting that pauses the schedule. It lives
// in the database, not the config file, so a pause from the desk holds
// across restarts and for every instance sharing the database; the
// runner reads it before it builds a slot.
const PausedSetting = "schedule_paused"

// Pause is who paused the schedule and when; the zero Pause is a
// running schedule.
type Pause struct {
	By string
	At time.Time
}

// Paused reports whether the schedule is paused.
func (p Pause) Paused() bool { return !p.At.IsZero() }

// ParsePause reads the stored setting: "" is a running schedule (never
// paused, or resumed), and so is a value without a readable time, which
// no version of digest writes.
func ParsePause(value string) Pause {
	at, by, _ := strings.Cut(value, " ")
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return Pause{}
	}
	return Pause{By: by, At: t}
}

func (p Pause) String() string {
	if !p.Paused() {
		return ""
	}
	return p.At.UTC().Format(time.RFC3339) + " " + p.By
}

// SchedulePause returns the schedule's pause, the zero Pause when it runs.
func (d *Desk) SchedulePause(ctx context.Context) (Pause, error) {
	v, err := d.Store.Setting(ctx, PausedSetting)
	if err != nil {
		return Pause{}, fmt.Errorf("read schedule pause: %w", err)
	}
	return ParsePause(v), nil
}

// PauseSchedule pauses the schedule (by names who) or, with paused
// false, resumes it. While it is paused the runner records each slot
// that falls due as skipped instead of building it; a resume does not
// bring those slots back, and sends already under way carry on.
func (d *Desk) PauseSchedule(ctx context.Context, paused bool, by string) error {
	value := ""
	if paused {
		value = Pause{By: by, At: d.Clock.Now()}.String()
	}
	if err := d.Store.SetSetting(ctx, PausedSetting, value); err != nil {
		return fmt.Errorf("pause schedule: %w", err)
	}
	d.log().Info("schedule paused or resumed", "paused", paused, "by", by)
	kind, words := digest.ChangeResume, "resumed the schedule"
	if paused {
		kind, words = digest.ChangePause, "paused the schedule: no edition is built until it is resumed"
	}
	return d.record(ctx, "", who(ctx, by), kind, words, nil)
}
