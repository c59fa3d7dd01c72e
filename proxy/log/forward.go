package log

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/listener"
	"hakeep/proxy/log/syslog"
)

// forward is a "log-forward" section (configuration.txt section 3.10):
// syslog messages received on its "dgram-bind" (UDP) and "bind" (TCP)
// addresses go on to its "log" targets, their priority, timestamp, host,
// tag and structured data kept (syslog_fd_handler(),
// syslog_io_handler()).
type forward struct {
	l       *Logger
	name    string
	targets []*target
	udp     []net.PacketConn
	tcp     []net.Listener
	// conns bounds the TCP connections ("maxconn"); nil: no limit.
	conns chan struct{}
	// timeout is "timeout client" for TCP connections.
	timeout time.Duration
	// bufSize is the largest message (tune.bufsize).
	bufSize int
}

// newForward opens a log-forward section's sockets.
func (l *Logger) newForward(lf *proxy.LogForward, bufSize int) (*forward, error) {
	pl, err := l.proxyLog(lf.Name, lf.Logs, l.globalMeta.Tag)
	if err != nil {
		return nil, err
	}
	f := &forward{l: l, name: lf.Name, targets: pl.targets, timeout: lf.TimeoutClient, bufSize: bufSize}
	if lf.MaxConn > 0 {
		f.conns = make(chan struct{}, lf.MaxConn)
	}
	for _, b := range lf.DgramBinds {
		for _, a := range listener.Expand(b) {
			network, addr, err := bindAddr(a, true)
			if err != nil {
				f.close()
				return nil, err
			}
			pc, err := net.ListenPacket(network, addr)
			if err != nil {
				f.close()
				return nil, fmt.Errorf("log-forward '%s': cannot bind '%s': %w", lf.Name, b.Spec, err)
			}
			f.udp = append(f.udp, pc)
		}
	}
	for _, b := range lf.Binds {
		for _, a := range listener.Expand(b) {
			network, addr, err := bindAddr(a, false)
			if err != nil {
				f.close()
				return nil, err
			}
			ln, err := net.Listen(network, addr)
			if err != nil {
				f.close()
				return nil, fmt.Errorf("log-forward '%s': cannot bind '%s': %w", lf.Name, b.Spec, err)
			}
			f.tcp = append(f.tcp, ln)
		}
	}
	return f, nil
}

// bindAddr is where to listen for one address of a bind line.
func bindAddr(a listener.Addr, dgram bool) (string, string, error) {
	switch a.Family {
	case proxy.FamilyInet:
		network := "tcp"
		if dgram {
			network = "udp"
		}
		host := ""
		if a.Addr.IsValid() && !a.Addr.IsUnspecified() {
			host = a.Addr.String()
		}
		return network, net.JoinHostPort(host, strconv.Itoa(a.Port)), nil
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		path := a.Path
		if a.Family == proxy.FamilyAbstract {
			path = "@" + path
		}
		if dgram {
			return "unixgram", path, nil
		}
		return "unix", path, nil
	}
	return "", "", fmt.Errorf("unsupported log-forward address '%s'", a.Raw)
}

func (f *forward) close() {
	for _, c := range f.udp {
		c.Close()
	}
	for _, ln := range f.tcp {
		ln.Close()
	}
}

// run serves the section's sockets until ctx ends.
func (f *forward) run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, pc := range f.udp {
		wg.Add(1)
		go func() { defer wg.Done(); f.serveUDP(pc) }()
	}
	for _, ln := range f.tcp {
		wg.Add(1)
		go func() { defer wg.Done(); f.serveTCP(ctx, ln) }()
	}
	<-ctx.Done()
	f.close()
	wg.Wait()
}

func (f *forward) serveUDP(pc net.PacketConn) {
	buf := make([]byte, f.bufSize)
	for {
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		f.deliver(buf[:n])
	}
}

func (f *forward) serveTCP(ctx context.Context, ln net.Listener) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		if f.conns != nil {
			select {
			case f.conns <- struct{}{}:
			case <-ctx.Done():
				return
			}
		}
		c, err := ln.Accept()
		if err != nil {
			if f.conns != nil {
				<-f.conns
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			stop := context.AfterFunc(ctx, func() { c.Close() })
			defer stop()
			f.serveConn(c)
			c.Close()
			if f.conns != nil {
				<-f.conns
			}
		}()
	}
}

// serveConn reads messages framed by a line feed (a message starting
// with '<') or by octet counting ("<length> <message>", RFC 6587); any
// other framing, or a message larger than a buffer, closes the
// connection.
func (f *forward) serveConn(c net.Conn) {
	r := bufio.NewReaderSize(c, f.bufSize)
	msg := make([]byte, 0, f.bufSize)
	for {
		if f.timeout > 0 {
			c.SetReadDeadline(time.Now().Add(f.timeout))
		}
		first, err := r.Peek(1)
		if err != nil {
			return
		}
		switch {
		case first[0] == '<':
			line, err := r.ReadSlice('\n')
			if err != nil {
				return
			}
			line = line[:len(line)-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
			f.deliver(line)
		case first[0] >= '1' && first[0] <= '9':
			word, err := r.ReadSlice(' ')
			if err != nil {
				return
			}
			n, err := strconv.Atoi(string(word[:len(word)-1]))
			if err != nil || n <= 0 || n > f.bufSize {
				return
			}
			msg = msg[:n]
			if _, err := io.ReadFull(r, msg); err != nil {
				return
			}
			f.deliver(msg)
		default:
			return
		}
	}
}

// deliver sends one received message to every target.
func (f *forward) deliver(b []byte) {
	level, facility, meta, text := syslog.Parse(b)
	now := f.l.now()
	for _, t := range f.targets {
		t.send(f.l.pool, level, facility, &meta, now, text)
	}
}
