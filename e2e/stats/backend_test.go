package stats_e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// origin is an HTTP/1.1 server answering fixed bytes: "/status/NNN"
// gets that status, anything else 200; every answer carries the same
// headers and a body naming the server, so that byte counters are the
// same whichever proxy forwarded the request.
type origin struct {
	name string
	ln   net.Listener
}

func startOrigin(t *testing.T, name string) *origin {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o := &origin{name: name, ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go o.serve(c)
		}
	}()
	return o
}

func (o *origin) port() string { return strconv.Itoa(o.ln.Addr().(*net.TCPAddr).Port) }

func (o *origin) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		// the rest of the head; requests here carry no body
		length, closeAfter := 0, false
		for {
			h, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if h == "\r\n" || h == "\n" {
				break
			}
			if k, v, ok := strings.Cut(h, ":"); ok && strings.EqualFold(k, "content-length") {
				length, _ = strconv.Atoi(strings.TrimSpace(v))
			}
			if k, v, ok := strings.Cut(h, ":"); ok && strings.EqualFold(k, "connection") && strings.EqualFold(strings.TrimSpace(v), "close") {
				closeAfter = true
			}
		}
		io.CopyN(io.Discard, br, int64(length))
		status := 200
		parts := strings.Fields(line)
		if len(parts) > 1 && strings.HasPrefix(parts[1], "/status/") {
			status, _ = strconv.Atoi(strings.TrimPrefix(parts[1], "/status/"))
		}
		body := "served by " + o.name + "\n"
		resp := fmt.Sprintf("HTTP/1.1 %d X\r\ncontent-type: text/plain\r\ncontent-length: %d\r\n\r\n%s", status, len(body), body)
		if _, err := io.WriteString(c, resp); err != nil || closeAfter {
			return
		}
	}
}

// get sends one request on its own connection ("Connection: close") and
// returns the status code and the whole answer.
func get(t *testing.T, port, path string, extra ...string) (int, string) {
	t.Helper()
	return rawRequest(t, port, "GET "+path+" HTTP/1.1\r\nhost: test\r\n"+strings.Join(extra, "")+"connection: close\r\n\r\n")
}

// rawRequest sends bytes and reads the answer until the proxy closes.
func rawRequest(t *testing.T, port, req string) (int, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, req)
	b, _ := io.ReadAll(c)
	s := string(b)
	code := 0
	if f := strings.Fields(s); len(f) > 1 {
		code, _ = strconv.Atoi(f[1])
	}
	return code, s
}

// tcpExchange opens a connection, sends an HTTP request as bytes through
// a "mode tcp" proxy and reads until the server's answer is complete.
func tcpExchange(t *testing.T, port string) string {
	t.Helper()
	_, s := rawRequest(t, port, "GET /tcp HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n")
	return s
}
