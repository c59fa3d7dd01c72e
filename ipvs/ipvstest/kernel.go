// Package ipvstest is a fake of the kernel's IPVS generic netlink family
// for unit tests: a netlink socket (genl.Socket) that decodes the bytes a
// client sends, keeps a table of services, destinations, timeouts and sync
// daemons, and answers with the bytes the kernel would send, errors
// included (EEXIST, ESRCH, ENOENT, EINVAL, ERANGE as
// net/netfilter/ipvs/ip_vs_ctl.c returns them).
//
// Its replies are checked against the real kernel's in ipvs/testdata/golden
// (TestFakeMatchesKernel), and its errors against a kernel in a VM by
// e2e/ipvs.
package ipvstest

import (
	"errors"
	"net/netip"
	"sync"
	"syscall"
)

// Kernel is the fake's shared state; each Socket sees the same table.
type Kernel struct {
	mu       sync.Mutex
	familyID uint16
	services []*service
	timeouts [3]uint32  // tcp, tcpfin, udp, in seconds
	daemons  [3]*daemon // indexed by state: master 1, backup 2
	inject   map[uint8]syscall.Errno
	ops      []string
}

type serviceKey struct {
	af       uint16
	protocol uint16
	addr     netip.Addr
	port     uint16
	fwmark   uint32
}

type service struct {
	key     serviceKey
	sched   string
	pe      string
	flags   uint32
	timeout uint32
	netmask uint32
	dests   []*dest // most recent first, as list_add() leaves them
}

type destKey struct {
	addr netip.Addr
	port uint16
}

type dest struct {
	key      destKey
	af       uint16
	fwd      uint32
	weight   int32
	uThresh  uint32
	lThresh  uint32
	tunType  uint8
	tunPort  uint16
	tunFlags uint16
}

type daemon struct {
	state  uint32
	ifn    string
	syncID uint32
	maxLen uint16
	group  netip.Addr
	port   uint16
	ttl    uint8
}

// FamilyID is the id the fake gives the IPVS family: the one kernel 6.1
// assigned it in the VM the golden files come from.
const FamilyID = 0x20

// New returns an empty table with the kernel's default timeouts (TCP
// 900 s, TCP FIN 120 s, UDP 300 s: ip_vs_proto_tcp.c / ip_vs_proto_udp.c).
func New() *Kernel {
	return &Kernel{familyID: FamilyID, timeouts: [3]uint32{900, 120, 300}, inject: map[uint8]syscall.Errno{}}
}

// Socket returns a new socket on the fake.
func (k *Kernel) Socket() *Socket { return &Socket{k: k} }

// FailNext makes the next request with generic netlink command cmd fail
// with errno, before it changes anything.
func (k *Kernel) FailNext(cmd uint8, errno syscall.Errno) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.inject[cmd] = errno
}

// Ops returns the names of the commands that changed the table since the
// last call (e.g. "NEW_SERVICE", "SET_DEST"), and forgets them.
func (k *Kernel) Ops() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	ops := k.ops
	k.ops = nil
	return ops
}

// Socket is one netlink socket on the fake. Replies queue up until read.
type Socket struct {
	k      *Kernel
	mu     sync.Mutex
	queue  [][]byte
	closed bool
}

// ErrWouldBlock is returned by Receive when nothing is queued: a real
// socket would block for ever, the fake says so instead.
var ErrWouldBlock = errors.New("ipvstest: receive with nothing queued")

// Send hands one datagram to the fake kernel.
func (s *Socket) Send(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return syscall.EBADF
	}
	s.queue = append(s.queue, s.k.handle(b)...)
	return nil
}

// Receive returns the next queued reply datagram.
func (s *Socket) Receive() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, syscall.EBADF
	}
	if len(s.queue) == 0 {
		return nil, ErrWouldBlock
	}
	b := s.queue[0]
	s.queue = s.queue[1:]
	return b, nil
}

// Close closes the socket.
func (s *Socket) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}
