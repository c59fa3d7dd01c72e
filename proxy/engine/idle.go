package engine

import (
	"container/heap"
	"context"
	"os"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"hakeep/proxy/sock"
)

// idlePoller holds the HTTP connections waiting for a request without a
// goroutine. A goroutine parked on the netpoller keeps its stack (a few
// kilobytes once it has served a request); HAProxy keeps about one
// kilobyte per idle connection. A connection that stays idle past a grace
// period is handed to the poller, its goroutine ends and its buffers and
// parsers go back to their pools; when bytes arrive a new goroutine takes
// it up, and when its timeout strikes the poller ends it.
//
// The poller has an epoll instance of its own, one-shot registrations,
// and waits on that instance through the runtime's netpoller (an epoll
// descriptor is readable when it has events), so that no thread blocks in
// epoll_wait.
type idlePoller struct {
	e    *Engine
	epfd int
	f    *os.File
	rc   syscall.RawConn

	mu    sync.Mutex
	slots []*session // by parking slot; nil when free
	gens  []uint32
	free  []int
	byDue dueHeap
	armed time.Time // the deadline armed on f
	stop  bool

	events [128]unix.EpollEvent
	n      int
	fn     func(uintptr) bool

	// parked counts the connections parked since the last memory trim,
	// trimmed when it was.
	parked  int
	trimmed time.Time
}

// After a burst of connections goes idle, their goroutines' stacks and
// their buffers are free but still mapped: the runtime hands memory back
// to the system slowly. Past trimBurst parked connections, the poller
// returns it at once, at most every trimEvery.
const (
	trimBurst = 512
	trimEvery = time.Second
)

func newIdlePoller(e *Engine) (*idlePoller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	if err := unix.SetNonblock(epfd, true); err != nil {
		unix.Close(epfd)
		return nil, err
	}
	f := os.NewFile(uintptr(epfd), "idle-epoll")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	p := &idlePoller{e: e, epfd: epfd, f: f, rc: rc}
	p.fn = p.poll
	return p, nil
}

// poll is the netpoller callback: the events ready now, or wait.
func (p *idlePoller) poll(uintptr) bool {
	for {
		n, err := unix.EpollWait(p.epfd, p.events[:], 0)
		if err == unix.EINTR {
			continue
		}
		p.n = n
		return n > 0 || err != nil
	}
}

// park hands s over; deadline is when it expires (zero for never). It
// reports false when the connection cannot be parked, and the caller
// keeps it.
func (p *idlePoller) park(s *session, deadline time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop {
		return false
	}
	idx := len(p.slots)
	if n := len(p.free); n > 0 {
		idx = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		p.slots = append(p.slots, nil)
		p.gens = append(p.gens, 0)
	}
	p.gens[idx]++
	p.slots[idx] = s
	s.park = parkState{slot: idx, due: deadline, heapIdx: -1}
	ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP | unix.EPOLLONESHOT, Fd: int32(idx), Pad: int32(p.gens[idx])}
	op := unix.EPOLL_CTL_MOD
	if !s.registered {
		op = unix.EPOLL_CTL_ADD
	}
	if c, ok := s.conn.(*sock.Conn); ok {
		// the runtime's poll state goes back while parked (it keeps
		// ~0.5 KB per descriptor it ever watched); the descriptor's
		// number stays the same from the first Detach on
		c.Detach()
	}
	var cerr error
	if err := s.rc.Control(func(fd uintptr) { cerr = unix.EpollCtl(p.epfd, op, int(fd), &ev) }); err != nil {
		cerr = err
	}
	if cerr != nil {
		p.slots[idx] = nil
		p.free = append(p.free, idx)
		return false
	}
	s.registered = true
	p.parked++
	if !deadline.IsZero() {
		heap.Push(&p.byDue, s)
		if p.armed.IsZero() || deadline.Before(p.armed) {
			p.armed = deadline
			p.f.SetReadDeadline(deadline)
		}
	}
	return true
}

// unpark takes slot idx out; p.mu is held.
func (p *idlePoller) unpark(idx int) *session {
	s := p.slots[idx]
	p.slots[idx] = nil
	p.free = append(p.free, idx)
	if s.park.heapIdx >= 0 {
		heap.Remove(&p.byDue, s.park.heapIdx)
	}
	return s
}

// Run hands parked connections that became readable to new goroutines
// and ends those whose timeout struck, until ctx ends; then it ends them
// all.
func (p *idlePoller) Run(ctx context.Context) error {
	stopWatch := context.AfterFunc(ctx, func() { p.f.SetReadDeadline(past()) })
	defer stopWatch()
	var ready, expired []*session
	for {
		err := p.rc.Read(p.fn)
		if ctx.Err() != nil {
			p.closeAll()
			p.f.Close()
			return nil
		}
		now := p.e.deps.Now()
		p.mu.Lock()
		if err == nil {
			for _, ev := range p.events[:p.n] {
				idx := int(ev.Fd)
				if idx < len(p.slots) && p.slots[idx] != nil && p.gens[idx] == uint32(ev.Pad) {
					ready = append(ready, p.unpark(idx))
				}
			}
			p.n = 0
		}
		for p.byDue.Len() > 0 && !p.byDue[0].park.due.After(now) {
			s := p.byDue[0]
			expired = append(expired, p.unpark(s.park.slot))
		}
		p.armed = time.Time{}
		if p.byDue.Len() > 0 {
			p.armed = p.byDue[0].park.due
		}
		trim := p.parked >= trimBurst && now.Sub(p.trimmed) >= trimEvery
		if trim {
			p.parked, p.trimmed = 0, now
		} else if p.parked >= trimBurst && (p.armed.IsZero() || p.trimmed.Add(trimEvery).Before(p.armed)) {
			// wake up for the trim the burst is owed
			p.armed = p.trimmed.Add(trimEvery)
		}
		p.f.SetReadDeadline(p.armed)
		p.mu.Unlock()
		if trim {
			go debug.FreeOSMemory()
		}
		for i, s := range ready {
			go p.e.resumeHTTP(s)
			ready[i] = nil
		}
		ready = ready[:0]
		for i, s := range expired {
			p.e.expireIdle(s)
			expired[i] = nil
		}
		expired = expired[:0]
	}
}

// closeAll ends every parked connection and parks no more (a hard stop).
func (p *idlePoller) closeAll() { p.close(true) }

// closeIdle ends the parked kept-alive connections and parks no more (a
// soft stop): those waiting for their first request stay, to be served
// when it comes, as 2.6 serves them.
func (p *idlePoller) closeIdle() { p.close(false) }

func (p *idlePoller) close(all bool) {
	p.mu.Lock()
	p.stop = true
	var end []*session
	for i, s := range p.slots {
		if s != nil && (all || !s.first) {
			end = append(end, p.unpark(i))
		}
	}
	p.mu.Unlock()
	for _, s := range end {
		s.finish()
	}
}

// parkState is a parked connection's place in the poller.
type parkState struct {
	slot    int
	due     time.Time
	heapIdx int
}

// dueHeap orders parked connections by deadline.
type dueHeap []*session

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].park.due.Before(h[j].park.due) }
func (h dueHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].park.heapIdx = i
	h[j].park.heapIdx = j
}
func (h *dueHeap) Push(x any) {
	s := x.(*session)
	s.park.heapIdx = len(*h)
	*h = append(*h, s)
}
func (h *dueHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	s.park.heapIdx = -1
	return s
}
