package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode"

	"github.com/robfig/cron/v3"
)

// cronLogger routes robfig's cron.Logger to slog. robfig reports every wake
// and schedule at Info, which is chatter for an operator; infoLevel lets the
// engine's messages go to Debug while a job's own (a skipped overlapping run)
// stay at Info.
type cronLogger struct {
	log       *slog.Logger
	infoLevel slog.Level
}

var _ cron.Logger = cronLogger{}

// Info logs a routine robfig message.
func (l cronLogger) Info(msg string, keysAndValues ...any) {
	l.log.Log(context.Background(), l.infoLevel, "cron "+msg, attrs(keysAndValues)...)
}

// Error logs a failure robfig reports, such as a recovered panic.
func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	args := append([]any{slog.Any("error", err)}, attrs(keysAndValues)...)
	l.log.Error("cron "+msg, args...)
}

// attrs turns robfig's alternating keys and values into slog attributes with
// snake_case keys. A key without a value is kept under "extra" rather than
// slog's "!BADKEY".
func attrs(keysAndValues []any) []any {
	out := make([]any, 0, len(keysAndValues)/2+1)
	for i := 0; i < len(keysAndValues); i += 2 {
		if i+1 == len(keysAndValues) {
			out = append(out, slog.Any("extra", keysAndValues[i]))
			break
		}
		key, ok := keysAndValues[i].(string)
		if !ok {
			key = fmt.Sprint(keysAndValues[i])
		}
		out = append(out, slog.Any(snakeCase(key), keysAndValues[i+1]))
	}
	return out
}

// snakeCase turns "entryID" or "Next Run" into "entry_id" and "next_run".
func snakeCase(key string) string {
	var b strings.Builder
	runes := []rune(key)
	for i, r := range runes {
		switch {
		case unicode.IsUpper(r):
			prevLower := i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]))
			nextLower := i > 0 && i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1])
			if (prevLower || nextLower) && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	out := strings.TrimSuffix(b.String(), "_")
	if out == "" {
		return "key"
	}
	return out
}
