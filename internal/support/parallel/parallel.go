// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
)

// Each calls f(i) for every i in [0, n), on as many goroutines as there
// are cores (at most n), handing out the indexes in order, and returns
// when every call has. f must write only what belongs to its i.
func Each(n int, f func(i int)) {
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range work {
				f(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}
