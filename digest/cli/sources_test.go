package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/digest-newsletter/digest/digest/store"
)

func TestFetchAndSources(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Tokyo Desk</title><item><guid>t1</guid>
<title>Japan and NATO open a liaison office</title><link>https://desk.example/t1</link>
<description><![CDATA[<p>Japan and NATO agreed to open a liaison office in Tokyo, officials said on Tuesday, deepening security and defense cooperation between the alliance and its Indo-Pacific partner after years of talks.</p><p>The office will coordinate cyber defense, maritime security and technology projects, and prepare joint exercises with allied navies in the region next year, according to the ministry.</p><p>Analysts said the move signals a closer partnership as China and Russia expand military cooperation, and as Japan raises defense spending to record levels.</p>]]></description></item></channel></rss>`)
	}))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "digest.yaml")
	os.WriteFile(cfg, []byte("sources:\n  allow_loopback: true\n  feeds:\n    - url: "+srv.URL+"/feed\n      name: Tokyo Desk\n    - url: "+srv.URL+"/gone\n"), 0o644)
	data := t.TempDir()
	code, out, errs := run(t, "fetch", "--config", cfg, "--data-dir", data)
	if code != 0 || !strings.Contains(out, "Tokyo Desk: 1 entry, 1 new article") || !strings.Contains(out, "/gone: failed") {
		t.Fatalf("fetch: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "sources", "--config", cfg, "--data-dir", data)
	if code != 0 || !strings.Contains(out, "seeds") || !regexpMatch(`feed\s+Tokyo Desk\s+\S+/feed\s+ok`, out) || !regexpMatch(`feed\s+-\s+\S+/gone\s+failing \(1\)`, out) {
		t.Errorf("sources:\n%s", out)
	}
	code, out, _ = run(t, "build", "--config", cfg, "--data-dir", data)
	if code != 0 || !strings.Contains(out, "Japan and NATO open a liaison office") {
		t.Errorf("the fetched article is not in the next build:\n%s", out)
	}
}

// A feed URL's password never shows: not in fetch's output or logs, not
// in digest sources, not in the stored last error.
func TestFeedPasswordRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer srv.Close()
	const pw = "s3cret-pw"
	feed := strings.Replace(srv.URL, "http://", "http://ann:"+pw+"@", 1) + "/private"
	cfg := filepath.Join(t.TempDir(), "digest.yaml")
	os.WriteFile(cfg, []byte("sources:\n  allow_loopback: true\n  feeds:\n    - url: "+feed+"\n"), 0o644)
	data := t.TempDir()
	_, out, errs := run(t, "fetch", "--config", cfg, "--data-dir", data)
	_, listed, _ := run(t, "sources", "--config", cfg, "--data-dir", data)
	all := out + errs + listed
	if strings.Contains(all, pw) {
		t.Errorf("the password shows:\n%s", all)
	}
	if !strings.Contains(listed, "ann:xxxxx@") || !strings.Contains(out, "failed") {
		t.Errorf("the source is not listed, redacted, or its failure not shown:\n%s", all)
	}
	st, err := store.Open(context.Background(), filepath.Join(data, "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(context.Background())
	if err != nil || len(srcs) != 1 || srcs[0].State.LastError == "" || strings.Contains(srcs[0].State.LastError, pw) {
		t.Errorf("stored sources %+v, %v: want one, with its last error, without the password", srcs, err)
	}
	// The last error is in an editor's words, as the fetch history is.
	if want := "the site had a problem of its own (HTTP 500)"; !strings.Contains(listed, want) {
		t.Errorf("digest sources does not say %q:\n%s", want, listed)
	}
}

// The config's feeds and pages are read on a database's first start only:
// renaming one, removing one and adding another in the file afterwards
// changes nothing digest fetches or lists. The database wins.
func TestConfigSourcesImportedOnce(t *testing.T) {
	var hits sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Store(r.URL.Path, true)
		http.NotFound(w, r)
	}))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "digest.yaml")
	write := func(feeds string) {
		os.WriteFile(cfg, []byte("sources:\n  allow_loopback: true\n  feeds:\n"+feeds), 0o644)
	}
	write("    - url: " + srv.URL + "/one\n      name: First Name\n    - url: " + srv.URL + "/two\n      name: Two\n")
	data := t.TempDir()
	if code, out, errs := run(t, "fetch", "--config", cfg, "--data-dir", data); code == 0 || !strings.Contains(out, "First Name: failed") {
		t.Fatalf("first fetch: exit %d\n%s\n%s", code, out, errs)
	}
	write("    - url: " + srv.URL + "/one\n      name: Second Name\n    - url: " + srv.URL + "/three\n      name: Three\n")
	hits.Clear()
	_, out, _ := run(t, "fetch", "--force", "--config", cfg, "--data-dir", data)
	if _, ok := hits.Load("/three"); ok || !strings.Contains(out, "First Name: failed") || !strings.Contains(out, "Two: failed") {
		t.Errorf("after the config changed, fetch read it:\n%s", out)
	}
	_, listed, _ := run(t, "sources", "--config", cfg, "--data-dir", data)
	if !strings.Contains(listed, "First Name") || !strings.Contains(listed, "/two") ||
		strings.Contains(listed, "Second Name") || strings.Contains(listed, "/three") {
		t.Errorf("sources after the config changed:\n%s", listed)
	}
}
