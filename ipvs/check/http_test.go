package check

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"
)

// httpServer answers each connection with respond(request) and closes it
// unless respond says to hang.
func httpServer(t *testing.T, cfg *tls.Config, respond func(req string) (resp string, hang bool)) (netip.AddrPort, chan string) {
	t.Helper()
	ln, a := listen(t)
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
	}
	reqs := make(chan string, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				var req strings.Builder
				for {
					l, err := r.ReadString('\n')
					req.WriteString(l)
					if err != nil || l == "\r\n" {
						break
					}
				}
				reqs <- req.String()
				resp, hang := respond(req.String())
				c.Write([]byte(resp))
				if hang {
					time.Sleep(5 * time.Second)
				}
			}(c)
		}
	}()
	return a, reqs
}

func fixed(resp string) func(string) (string, bool) {
	return func(string) (string, bool) { return resp, false }
}

func get(t *testing.T, r *HTTPRequest) (*HTTPResponse, error) {
	t.Helper()
	if r.Conn.Timeout == 0 {
		r.Conn.Timeout = time.Second
	}
	return HTTPGet(context.Background(), r)
}

func TestHTTPRequestAndDigest(t *testing.T) {
	a, reqs := httpServer(t, nil, fixed("HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nhello world\n"))
	resp, err := get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/x", Digest: true})
	if err != nil {
		t.Fatal(err)
	}
	want := md5.Sum([]byte("hello world\n"))
	if !resp.Extracted || resp.StatusCode != 200 || resp.ContentLength != 12 || resp.RxBytes != 12 || !bytes.Equal(resp.Digest, want[:]) {
		t.Errorf("response %+v", resp)
	}
	if got, w := <-reqs, "GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: "+a.String()+"\r\n\r\n"; got != w {
		t.Errorf("request %q, want %q", got, w)
	}
	get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/", Host: "www.example.com", Protocol: "1.1"})
	if got, w := <-reqs, "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.com\r\n\r\n"; got != w {
		t.Errorf("request %q, want %q", got, w)
	}
	get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/", Protocol: "1.0C"})
	if got := <-reqs; !strings.HasPrefix(got, "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n") {
		t.Errorf("1.0C request %q", got)
	}
}

// The digest covers Content-Length bytes when the header gives it.
func TestHTTPContentLength(t *testing.T) {
	for _, c := range []struct {
		resp   string
		body   string
		cl, rx int64
	}{
		{"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello world\n", "hello", 5, 12},
		{"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nabc", "abc", 100, 3},
		{"HTTP/1.0 200 OK\r\n\r\nabc", "abc", -1, 3},
		// extract_content_length() is case sensitive...
		{"HTTP/1.0 200 OK\r\ncontent-length: 1\r\n\r\nabc", "abc", -1, 3},
		// ...and reads it in the body too.
		{"HTTP/1.0 200 OK\r\n\r\nContent-Length: 2\r\nabc", "Co", 2, 22},
	} {
		a, _ := httpServer(t, nil, fixed(c.resp))
		resp, err := get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/", Digest: true})
		if err != nil {
			t.Fatal(err)
		}
		want := md5.Sum([]byte(c.body))
		if resp.ContentLength != c.cl || resp.RxBytes != c.rx || !bytes.Equal(resp.Digest, want[:]) {
			t.Errorf("%q: length %d received %d digest %x, want %d %d %x", c.resp, resp.ContentLength, resp.RxBytes, resp.Digest, c.cl, c.rx, want)
		}
	}
}

func TestHTTPStatusCode(t *testing.T) {
	for resp, want := range map[string]int{
		"HTTP/1.0 404 Not Found\r\n\r\n": 404,
		"HTTP/1.1 503 x\r\n\r\n":         503,
		// extract_status_code() wants a space after the three digits.
		"HTTP/1.0 200\r\n\r\n":     0,
		"HTTP/1.0 20 OK\r\n\r\n":   0,
		"HTTP/1.0 2000 OK\r\n\r\n": 0,
	} {
		a, _ := httpServer(t, nil, fixed(resp))
		r, err := get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/"})
		if err != nil {
			t.Fatal(err)
		}
		if r.StatusCode != want {
			t.Errorf("%q: status %d, want %d", resp, r.StatusCode, want)
		}
	}
}

