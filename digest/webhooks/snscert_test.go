package webhooks

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// Only an https URL on an SNS host, with nothing hiding another host in
// it, is one a certificate or a confirmation is fetched from.
func TestSNSHostCheck(t *testing.T) {
	good := []string{
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
		"https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-abc.pem",
		"https://sns.us-gov-west-1.amazonaws.com/x.pem",
		"https://sns.cn-north-1.amazonaws.com.cn/x.pem",
	}
	bad := []string{
		"http://sns.us-east-1.amazonaws.com/x.pem",
		"https://sns.us-east-1.amazonaws.com.evil.example/x.pem",
		"https://evil.example/sns.us-east-1.amazonaws.com/x.pem",
		"https://sns.us-east-1.amazonaws.com:8443/x.pem",
		"https://user@sns.us-east-1.amazonaws.com/x.pem",
		"https://s3.us-east-1.amazonaws.com/x.pem",
		"https://sns.amazonaws.com/x.pem",
		"https://xsns.us-east-1.amazonaws.com/x.pem",
		"https://sns.us-east-1.amazonaws.com\n.evil/x.pem",
		"",
	}
	for _, u := range good {
		if _, err := snsURL(u); err != nil {
			t.Errorf("%q refused: %v", u, err)
		}
	}
	for _, u := range bad {
		if _, err := snsURL(u); !errors.Is(err, ErrForged) {
			t.Errorf("%q not refused as forged: %v", u, err)
		}
	}
}

// A certificate URL off an SNS host is refused before anything is
// fetched: the client here fails the test if it is ever used.
func TestSNSCertNotFetchedOffHost(t *testing.T) {
	var c certCache
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("fetched %s", r.URL)
		return nil, errors.New("no")
	})}
	_, err := c.get(context.Background(), client, "https://attacker.example/SimpleNotificationService-x.pem", time.Now())
	if !errors.Is(err, ErrForged) {
		t.Fatalf("err = %v, want ErrForged", err)
	}
	for _, u := range []string{"https://sns.us-east-1.amazonaws.com/not-a-cert.txt",
		"https://sns.us-east-1.amazonaws.com/x.pem",
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem?v=1",
		"https://sns.us-east-1.amazonaws.com/a/SimpleNotificationService-abc.pem"} {
		if _, err = c.get(context.Background(), client, u, time.Now()); !errors.Is(err, ErrForged) {
			t.Errorf("%s: err = %v, want ErrForged", u, err)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
