package vrrp

import (
	"net"
	"net/netip"
	"os"
	"slices"
	"sync"
)

// hub is a fake LAN: every Conn written to reaches every other Conn
// joined to it (multicast) or the one whose host owns the destination.
type hub struct {
	mu    sync.Mutex
	conns []*fakeConn
}

// fakeNet is one host on the hub.
type fakeNet struct {
	hub  *hub
	addr netip.Addr
	up   bool
	mu   sync.Mutex
	vips map[netip.Prefix]bool
	ann  int
}

func newFakeNet(h *hub, addr string) *fakeNet {
	return &fakeNet{hub: h, addr: netip.MustParseAddr(addr), up: true, vips: map[netip.Prefix]bool{}}
}

func (n *fakeNet) Link(name string) (Link, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return Link{Index: 2, MAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, Up: n.up, IPv4: n.addr}, nil
}

func (n *fakeNet) setUp(up bool) {
	n.mu.Lock()
	n.up = up
	n.mu.Unlock()
}

func (n *fakeNet) OpenConn(s ConnSpec) (Conn, error) {
	c := &fakeConn{net: n, in: make(chan []byte, 64), done: make(chan struct{})}
	n.hub.mu.Lock()
	n.hub.conns = append(n.hub.conns, c)
	n.hub.mu.Unlock()
	return c, nil
}

func (n *fakeNet) AddAddr(v VIP) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.vips[v.Prefix] = true
	return nil
}

func (n *fakeNet) DelAddr(v VIP) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.vips, v.Prefix)
	return nil
}

func (n *fakeNet) hasVIP(p string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.vips[netip.MustParsePrefix(p)]
}

func (n *fakeNet) OpenAnnouncer(string) (Announcer, error) { return fakeAnnouncer{n}, nil }

type fakeAnnouncer struct{ n *fakeNet }

func (a fakeAnnouncer) Announce(netip.Addr, bool) error {
	a.n.mu.Lock()
	a.n.ann++
	a.n.mu.Unlock()
	return nil
}
func (a fakeAnnouncer) Close() error { return nil }

type fakeConn struct {
	net       *fakeNet
	in        chan []byte
	done      chan struct{}
	closeOnce sync.Once
}

func (c *fakeConn) Read(b []byte) (Received, error) {
	select {
	case p := <-c.in:
		return Received{N: copy(b, p)}, nil
	case <-c.done:
		return Received{}, os.ErrClosed
	}
}

func (c *fakeConn) Write(b []byte, dst netip.Addr) error {
	c.net.hub.mu.Lock()
	defer c.net.hub.mu.Unlock()
	for _, o := range c.net.hub.conns {
		if o == c || o.net == c.net || (!dst.IsMulticast() && o.net.addr != dst) {
			continue
		}
		select {
		case o.in <- slices.Clone(b):
		case <-o.done:
		default:
		}
	}
	return nil
}

func (c *fakeConn) Close() error {
	c.closeOnce.Do(func() { close(c.done) })
	c.net.hub.mu.Lock()
	defer c.net.hub.mu.Unlock()
	c.net.hub.conns = slices.DeleteFunc(c.net.hub.conns, func(o *fakeConn) bool { return o == c })
	return nil
}
