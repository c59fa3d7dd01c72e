package httpdiff

import (
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Kind is what a back end does with a connection.
type Kind int

const (
	// HTTP parses each request, records it and answers (knobs below).
	HTTP Kind = iota
	// TCPEcho records the bytes it receives and sends them back.
	TCPEcho
	// Refuse has nothing listening: connections are refused.
	Refuse
	// Reset reads the request head, records it and resets the connection.
	Reset
	// Blackhole never completes a handshake (a full accept queue drops
	// the SYNs), for connect timeouts.
	Blackhole
	// Silent records requests and never answers.
	Silent
)

// Backend configures one named back end. Every answer knob can be
// overridden per request with an X-Be-* header (httpbackend.go).
type Backend struct {
	Name string
	Kind Kind
	// IP to listen on: 127.0.0.1 by default, another 127.0.0.X or ::1.
	IP string
	// At places the back end on a template port plus an offset
	// ("fe+1"), for server ports written as +N/-N.
	At string
	// Proxy expects a PROXY protocol header (v1 or v2) on each connection.
	Proxy bool

	// Raw is written instead of a rendered response (malformed answers).
	Raw        string
	Status     int
	Headers    []string // extra response header lines, "Name: value"
	Body       string   // default: the back end's name
	EmptyBody  bool
	Chunked    bool
	NoLength   bool // body delimited by closing the connection
	Close      bool // close after each response
	Delay      time.Duration
	WebSocket  bool // accept "Upgrade: websocket" and echo the tunnel
	NoContinue bool // never answer "Expect: 100-continue"

	// TCP echo: Banner is sent on accept, AfterEOF once the client's
	// side is closed (then the back end closes).
	Banner   string
	AfterEOF string
	NoEcho   bool
	// HalfClose shuts the back end's sending side after the banner and
	// keeps reading (no echo): a half-closed server.
	HalfClose bool
	// KeepAfterEOF keeps the connection open, silent, once the client's
	// side is closed: a server that never finishes.
	KeepAfterEOF bool
}

// server is a started back end.
type server struct {
	spec  Backend
	ln    net.Listener
	log   *serverLog
	addr  string
	port  int
	conns int // accepted, for numbering

	done chan struct{} // closed by stop

	mu   sync.Mutex
	open map[net.Conn]bool
	wg   sync.WaitGroup
	// prefill holds the connections that fill a Blackhole's queue.
	prefill []net.Conn
}

// listenSpec opens the listener of a back end on ip:port (port 0: any).
func (s *server) listen(ip string, port int) error {
	if s.spec.Kind == Blackhole {
		return s.listenBlackhole(ip, port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
	if err != nil {
		return err
	}
	s.ln = ln
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.addr = net.JoinHostPort(ip, strconv.Itoa(s.port))
	return nil
}

// listenBlackhole listens with a backlog of zero and fills the accept
// queue with the harness's own connections, so that the kernel drops
// every later SYN and a connect waits until it times out.
func (s *server) listenBlackhole(ip string, port int) error {
	fam := syscall.AF_INET
	if net.ParseIP(ip).To4() == nil {
		fam = syscall.AF_INET6
	}
	fd, err := syscall.Socket(fam, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	var sa syscall.Sockaddr
	if fam == syscall.AF_INET {
		a := &syscall.SockaddrInet4{Port: port}
		copy(a.Addr[:], net.ParseIP(ip).To4())
		sa = a
	} else {
		a := &syscall.SockaddrInet6{Port: port}
		copy(a.Addr[:], net.ParseIP(ip).To16())
		sa = a
	}
	if err := syscall.Bind(fd, sa); err != nil {
		syscall.Close(fd)
		return err
	}
	if err := syscall.Listen(fd, 0); err != nil {
		syscall.Close(fd)
		return err
	}
	got, err := syscall.Getsockname(fd)
	if err != nil {
		syscall.Close(fd)
		return err
	}
	switch a := got.(type) {
	case *syscall.SockaddrInet4:
		s.port = a.Port
	case *syscall.SockaddrInet6:
		s.port = a.Port
	}
	s.addr = net.JoinHostPort(ip, strconv.Itoa(s.port))
	s.ln = &fdListener{fd: fd}
	// The queue holds one connection beyond the backlog; two fill it.
	for i := 0; i < 2; i++ {
		c, err := net.DialTimeout("tcp", s.addr, 200*time.Millisecond)
		if err != nil {
			break
		}
		s.prefill = append(s.prefill, c)
	}
	return nil
}

// fdListener only closes a raw listening socket: a Blackhole never
// accepts.
type fdListener struct{ fd int }

func (l *fdListener) Accept() (net.Conn, error) { return nil, net.ErrClosed }
func (l *fdListener) Close() error              { return syscall.Close(l.fd) }
func (l *fdListener) Addr() net.Addr            { return &net.TCPAddr{} }

// serve accepts connections until the listener closes.
func (s *server) serve() {
	if s.ln == nil || s.spec.Kind == Blackhole {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := s.ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			n := s.conns
			s.open[c] = true
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer func() {
					s.mu.Lock()
					delete(s.open, c)
					s.mu.Unlock()
					c.Close()
				}()
				if s.spec.Kind == TCPEcho {
					s.echo(c, n)
				} else {
					s.http(c, n)
				}
			}()
		}
	}()
}

// stop closes the listener and every connection, and waits for the
// goroutines.
func (s *server) stop() {
	close(s.done)
	if s.ln != nil {
		s.ln.Close()
	}
	for _, c := range s.prefill {
		c.Close()
	}
	s.mu.Lock()
	for c := range s.open {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}
