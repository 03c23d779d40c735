package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// SourceHealth is one configured source as `digest status`, `digest
// sources` and the desk's overview show it, every field ready to print.
// Name is the configured name of a feed or page ("" when it has none):
// people know their sources by it, not by URL. Ref is a feed's or
// page's digest.LiveSource.Ref, "" for the seeds and drop folders.
type SourceHealth struct {
	Kind, Name, Source, Health, LastSuccess, Articles, LastError string
	Ref                                                          string
}

// SeedsHealth is the row of the embedded seeded articles in fsys.
func SeedsHealth(fsys fs.FS) SourceHealth {
	seeded, _ := fs.ReadDir(fsys, ".")
	return SourceHealth{Kind: "seeds", Source: "embedded", Health: "ok", LastSuccess: "-",
		Articles: fmt.Sprintf("%d files", len(seeded))}
}

// FolderHealth is the row of the drop folder dir.
func FolderHealth(dir string) SourceHealth {
	return SourceHealth{Kind: "folder", Source: dir, Health: folderHealth(dir), LastSuccess: "-", Articles: folderCount(dir)}
}

// LiveHealth is the row of a feed or page: what the store remembers of
// its fetches (a zero state when it was never fetched) and how many
// articles came from it, seen at now. Its URL's secrets read xxxxx.
func LiveHealth(s LiveSource, st digest.SourceState, articles int, now time.Time) SourceHealth {
	h := health(st, now)
	if s.Paused {
		h = "paused (" + h + ")"
	}
	return SourceHealth{Kind: string(s.Kind), Name: s.Name, Ref: s.Ref(), Source: digest.RedactURL(s.URL), Health: h,
		LastSuccess: when(st.LastSuccess), Articles: fmt.Sprint(articles), LastError: digest.RedactIn(st.LastError, s.URL)}
}

func health(st digest.SourceState, now time.Time) string {
	switch {
	case st.LastFetched.IsZero():
		return "never fetched"
	case st.ErrorCount == 0:
		return "ok"
	case !fetch.Due(st, now):
		return fmt.Sprintf("failing (%d), retry at %s", st.ErrorCount, st.NextAttempt.Format(time.DateTime))
	default:
		return fmt.Sprintf("failing (%d)", st.ErrorCount)
	}
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateTime)
}

func folderHealth(dir string) string {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "missing (created at the next build)"
	}
	return "ok"
}

func folderCount(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "-"
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && ingest.IsArticleFile(e.Name()) {
			n++
		}
	}
	return fmt.Sprintf("%d files", n)
}
