package httpdiff

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// portPool hands out free ports for listeners. It picks them below the
// kernel's ephemeral range: a port from bind(":0") is released before
// haproxy binds it, and in between any outgoing connection (the
// client's, haproxy's towards a server) may take it as its source port;
// ports below the range are never given to connections, and a span of
// consecutive ones is easy to find there.
type portPool struct {
	mu       sync.Mutex
	used     map[int]bool
	min, max int // candidates are in [min, max)
}

func newPortPool() *portPool {
	p := &portPool{used: map[int]bool{}, min: 20000, max: 32768}
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if lo, err := strconv.Atoi(f[0]); err == nil && lo > 2048 {
				p.max = lo
				p.min = lo / 2
			}
		}
	}
	return p
}

// span returns the first of n consecutive ports that are free on every
// address of both families (a wildcard or v4v6 bind needs that).
func (p *portPool) span(n int) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for attempt := 0; attempt < 500; attempt++ {
		first := p.min + rand.IntN(p.max-p.min-n)
		ok := true
		for i := 0; ok && i < n; i++ {
			ok = !p.used[first+i] && bindable(first+i)
		}
		if ok {
			for i := 0; i < n; i++ {
				p.used[first+i] = true
			}
			return first, nil
		}
	}
	return 0, fmt.Errorf("no %d consecutive free ports in [%d, %d)", n, p.min, p.max)
}

// bindable tells whether a listener could take port on every address.
func bindable(port int) bool {
	ln, err := net.Listen("tcp", ":"+strconv.Itoa(port))
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// release forgets ports once their case is over.
func (p *portPool) release(ports []int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, port := range ports {
		delete(p.used, port)
	}
}
