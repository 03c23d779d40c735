package schedule

import (
	"errors"
	"log/slog"
	"testing"
)

func TestSnakeCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"now", "now"},
		{"entry", "entry"},
		{"entryID", "entry_id"},
		{"EntryID", "entry_id"},
		{"nextRun", "next_run"},
		{"HTTPServer", "http_server"},
		{"Next Run", "next_run"},
		{"already_snake", "already_snake"},
		{"retry2Times", "retry2_times"},
		{"--", "key"},
		{"", "key"},
	}
	for _, tt := range tests {
		if got := snakeCase(tt.in); got != tt.want {
			t.Errorf("snakeCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCronLogger(t *testing.T) {
	tests := []struct {
		name      string
		log       func(cronLogger)
		infoLevel slog.Level
		wantLevel slog.Level
		wantMsg   string
		wantAttrs map[string]any
	}{
		{
			name:      "engine chatter goes to the chosen level",
			log:       func(l cronLogger) { l.Info("wake", "nextRun", 3, "entryID", 7) },
			infoLevel: slog.LevelDebug, wantLevel: slog.LevelDebug,
			wantMsg: "cron wake", wantAttrs: map[string]any{"next_run": int64(3), "entry_id": int64(7)},
		},
		{
			name:      "a key without a value is kept",
			log:       func(l cronLogger) { l.Info("skip", "dangling") },
			infoLevel: slog.LevelInfo, wantLevel: slog.LevelInfo,
			wantMsg: "cron skip", wantAttrs: map[string]any{"extra": "dangling"},
		},
		{
			name:      "errors carry the error",
			log:       func(l cronLogger) { l.Error(errors.New("boom"), "panic", "stack", "trace") },
			infoLevel: slog.LevelDebug, wantLevel: slog.LevelError,
			wantMsg: "cron panic", wantAttrs: map[string]any{"stack": "trace"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			tt.log(cronLogger{log: slog.New(rec), infoLevel: tt.infoLevel})
			if len(rec.records) != 1 {
				t.Fatalf("logged %d records, want 1", len(rec.records))
			}
			got := rec.records[0]
			if got.level != tt.wantLevel || got.msg != tt.wantMsg {
				t.Errorf("logged %s %q, want %s %q", got.level, got.msg, tt.wantLevel, tt.wantMsg)
			}
			for k, v := range tt.wantAttrs {
				if got.attrs[k] != v {
					t.Errorf("attr %s = %#v, want %#v (all: %v)", k, got.attrs[k], v, got.attrs)
				}
			}
			if tt.wantLevel == slog.LevelError {
				if err, ok := got.attrs["error"].(error); !ok || err.Error() != "boom" {
					t.Errorf("error attr = %#v, want the error", got.attrs["error"])
				}
			}
		})
	}
}
