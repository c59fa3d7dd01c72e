package smuggle

import (
	"net"
	"sync"
	"time"
)

// exchange sends c's writes to the proxy at addr and listens until the
// proxy closes the connection or stays silent for the idle window; then,
// after the grace delay, it snapshots the back end.
func exchange(addr string, c Case, be *Backend, tm Timing) (Outcome, error) {
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return Outcome{}, err
	}
	defer conn.Close()

	var (
		mu       sync.Mutex
		got      []byte
		closed   bool
		lastRead time.Time
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			n, err := conn.Read(buf)
			mu.Lock()
			if n > 0 {
				got = append(got, buf[:n]...)
				lastRead = time.Now()
			}
			if err != nil {
				closed = true
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()

	idle := tm.Idle
	if c.Wait > 0 {
		idle = c.Wait
	}
	lastSend := time.Now()
	for i, part := range c.Send {
		if i > 0 {
			time.Sleep(tm.Pause)
		}
		// A write after the proxy closed fails; what it did before that
		// is the record, so the error is not the case's failure.
		conn.Write(part)
		lastSend = time.Now()
	}

	hardStop := time.Now().Add(idle + 20*time.Second)
	for time.Now().Before(hardStop) {
		mu.Lock()
		isClosed := closed
		last := lastRead
		mu.Unlock()
		if isClosed {
			break
		}
		// The proxy may still be working on what the back end last
		// did, so the idle window also runs from the back end's activity.
		if last.Before(lastSend) {
			last = lastSend
		}
		if ba := be.LastActivity(); last.Before(ba) {
			last = ba
		}
		if time.Since(last) > idle {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(tm.Grace)

	mu.Lock()
	out := Outcome{Client: append([]byte(nil), got...), ClientClosed: closed}
	mu.Unlock()
	out.Server = be.Snapshot()
	conn.Close()
	<-done
	return out, nil
}
