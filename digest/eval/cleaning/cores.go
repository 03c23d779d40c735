package cleaning

import (
	"context"
	"runtime"
	"sync"
)

// onEveryCore calls fn for 0…n-1 on every core, each index once, and
// stops handing out indexes when ctx is done (its error is returned).
// Cleaning one document is independent of every other, so an evaluation
// scales with the cores; results go to fn's own slot of a slice.
func onEveryCore(ctx context.Context, n int, fn func(i int)) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				fn(i)
			}
		})
	}
send:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	return ctx.Err()
}
