package schedule

import "fmt"

// LockedError is returned by Lock when another process holds the lock: a
// second `digest run` on the same database must not start its scheduler.
type LockedError struct {
	// Path is the lock file.
	Path string
	// Holder is what the holder wrote into it ("pid 4242 on host a since
	// 2025-11-02T06:30:00Z"); empty when it had not written yet.
	Holder string
}

func (e *LockedError) Error() string {
	holder := e.Holder
	if holder == "" {
		holder = "holder unknown"
	}
	return fmt.Sprintf("another digest run holds %s (%s): only one scheduler may run on a database; stop that process first, or point this one at another database", e.Path, holder)
}
