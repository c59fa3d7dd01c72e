package engine

import (
	"bytes"
	"context"
	"net"
	"testing"

	"hakeep/proxy"
)

// rawBackend answers every request it reads with a fixed response, one
// response per read that ends a head (enough for one request in flight
// per connection), without allocating per request.
func rawBackend(tb testing.TB, resp []byte) net.Listener {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 16384)
				n := 0
				for {
					m, err := c.Read(buf[n:])
					if err != nil {
						return
					}
					n += m
					for {
						i := bytes.Index(buf[:n], []byte("\r\n\r\n"))
						if i < 0 {
							break
						}
						copy(buf, buf[i+4:n])
						n -= i + 4
						if _, err := c.Write(resp); err != nil {
							return
						}
					}
				}
			}()
		}
	}()
	return ln
}

func benchHTTP(b *testing.B, p *proxy.Proxy, req []byte, respLen int) {
	e, err := New(&proxy.Config{Proxies: []*proxy.Proxy{p}}, Deps{})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.Open(); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	defer func() { cancel(); <-done }()
	var addr string
	for _, a := range e.Addrs() {
		addr = a
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 65536)
	roundTrip := func() {
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		got := 0
		for got < respLen {
			n, err := c.Read(buf)
			if err != nil {
				b.Fatal(err)
			}
			got += n
		}
	}
	// warm the pools and the server connection
	for i := 0; i < 100; i++ {
		roundTrip()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		roundTrip()
	}
}

// BenchmarkHTTPKeepAlive is the keep-alive forwarding path: one client
// connection, requests one after the other, server connections reused.
// It must not allocate.
func BenchmarkHTTPKeepAlive(b *testing.B) {
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	be := rawBackend(b, resp)
	p := listen(&proxy.Proxy{Name: "h", Mode: proxy.ModeHTTP, Servers: []*proxy.Server{serverAt("s1", be.Addr())}})
	req := []byte("GET /index.html HTTP/1.1\r\nHost: bench\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n")
	// the client sees lower-case names: "content-length"
	benchHTTP(b, p, req, len(resp))
}

// BenchmarkHTTPKeepAliveForwardFor adds "option forwardfor".
func BenchmarkHTTPKeepAliveForwardFor(b *testing.B) {
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	be := rawBackend(b, resp)
	p := listen(&proxy.Proxy{Name: "h", Mode: proxy.ModeHTTP, ForwardFor: &proxy.ForwardFor{},
		Servers: []*proxy.Server{serverAt("s1", be.Addr())}})
	req := []byte("GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
	benchHTTP(b, p, req, len(resp))
}

// BenchmarkHTTPKeepAlivePost sends a small body with the head.
func BenchmarkHTTPKeepAlivePost(b *testing.B) {
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	be := rawBackend(b, resp)
	p := listen(&proxy.Proxy{Name: "h", Mode: proxy.ModeHTTP, Servers: []*proxy.Server{serverAt("s1", be.Addr())}})
	req := []byte("POST /form HTTP/1.1\r\nHost: bench\r\nContent-Length: 11\r\n\r\nhello world")
	benchHTTP(b, p, req, len(resp))
}
