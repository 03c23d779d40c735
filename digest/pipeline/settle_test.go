package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A file still being written is not read by a scheduled build until it
// has settled; a person's build waits for it to settle and reads it. A
// dropped file whose content changed replaces the article read from it
// before instead of standing beside it.
func TestDropFileSettlesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	src, err := DropFolder(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b, st := testBuilder(t, src)
	ctx := context.Background()
	path := filepath.Join(dir, "convoy.txt")
	body := "Icebreakers escorted a convoy of cargo ships through the Arctic shipping route this summer as the sea ice shrank. "
	half := "Convoy reaches the northern port\n\n" + body
	full := half + "The convoy carried ore from northern mines to Asian ports, and shipping companies plan more voyages next year.\n"

	os.WriteFile(path, []byte(half), 0o600) // a copy in progress: just written
	if _, err := b.BuildFor(ctx, Request{ID: "20261207-0700-UTC", Key: "scheduled:2026-12-07T07:00 UTC"}); err == nil {
		t.Fatal("a scheduled build read a file written a moment ago")
	}
	start := time.Now()
	first, err := b.Build(ctx)
	if err != nil || first.Edition.ItemCount() != 1 {
		t.Fatalf("a person's build of a file just dropped: %v", err)
	}
	if waited := time.Since(start); waited < dropSettle {
		t.Errorf("the build read the file after %s, before it settled (%s)", waited, dropSettle)
	}
	old := time.Now().Add(-time.Minute)

	os.WriteFile(path, []byte(full), 0o600) // the editor finishes it
	os.Chtimes(path, old.Add(time.Second), old.Add(time.Second))
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := st.UnsentArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || !strings.Contains(arts[0].Body(), "Asian ports") {
		t.Errorf("candidates after the file changed: %d, want only its new version", len(arts))
	}
}
