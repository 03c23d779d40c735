package web

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// The providers' signers, built in the tests with keys generated here:
// what each provider does to a request, so the webhooks verify real
// signatures, not stand-ins.

// hookEvent is one report to post: what happened to whom.
type hookEvent struct {
	kind      string // hard, soft or complaint
	to        string // the recipient's address
	messageID string // our Message-ID, when the provider echoes one
	id        string // the provider's event id
	at        time.Time
	token     string // our VERP token, echoed from the metadata header
}

// mailgunSigner signs as Mailgun does: HMAC-SHA256 of timestamp+token.
type mailgunSigner struct{ key []byte }

func (s mailgunSigner) body(e hookEvent, sign bool) map[string]any {
	severity, event := "permanent", "failed"
	switch e.kind {
	case "soft":
		severity = "temporary"
	case "complaint":
		event, severity = "complained", ""
	}
	ts := strconv.FormatInt(e.at.Unix(), 10)
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte(ts + e.id))
	sig := map[string]any{"timestamp": ts, "token": e.id, "signature": hex.EncodeToString(mac.Sum(nil))}
	if !sign {
		sig = map[string]any{}
	}
	data := map[string]any{
		"event": event, "severity": severity, "recipient": e.to, "id": "ev-" + e.id,
		"message":         map[string]any{"headers": map[string]any{"message-id": e.messageID}},
		"delivery-status": map[string]any{"code": 550, "message": "5.1.1 The email account that you tried to reach does not exist", "enhanced-code": "5.1.1"},
	}
	if e.token != "" {
		data["user-variables"] = map[string]any{"digest_token": e.token}
	}
	return map[string]any{"signature": sig, "event-data": data}
}

// sendgridSigner signs as SendGrid does: ECDSA P-256 over timestamp+body.
type sendgridSigner struct{ key *ecdsa.PrivateKey }

func newSendGridSigner(t *testing.T) sendgridSigner {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return sendgridSigner{k}
}

func (s sendgridSigner) publicKey(t *testing.T) string {
	der, err := x509.MarshalPKIXPublicKey(&s.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

func (s sendgridSigner) event(e hookEvent) map[string]any {
	m := map[string]any{"email": e.to, "timestamp": e.at.Unix(), "sg_event_id": e.id, "sg_message_id": "sg." + e.id,
		"smtp-id": e.messageID, "event": "bounce", "type": "bounce", "status": "5.1.1", "reason": "550 5.1.1 no such user"}
	switch e.kind {
	case "soft":
		m["type"] = "blocked"
	case "complaint":
		m = map[string]any{"email": e.to, "timestamp": e.at.Unix(), "sg_event_id": e.id, "event": "spamreport", "smtp-id": e.messageID}
	}
	if e.token != "" {
		m["digest_token"] = e.token // unique_args come back as the event's own fields
	}
	return m
}

func (s sendgridSigner) sign(t *testing.T, at time.Time, body []byte) map[string]string {
	ts := strconv.FormatInt(at.Unix(), 10)
	sum := sha256.Sum256(append([]byte(ts), body...))
	sig, err := ecdsa.SignASN1(rand.Reader, s.key, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"X-Twilio-Email-Event-Webhook-Signature": base64.StdEncoding.EncodeToString(sig),
		"X-Twilio-Email-Event-Webhook-Timestamp": ts, "Content-Type": "application/json"}
}

// snsKit is a pretend AWS for SNS: a CA the test makes, an https server
// for sns.us-east-1.amazonaws.com serving the signing certificate and
// answering subscription confirmations, and a client that trusts that
// CA and dials that server for any host. Only the names are pretend:
// the TLS, the certificate fetch and the RSA signatures are real.
type snsKit struct {
	key      *rsa.PrivateKey
	certURL  string
	client   *http.Client
	confirms *atomic.Int32
	// certFetches counts the signing certificate's fetches.
	certFetches *atomic.Int32
	topic       string
}

const snsHostName = "sns.us-east-1.amazonaws.com"

func newSNSKit(t *testing.T) *snsKit {
	t.Helper()
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: now.AddDate(-1, 0, 0), NotAfter: now.AddDate(10, 0, 0)}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	issue := func(serial int64, pub any, dns []string, usage x509.ExtKeyUsage) []byte {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: snsHostName}, DNSNames: dns,
			NotBefore: now.AddDate(-1, 0, 0), NotAfter: now.AddDate(10, 0, 0), ExtKeyUsage: []x509.ExtKeyUsage{usage},
			KeyUsage: x509.KeyUsageDigitalSignature}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, pub, caKey)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	k := &snsKit{topic: "arn:aws:sns:us-east-1:123456789012:ses-bounces", confirms: new(atomic.Int32), certFetches: new(atomic.Int32)}
	if k.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	signingPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: issue(2, &k.key.PublicKey, nil, x509.ExtKeyUsageAny)})
	tlsKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tlsCert := tls.Certificate{Certificate: [][]byte{issue(3, &tlsKey.PublicKey, []string{snsHostName}, x509.ExtKeyUsageServerAuth)}, PrivateKey: tlsKey}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /SimpleNotificationService-test.pem", func(w http.ResponseWriter, r *http.Request) {
		k.certFetches.Add(1)
		w.Write(signingPEM)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("Action") == "ConfirmSubscription" && r.URL.Query().Get("Token") == "confirm-token" {
			k.confirms.Add(1)
			return
		}
		http.Error(w, "unknown action", http.StatusBadRequest)
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{tlsCert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	addr := srv.Listener.Addr().String()
	k.client = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}}}
	k.certURL = "https://" + snsHostName + "/SimpleNotificationService-test.pem"
	return k
}

