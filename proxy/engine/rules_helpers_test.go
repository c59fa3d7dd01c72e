package engine

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/haproxy/config"
	"hakeep/proxy"
)

// loadRules decodes a haproxy.cfg text as the binary does, so that rule
// tests are written in the configuration language; "@S1@" is replaced by
// the first back end's address and "@FE@" by a free loopback address.
func loadRules(t *testing.T, text string, s1 net.Addr) *proxy.Config {
	t.Helper()
	if s1 != nil {
		text = strings.ReplaceAll(text, "@S1@", s1.String())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	text = strings.ReplaceAll(text, "@FE@", ln.Addr().String())
	ln.Close()
	f := filepath.Join(t.TempDir(), "h.cfg")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res := config.Load([]string{f}, config.Options{})
	if res.Config == nil {
		t.Fatalf("configuration refused: %v", res.Messages)
	}
	return res.Config
}

// headerBackend answers each request with the value of its X-Show
// header as the body, on keep-alive connections.
func headerBackend(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					v := req.Header.Get("X-Show")
					c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: " + itoa(len(v)) + "\r\n\r\n" + v))
				}
			}()
		}
	}()
	return ln
}

// client is a keep-alive test client of the proxy.
type client struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &client{t: t, c: c, br: bufio.NewReader(c)}
}

// get sends a request and returns the response's status and body.
func (cl *client) get(raw string) (int, string) {
	cl.t.Helper()
	cl.c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := cl.c.Write([]byte(raw)); err != nil {
		cl.t.Fatal(err)
	}
	resp, err := http.ReadResponse(cl.br, nil)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b := make([]byte, 4096)
	n, _ := resp.Body.Read(b)
	return resp.StatusCode, string(b[:n])
}
