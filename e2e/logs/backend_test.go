package logs

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// backend is the test's HTTP server: "/slow" answers after a second (past
// "timeout server"), "/missing" is a 404, anything else a 200 with a
// response header and a cookie to capture.
type backend struct {
	ln net.Listener
	wg sync.WaitGroup
}

func startBackend(t *testing.T) *backend {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &backend{ln: ln}
	b.wg.Add(1)
	go b.serve()
	t.Cleanup(func() { ln.Close(); b.wg.Wait() })
	return b
}

func (b *backend) port() int { return b.ln.Addr().(*net.TCPAddr).Port }

func (b *backend) serve() {
	defer b.wg.Done()
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			b.handle(c)
		}()
	}
}

func (b *backend) handle(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	first, err := r.ReadString('\n')
	if err != nil {
		return
	}
	for {
		l, err := r.ReadString('\n')
		if err != nil || l == "\r\n" || l == "\n" {
			break
		}
	}
	path := ""
	if f := strings.Fields(first); len(f) > 1 {
		path = f[1]
	}
	switch {
	case strings.HasPrefix(path, "/slow"):
		time.Sleep(1500 * time.Millisecond)
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nslow\n"))
	case strings.HasPrefix(path, "/missing"):
		c.Write([]byte("HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nX-R: nf\r\nConnection: close\r\n\r\nnot found\n"))
	default:
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-R: r#1{x}\r\nSet-Cookie: SID=srv42; path=/\r\nConnection: close\r\n\r\nhello\n"))
	}
}
