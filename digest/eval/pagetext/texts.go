package pagetext

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// ErrNoBrowser is returned when a page's text is not cached and there is
// no browser to make it.
var ErrNoBrowser = errors.New("no chromium on PATH to make the page texts that are not cached: install chromium")

// progressEvery is how many pages made between two progress logs.
const progressEvery = 25

// Texts returns the text of every page, from the cache when it is there;
// a browser (chromium, the path of its binary) is started only for the
// pages that are not, and their texts are cached.
func Texts(ctx context.Context, pages [][]byte, cache Cache, chromium string, log *slog.Logger) ([]string, error) {
	texts := make([]string, len(pages))
	var missing []int
	for i, html := range pages {
		text, ok, err := cache.Get(html)
		if err != nil {
			return nil, err
		}
		if !ok {
			missing = append(missing, i)
		}
		texts[i] = text
	}
	if len(missing) == 0 {
		return texts, nil
	}
	if chromium == "" {
		return nil, fmt.Errorf("page texts: %d of %d pages: %w", len(missing), len(pages), ErrNoBrowser)
	}
	log.Info("making page texts in chromium", "pages", len(missing), "cache", cache.Dir)
	b, err := Start(ctx, chromium)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	for n, i := range missing {
		text, err := b.Text(ctx, pages[i])
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		if err := cache.Put(pages[i], text); err != nil {
			return nil, err
		}
		texts[i] = text
		if (n+1)%progressEvery == 0 {
			log.Info("page texts made", "done", n+1, "of", len(missing))
		}
	}
	return texts, nil
}
