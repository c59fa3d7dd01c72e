package httpdiff

import (
	"fmt"
	"net"
	"strconv"
	"sync"
)

// portPool hands out free loopback ports. The kernel chooses them; the
// pool only remembers what it gave out so that two cases running at the
// same time never receive the same port between the probe and haproxy's
// bind.
type portPool struct {
	mu   sync.Mutex
	used map[int]bool
}

func newPortPool() *portPool { return &portPool{used: map[int]bool{}} }

// span returns the first of n consecutive ports that are free on every
// address of both families (a wildcard or v4v6 bind needs that).
func (p *portPool) span(n int) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for attempt := 0; attempt < 200; attempt++ {
		ln, err := net.Listen("tcp", ":0")
		if err != nil {
			return 0, err
		}
		first := ln.Addr().(*net.TCPAddr).Port
		ok := !p.used[first]
		held := []net.Listener{ln}
		for i := 1; ok && i < n; i++ {
			l, err := net.Listen("tcp", ":"+strconv.Itoa(first+i))
			if err != nil || p.used[first+i] {
				ok = false
				if l != nil {
					l.Close()
				}
				break
			}
			held = append(held, l)
		}
		for _, l := range held {
			l.Close()
		}
		if ok {
			for i := 0; i < n; i++ {
				p.used[first+i] = true
			}
			return first, nil
		}
	}
	return 0, fmt.Errorf("no %d consecutive free ports", n)
}

// release forgets ports once their case is over.
func (p *portPool) release(ports []int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, port := range ports {
		delete(p.used, port)
	}
}
