package checks_e2e

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// fake is a scripted server one scenario's checks talk to. Each accepted
// connection plays the next entry of its script (the last one repeats).
//
// Script entries: "200", "503:body", "200:body" answer an HTTP request;
// "line:text" writes text (agents, tcp-check) at once; "silent" keeps the
// connection open without a word; "close" closes at once.
type fake struct {
	name   string
	kind   string
	script []string

	mu sync.Mutex
	// requests are the first bytes each connection sent (http and
	// agent kinds, the first few connections).
	requests []string
	ln       net.Listener
	port     int
	times    []time.Time
	served   chan int
	// stopped: the socket stays bound but does not listen, so that
	// connections are refused and nobody else takes the port meanwhile
	stopped bool
	// refuseFD is the bound, never listening socket of a "refuse" fake
	// (or the full one of a "full" fake).
	refuseFD int
	fillers  []net.Conn
	// tls wraps accepted connections ("tls" kind).
	tls *tls.Config
}

func newFake(name, kind string, script []string) (*fake, error) {
	f := &fake{name: name, kind: kind, script: script, served: make(chan int, 1000), refuseFD: -1}
	if kind == "full" {
		// listening with no room left and never accepting: SYNs are
		// dropped and connections time out
		fd, port, err := boundSocket()
		if err != nil {
			return nil, err
		}
		if err := unix.Listen(fd, 0); err != nil {
			unix.Close(fd)
			return nil, err
		}
		f.refuseFD, f.port = fd, port
		for i := 0; i < 2; i++ {
			if c, err := net.DialTimeout("tcp", f.addr(), 200*time.Millisecond); err == nil {
				f.fillers = append(f.fillers, c)
			}
		}
		return f, nil
	}
	if kind == "refuse" {
		// bound but not listening: connections get a reset, and the
		// port is not handed to anyone else while the test runs
		fd, port, err := boundSocket()
		if err != nil {
			return nil, err
		}
		f.refuseFD, f.port = fd, port
		return f, nil
	}
	// the kernel picks the port for a placeholder socket, then the
	// listener binds it by number beside it (both SO_REUSEADDR): only an
	// explicitly bound port survives stop() (SOCK_BINDPORT_LOCK), and the
	// placeholder keeps anyone else from taking the port meanwhile
	hold, port, err := boundSocket()
	if err != nil {
		return nil, err
	}
	defer unix.Close(hold)
	f.port = port
	ln, err := net.Listen("tcp", f.addr())
	if err != nil {
		return nil, err
	}
	f.ln = ln
	if kind == "tls" {
		cert, err := selfSigned()
		if err != nil {
			return nil, err
		}
		f.tls = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	go f.accept(ln)
	return f, nil
}

// selfSigned makes a throwaway certificate for "tls" fakes.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fake"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// boundSocket is a TCP socket bound to a free loopback port, not
// listening, with SO_REUSEADDR.
func boundSocket() (int, int, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, 0, err
	}
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		unix.Close(fd)
		return -1, 0, err
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		unix.Close(fd)
		return -1, 0, err
	}
	return fd, sa.(*unix.SockaddrInet4).Port, nil
}

// control runs fn on the listening socket.
func (f *fake) control(fn func(fd int) error) error {
	rc, err := f.ln.(*net.TCPListener).SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = fn(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

func (f *fake) addr() string { return "127.0.0.1:" + strconv.Itoa(f.port) }

// close releases the fake.
func (f *fake) close() {
	for _, c := range f.fillers {
		c.Close()
	}
	if f.refuseFD >= 0 {
		unix.Close(f.refuseFD)
	}
	if f.ln != nil {
		f.ln.Close()
	}
}

// stop makes the server refuse connections: shutting a listening socket
// down on Linux takes it out of the listening state but keeps it bound.
func (f *fake) stop() error {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	return f.control(func(fd int) error { return unix.Shutdown(fd, unix.SHUT_RD) })
}

// start listens again on the same socket.
func (f *fake) start() error {
	f.mu.Lock()
	f.stopped = false
	f.mu.Unlock()
	if err := f.control(func(fd int) error { return unix.Listen(fd, 128) }); err != nil {
		return err
	}
	go f.accept(f.ln)
	return nil
}

func (f *fake) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, syscall.EINVAL) {
				return // stopped: start() accepts again
			}
			return
		}
		f.mu.Lock()
		n := len(f.times)
		f.times = append(f.times, time.Now())
		f.mu.Unlock()
		if f.tls != nil {
			c = tls.Server(c, f.tls)
		}
		go f.serve(c, n)
	}
}

func (f *fake) serve(c net.Conn, n int) {
	defer func() {
		c.Close()
		f.served <- n
	}()
	if len(f.script) == 0 {
		time.Sleep(50 * time.Millisecond)
		return
	}
	step := f.script[min(n, len(f.script)-1)]
	switch {
	case step == "close":
		return
	case step == "silent":
		time.Sleep(3 * time.Second)
		return
	case f.kind == "agent":
		// an agent reads what it is sent, says its line and hangs up
		c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		buf := make([]byte, 512)
		k, _ := c.Read(buf)
		f.keep(n, string(buf[:k]))
		c.Write([]byte(strings.ReplaceAll(strings.TrimPrefix(step, "line:"), `\n`, "\n")))
		return
	case strings.HasPrefix(step, "smtp:"):
		// banner, then the answer to the client's first line
		banner, reply, _ := strings.Cut(step[5:], "|")
		c.Write([]byte(banner))
		c.SetReadDeadline(time.Now().Add(time.Second))
		l, _ := bufio.NewReader(c).ReadString('\n')
		f.keep(n, l)
		c.Write([]byte(reply))
		time.Sleep(20 * time.Millisecond)
		return
	case strings.HasPrefix(step, "line:"):
		c.Write([]byte(strings.ReplaceAll(step[5:], `\n`, "\n")))
		c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		c.Read(make([]byte, 512))
		return
	}
	// an HTTP exchange: read the request's head, answer "code[:body]"
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	r := bufio.NewReader(c)
	var head bytes.Buffer
	for {
		l, err := r.ReadString('\n')
		head.WriteString(l)
		if err != nil || l == "\r\n" || l == "\n" {
			break
		}
	}
	f.keep(n, head.String())
	code, body, _ := strings.Cut(step, ":")
	reason := map[string]string{"200": "OK", "404": "Not Found", "500": "Internal Server Error", "503": "Service Unavailable"}[code]
	c.Write([]byte("HTTP/1.1 " + code + " " + reason + "\r\nContent-Length: " + strconv.Itoa(len(body)) +
		"\r\nConnection: close\r\n\r\n" + body))
}

// keep records what connection n sent, for the first three.
func (f *fake) keep(n int, s string) {
	if n >= 3 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.requests) <= n {
		f.requests = append(f.requests, "")
	}
	f.requests[n] = s
}

// intervals are the milliseconds between accepted connections.
func (f *fake) intervals() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []int
	for i := 1; i < len(f.times); i++ {
		out = append(out, int(f.times[i].Sub(f.times[i-1])/time.Millisecond))
	}
	return out
}

// waitServed waits until connection n (from 0) was answered.
func (f *fake) waitServed(n int, limit time.Duration) bool {
	deadline := time.After(limit)
	for {
		select {
		case got := <-f.served:
			if got >= n {
				return true
			}
		case <-deadline:
			return false
		}
	}
}
