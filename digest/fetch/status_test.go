package fetch

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestGetClassifiesStatus(t *testing.T) {
	clock := &fakeClock{now: epoch}
	tests := []struct {
		name           string
		status         int
		retryAfter     string
		wantTemporary  bool
		wantRetryAfter time.Duration
	}{
		{name: "not found is permanent", status: 404},
		{name: "gone is permanent", status: 410},
		{name: "forbidden is permanent", status: 403},
		{name: "request timeout passes", status: 408, wantTemporary: true},
		{name: "server error passes", status: 500, wantTemporary: true},
		{name: "bad gateway passes", status: 502, wantTemporary: true},
		{name: "429 with seconds", status: 429, retryAfter: "120", wantTemporary: true, wantRetryAfter: 2 * time.Minute},
		{name: "503 with seconds", status: 503, retryAfter: "30", wantTemporary: true, wantRetryAfter: 30 * time.Second},
		{name: "429 with a date", status: 429, retryAfter: epoch.Add(90 * time.Second).Format(http.TimeFormat),
			wantTemporary: true, wantRetryAfter: 90 * time.Second},
		{name: "503 with a date", status: 503, retryAfter: epoch.Add(2 * time.Hour).Format(http.TimeFormat),
			wantTemporary: true, wantRetryAfter: 2 * time.Hour},
		{name: "503 with a past date", status: 503, retryAfter: epoch.Add(-time.Hour).Format(http.TimeFormat),
			wantTemporary: true},
		{name: "429 without header", status: 429, wantTemporary: true},
		{name: "Retry-After ignored on 500", status: 500, retryAfter: "600", wantTemporary: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				http.Error(w, "made-up failure", tt.status)
			})
			opts := testOptions()
			opts.Clock = clock
			url := srv.URL + "/feed"
			resp, err := New(opts).Get(testContext(t), Request{URL: url})
			if err == nil {
				t.Fatalf("Get returned %+v, want an error", resp)
			}
			fe := fetchError(t, err)
			if fe.Status != tt.status || fe.Temporary != tt.wantTemporary || fe.RetryAfter != tt.wantRetryAfter {
				t.Errorf("status %d temporary %v retry after %v, want %d %v %v",
					fe.Status, fe.Temporary, fe.RetryAfter, tt.status, tt.wantTemporary, tt.wantRetryAfter)
			}
			if fe.URL != url || !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), http.StatusText(tt.status)) {
				t.Errorf("error %q should name %s and the status", err, url)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"120", 2 * time.Minute},
		{" 45 ", 45 * time.Second},
		{"-5", 0},
		{"1.5", 0},
		{"soon", 0},
		{"99999999999999999999", maxRetryAfter},
		{"86400000", maxRetryAfter},
		{epoch.Add(10 * time.Minute).Format(http.TimeFormat), 10 * time.Minute},
		{epoch.Add(10 * time.Minute).Format(time.RFC850), 10 * time.Minute},
		{epoch.Add(10 * time.Minute).Format(time.ANSIC), 10 * time.Minute},
		{epoch.Add(-10 * time.Minute).Format(http.TimeFormat), 0},
		{epoch.AddDate(1, 0, 0).Format(http.TimeFormat), maxRetryAfter},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.value, epoch); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}
