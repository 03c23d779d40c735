package web

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// upload posts a CSV file to the import form, as a browser does.
func upload(t *testing.T, h http.Handler, csv []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "subscribers.csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(csv)
	mw.Close()
	return request{method: http.MethodPost, target: "/subscribers/import", body: body.String(),
		header: map[string]string{"Content-Type": mw.FormDataContentType(), "Sec-Fetch-Site": "same-origin"}}.do(t, h, editorAddr)
}

var (
	csvField         = regexp.MustCompile(`name="csv" value="([^"]*)"`)
	fingerprintField = regexp.MustCompile(`name="fingerprint" value="([^"]*)"`)
)

// hiddenFields reads the file and fingerprint an import preview carries
// to its Apply button; "" when the page has no Apply button.
func hiddenFields(t *testing.T, page string) (csv, fingerprint string) {
	t.Helper()
	c, f := csvField.FindStringSubmatch(page), fingerprintField.FindStringSubmatch(page)
	if c == nil || f == nil {
		return "", ""
	}
	return html.UnescapeString(c[1]), html.UnescapeString(f[1])
}

// follow gets the page a POST redirected to, with the cookies it set
// (the flash that says what happened).
func follow(t *testing.T, h http.Handler, rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	t.Helper()
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want a redirect: %s", rec.Code, rec.Body)
	}
	var cookies []string
	for _, c := range rec.Result().Cookies() {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	target := strings.TrimPrefix(rec.Header().Get("Location"), ".")
	for strings.HasPrefix(target, "./") || strings.HasPrefix(target, "../") {
		target = target[strings.Index(target, "/")+1:]
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return request{target: target, header: map[string]string{"Cookie": strings.Join(cookies, "; ")}}.do(t, h, editorAddr)
}