func TestHTTPRegex(t *testing.T) {
	a, _ := httpServer(t, nil, fixed("HTTP/1.0 200 OK\r\n\r\n<html>status: ok</html>"))
	for _, c := range []struct {
		re       string
		min, max int
		want     bool
	}{
		{"status: ok", 0, 0, true},
		{"status: bad", 0, 0, false},
		{"HTTP/1.0", 0, 0, true}, // the header is part of what keepalived matches
		{"status", 20, 0, true},
		{"status", 30, 0, false},
		{"status", 0, 25, false},
		{"status", 0, 26, true},
	} {
		r, err := get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/", Regex: regexp.MustCompile(c.re), RegexMin: c.min, RegexMax: c.max})
		if err != nil {
			t.Fatal(err)
		}
		if r.RegexMatched != c.want {
			t.Errorf("%q [%d,%d): matched %v, want %v", c.re, c.min, c.max, r.RegexMatched, c.want)
		}
	}
}

func httpMsg(err error) string {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Msg
	}
	return ""
}

func TestHTTPFailures(t *testing.T) {
	if msg := httpMsg(func() error { _, err := get(t, &HTTPRequest{Conn: Conn{Dst: closedPort(t)}, Path: "/"}); return err }()); msg != "HTTP_CHECK - network unreachable" && msg != "Connection failed" {
		t.Errorf("refused: %q", msg)
	}
	silent, _ := httpServer(t, nil, func(string) (string, bool) { return "", true })
	if _, err := get(t, &HTTPRequest{Conn: Conn{Dst: silent, Timeout: 300 * time.Millisecond}, Path: "/"}); httpMsg(err) != "Timeout WEB read" {
		t.Errorf("no answer: %v", err)
	}
	partial, _ := httpServer(t, nil, func(string) (string, bool) { return "HTTP/1.0 200 OK\r\n", true })
	if _, err := get(t, &HTTPRequest{Conn: Conn{Dst: partial, Timeout: 300 * time.Millisecond}, Path: "/"}); httpMsg(err) != "Timeout HTTP read" {
		t.Errorf("answer cut: %v", err)
	}
	if _, err := get(t, &HTTPRequest{Conn: Conn{Dst: fullListener(t), Timeout: 300 * time.Millisecond}, Path: "/"}); httpMsg(err) != "Timeout connecting" {
		t.Errorf("no connection: %v", err)
	}
	closes, _ := httpServer(t, nil, fixed("HTTP/1.0 200 OK\r\n"))
	r, err := get(t, &HTTPRequest{Conn: Conn{Dst: closes}, Path: "/"})
	if err != nil || r.Extracted {
		t.Errorf("closed before the header's end: %+v %v, want no data", r, err)
	}
}

func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "check.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

// SSL_GET does not verify the server, and sends SNI when asked.
func TestHTTPTLS(t *testing.T) {
	srv := selfSigned(t)
	sni := make(chan string, 1)
	srv.GetConfigForClient = func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		sni <- h.ServerName
		return nil, nil
	}
	a, _ := httpServer(t, srv, fixed("HTTP/1.0 200 OK\r\n\r\nsecure"))
	r, err := get(t, &HTTPRequest{Conn: Conn{Dst: a}, Path: "/", TLS: &tls.Config{InsecureSkipVerify: true, ServerName: "www.example.com"}, Digest: true})
	if err != nil {
		t.Fatal(err)
	}
	want := md5.Sum([]byte("secure"))
	if r.StatusCode != 200 || !bytes.Equal(r.Digest, want[:]) {
		t.Errorf("response %+v", r)
	}
	if got := <-sni; got != "www.example.com" {
		t.Errorf("SNI %q", got)
	}
	ln, plain := listen(t)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("HTTP/1.0 200 OK\r\n\r\n"))
			c.Close()
		}
	}()
	if _, err := get(t, &HTTPRequest{Conn: Conn{Dst: plain}, Path: "/", TLS: &tls.Config{InsecureSkipVerify: true}}); httpMsg(err) != "SSL handshake/communication error connecting to" {
		t.Errorf("TLS to a plain server: %v", err)
	}
}

func TestDumpBuffer(t *testing.T) {
	var b bytes.Buffer
	DumpBuffer(&b, []byte("HTTP/1.0 200 OK\r\nContent-Length:"))
	want := "0000  48 54 54 50 2f 31 2e 30 - 20 32 30 30 20 4f 4b 0d   HTTP/1.0 200 OK.\n" +
		"0016  0a 43 6f 6e 74 65 6e 74 - 2d 4c 65 6e 67 74 68 3a   .Content-Length:\n"
	if b.String() != want {
		t.Errorf("dump\n%s\nwant\n%s", b.String(), want)
	}
}
