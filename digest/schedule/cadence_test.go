package schedule

import (
	"testing"
	"time"
)

func TestCadence(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	tests := []struct {
		spec   string
		loc    *time.Location
		want   string
		wantOK bool
	}{
		{"0 7 * * *", tokyo, "every day at 07:00 Tokyo time", true},
		{"@daily", time.UTC, "every day at 00:00 UTC", true},
		{"0 7 * * MON", tokyo, "every Monday at 07:00 Tokyo time", true},
		{"0 7 * * 1", tokyo, "every Monday at 07:00 Tokyo time", true},
		{"30 18 * * MON,THU", time.UTC, "every Monday and Thursday at 18:30 UTC", true},
		{"30 18 * * 4,1", time.UTC, "every Monday and Thursday at 18:30 UTC", true},
		{"0 6 * * 1,3,5", time.UTC, "every Monday, Wednesday and Friday at 06:00 UTC", true},
		{"0 6 * * 0,6", time.UTC, "every Saturday and Sunday at 06:00 UTC", true},
		{"0 6 * * 1-5", time.UTC, "every weekday at 06:00 UTC", true},
		{"@weekly", time.UTC, "every Sunday at 00:00 UTC", true},
		{"CRON_TZ=Europe/Berlin 0 9 1 * *", time.UTC, "on the 1st of every month at 09:00 Berlin time", true},
		{"TZ=America/Argentina/Buenos_Aires 0 9 1,15 * *", nil, "on the 1st and 15th of every month at 09:00 Buenos Aires time", true},
		{"0 9 2,3,22 * *", time.UTC, "on the 2nd, 3rd and 22nd of every month at 09:00 UTC", true},
		{"0 9 11,12,13 * *", time.UTC, "on the 11th, 12th and 13th of every month at 09:00 UTC", true},
		{"@monthly", time.UTC, "on the 1st of every month at 00:00 UTC", true},
		{"@yearly", time.UTC, "every year on 1 January at 00:00 UTC", true},
		{"0 8 * * *", mustLoad(t, "America/New_York"), "every day at 08:00 New York time", true},
		{"0 8 * * *", mustLoad(t, "Etc/UTC"), "every day at 08:00 UTC", true},
		{"0 8 * * *", mustLoad(t, "Japan"), "every day at 08:00 Japan time", true},
		// Both day fields restricted, one of them all days: robfig
		// fires when either matches, so every day.
		{"0 7 1-31 * MON", time.UTC, "every day at 07:00 UTC", true},

		// No plain description: the config's words are used.
		{"*/15 * * * *", time.UTC, "", false},      // steps in minutes
		{"0 */2 * * *", time.UTC, "", false},       // steps in hours
		{"0 7-9 * * *", time.UTC, "", false},       // a range of hours
		{"0,30 7 * * *", time.UTC, "", false},      // several minutes
		{"0 7,19 * * *", time.UTC, "", false},      // several hours
		{"@hourly", time.UTC, "", false},           // every hour
		{"0 7 1 * MON", time.UTC, "", false},       // the 1st or any Monday
		{"0 7 */2 * *", time.UTC, "", false},       // every other day of the month
		{"0 7 1,8,15,22 * *", time.UTC, "", false}, // too many days to list
		{"0 7 * 1-6 *", time.UTC, "", false},       // half the year
		{"0 8 * * *", mustLoad(t, "Etc/GMT+5"), "", false},
		{"0 8 * * *", time.Local, "", false},
	}
	for _, tt := range tests {
		name := tt.spec
		if tt.loc != nil {
			name += " in " + tt.loc.String()
		}
		t.Run(name, func(t *testing.T) {
			got, ok := mustParse(t, tt.spec, tt.loc).Cadence()
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Cadence() = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th",
		13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 30: "30th", 31: "31st"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
