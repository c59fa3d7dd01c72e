package dataplane

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestE2EProxyProtocolIn: "accept-proxy" takes the client's address from
// the PROXY header (v1 and v2), which X-Forwarded-For then shows; a
// connection without a valid header is closed.
func TestE2EProxyProtocolIn(t *testing.T) {
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fmt.Fprint(rw, r.Header.Get("X-Forwarded-For"))
	}))
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s accept-proxy
    option forwardfor
    server s %s
`, fe, w.Addr), fe)
	req := "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
	v2 := "\r\n\r\n\x00\r\nQUIT\n" + "\x21\x11\x00\x0c" + "\xc6\x33\x64\x09" + "\xc0\x00\x02\x01" + "\x30\x39" + "\x01\xbb"
	cases := []struct{ name, send, want string }{
		{"v1", "PROXY TCP4 192.0.2.44 192.0.2.1 12345 443\r\n" + req, "192.0.2.44"},
		{"v1-tcp6", "PROXY TCP6 2001:db8::7 2001:db8::1 12345 443\r\n" + req, "2001:db8::7"},
		{"v2", v2 + req, "198.51.100.9"},
	}
	for _, c := range cases {
		out := rawRequest(t, fe, c.send, 5*time.Second)
		if !strings.HasPrefix(out, "HTTP/1.1 200") || !strings.HasSuffix(out, c.want) {
			t.Errorf("%s: %q, want a 200 ending in %q", c.name, out, c.want)
		}
	}
	if out := rawRequest(t, fe, req, 5*time.Second); out != "" {
		t.Errorf("no PROXY header: %q, want a silent close", out)
	}
}

// TestE2EProxyProtocolOut: "send-proxy" and "send-proxy-v2" put the
// client's addresses in front of the stream to the server.
func TestE2EProxyProtocolOut(t *testing.T) {
	got := make(chan []byte, 2)
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetReadDeadline(time.Now().Add(5 * time.Second))
				br := bufio.NewReader(c)
				var b []byte
				// the v2 signature starts with CRLF CRLF: read up to the
				// end of the request head
				for !strings.HasSuffix(string(b), "host: x\r\n\r\n") {
					x, err := br.ReadByte()
					if err != nil {
						return
					}
					b = append(b, x)
				}
				got <- b
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
			}()
		}
	}()
	fe1, fe2 := freeAddr(t, "127.0.0.1"), freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(httpDefaults+`
listen v1
    bind %s
    server s %s send-proxy
listen v2
    bind %s
    server s %s send-proxy-v2
`, fe1, ln.Addr(), fe2, ln.Addr()), fe1, fe2)

	c, err := net.Dial("tcp", fe1)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	b := <-got
	_, lport, _ := net.SplitHostPort(c.LocalAddr().String())
	_, fport, _ := net.SplitHostPort(fe1)
	want := "PROXY TCP4 127.0.0.1 127.0.0.1 " + lport + " " + fport + "\r\nGET / HTTP/1.1\r\nhost: x\r\n\r\n"
	if string(b) != want {
		t.Fatalf("v1: server got %q, want %q", b, want)
	}

	c2, err := net.Dial("tcp", fe2)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	c2.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	b = <-got
	if !strings.HasPrefix(string(b), "\r\n\r\n\x00\r\nQUIT\n\x21\x11\x00\x0c\x7f\x00\x00\x01\x7f\x00\x00\x01") ||
		!strings.HasSuffix(string(b), "GET / HTTP/1.1\r\nhost: x\r\n\r\n") {
		t.Fatalf("v2: server got %q", b)
	}
}
