package schedule

import (
	"context"
	"log/slog"
	"sync"
)

// recorder is an slog.Handler that keeps every record, for tests to inspect.
type recorder struct {
	mu      sync.Mutex
	records []record
	attrs   []slog.Attr
	parent  *recorder
}

type record struct {
	level slog.Level
	msg   string
	attrs map[string]any
}

func (r *recorder) root() *recorder {
	if r.parent != nil {
		return r.parent.root()
	}
	return r
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }

func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	attrs := map[string]any{}
	for _, a := range r.attrs {
		attrs[a.Key] = a.Value.Any()
	}
	rec.Attrs(func(a slog.Attr) bool {
		attrs[a.Key] = a.Value.Any()
		return true
	})
	root := r.root()
	root.mu.Lock()
	defer root.mu.Unlock()
	root.records = append(root.records, record{level: rec.Level, msg: rec.Message, attrs: attrs})
	return nil
}

func (r *recorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &recorder{attrs: append(append([]slog.Attr{}, r.attrs...), attrs...), parent: r}
}

func (r *recorder) WithGroup(string) slog.Handler { return r }

// find returns the records with msg whose attribute job is job.
func (r *recorder) find(msg, job string) []record {
	root := r.root()
	root.mu.Lock()
	defer root.mu.Unlock()
	var found []record
	for _, rec := range root.records {
		if rec.msg == msg && (job == "" || rec.attrs["job"] == job) {
			found = append(found, rec)
		}
	}
	return found
}