// sesMessage is the SES notification of one event.
func sesMessage(e hookEvent) string {
	mail := map[string]any{"messageId": "0100-ses-" + e.id, "source": "news@example.org", "destination": []string{e.to},
		"commonHeaders": map[string]any{"messageId": e.messageID}}
	var n map[string]any
	switch e.kind {
	case "complaint":
		n = map[string]any{"notificationType": "Complaint", "mail": mail, "complaint": map[string]any{
			"complaintFeedbackType": "abuse", "complainedRecipients": []any{map[string]any{"emailAddress": e.to}}}}
	default:
		typ := "Permanent"
		if e.kind == "soft" {
			typ = "Transient"
		}
		n = map[string]any{"notificationType": "Bounce", "mail": mail, "bounce": map[string]any{
			"bounceType": typ, "bounceSubType": "General", "bouncedRecipients": []any{map[string]any{
				"emailAddress": e.to, "status": "5.1.1", "action": "failed", "diagnosticCode": "smtp; 550 5.1.1 user unknown"}}}}
	}
	b, _ := json.Marshal(n)
	return string(b)
}

// snsBody is an SNS message of typ, signed with version (1 or 2) unless
// version is "".
func (k *snsKit) snsBody(t *testing.T, typ, message string, e hookEvent, version string) map[string]string {
	m := map[string]string{"Type": typ, "MessageId": e.id, "TopicArn": k.topic, "Message": message,
		"Timestamp": e.at.UTC().Format("2006-01-02T15:04:05.000Z"), "SigningCertURL": k.certURL}
	if typ == "SubscriptionConfirmation" {
		m["Token"] = "confirm-token"
		m["SubscribeURL"] = "https://" + snsHostName + "/?Action=ConfirmSubscription&TopicArn=" + k.topic + "&Token=confirm-token"
	} else {
		m["Subject"] = "Amazon SES Email Event Notification"
	}
	if version != "" {
		k.sign(t, m, version)
	}
	return m
}

// sign signs m as SNS does, in place.
func (k *snsKit) sign(t *testing.T, m map[string]string, version string) {
	var s string
	fields := []string{"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
	if m["Type"] != "Notification" {
		fields = []string{"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"}
	}
	for _, f := range fields {
		if v, ok := m[f]; ok {
			s += f + "\n" + v + "\n"
		}
	}
	h, sum := crypto.SHA256, sha256.Sum256([]byte(s))
	digest := sum[:]
	if version == "1" {
		s1 := sha1.Sum([]byte(s))
		h, digest = crypto.SHA1, s1[:]
	}
	sig, err := rsa.SignPKCS1v15(rand.Reader, k.key, h, digest)
	if err != nil {
		t.Fatal(err)
	}
	m["SignatureVersion"], m["Signature"] = version, base64.StdEncoding.EncodeToString(sig)
}
