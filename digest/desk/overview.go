package desk

import (
	"context"
	"time"

	"github.com/digest-newsletter/digest/digest/pipeline"
)

// Slot is a coming slot of the schedule.
type Slot struct {
	Key string
	At  time.Time
}

// Overview is what the editions list shows above the editions: the
// schedule's next slots and the health of every source.
type Overview struct {
	NextSlots []Slot
	// Cadence is the schedule in words, "" when it has no plain
	// description (the page lists NextSlots instead).
	Cadence string
	// Pause says whether the schedule is paused, by whom and since when.
	Pause   Pause
	Sources []pipeline.SourceHealth
}

// Overview gathers the schedule's next slots and the sources' health,
// from the functions the composition root gave the desk.
func (d *Desk) Overview(ctx context.Context) (*Overview, error) {
	o := &Overview{}
	if d.NextSlots != nil {
		o.NextSlots = d.NextSlots(3)
	}
	if d.Cadence != nil {
		o.Cadence, _ = d.Cadence()
	}
	var err error
	if o.Pause, err = d.SchedulePause(ctx); err != nil {
		return nil, err
	}
	if d.SourceHealth != nil {
		if o.Sources, err = d.SourceHealth(ctx); err != nil {
			return nil, err
		}
	}
	return o, nil
}
