package listener

import (
	"net"
	"sync"
	"testing"
	"time"
)

func idleWorkers(w *workers) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.idle)
}

// waitIdle waits until n workers wait (or fails after a while).
func waitIdle(t *testing.T, w *workers, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); idleWorkers(w) != n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d idle workers, want %d", idleWorkers(w), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestWorkersReused(t *testing.T) {
	release := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	handled := 0
	w := &workers{handle: func(c net.Conn, s Slots) {
		<-release
		mu.Lock()
		handled++
		mu.Unlock()
		wg.Done()
	}}
	// more connections at once than may wait afterwards
	wg.Add(maxIdleWorkers + 8)
	for i := 0; i < maxIdleWorkers+8; i++ {
		w.serve(nil, Slots{})
	}
	close(release)
	wg.Wait()
	waitIdle(t, w, maxIdleWorkers)
	// the next ones go to waiting workers: no new goroutine
	release = make(chan struct{})
	wg.Add(10)
	for i := 0; i < 10; i++ {
		w.serve(nil, Slots{})
	}
	if n := idleWorkers(w); n != maxIdleWorkers-10 {
		t.Errorf("%d idle workers while 10 serve, want %d", n, maxIdleWorkers-10)
	}
	close(release)
	wg.Wait()
	waitIdle(t, w, maxIdleWorkers)
	if handled != maxIdleWorkers+18 {
		t.Errorf("handled %d connections, want %d", handled, maxIdleWorkers+18)
	}
}

func TestWorkerLeaveRace(t *testing.T) {
	// a worker whose wait expired but which serve took first gets the
	// job: leave reports false and the job is received
	w := &workers{}
	k := &worker{w: w, jobs: make(chan job, 1)}
	if !w.wait(k) {
		t.Fatal("no room to wait")
	}
	w.serve(nil, Slots{})
	if w.leave(k) {
		t.Fatal("left although taken")
	}
	select {
	case <-k.jobs:
	default:
		t.Fatal("the job was not handed over")
	}
}
