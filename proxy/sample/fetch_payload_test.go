package sample

import (
	"crypto/tls"
	"net"
	"testing"
	"time"
)

// evalRaw evaluates expr as a string on a TCP stream whose request
// buffer holds req; may tells whether the fetch asked to wait.
func evalRaw(t *testing.T, expr string, req []byte, final bool) (string, bool, bool) {
	t.Helper()
	e, _, err := (&Context{Registry: NewRegistry()}).ParseExpr([]string{expr}, 0)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	c := NewCtx(0)
	c.Raw, c.ReqData, c.Final = true, req, final
	var s Sample
	if !e.Eval(c, &s) {
		return "", false, s.MayChange
	}
	if !c.Cast(&s, Str) {
		t.Fatalf("%s: no string", expr)
	}
	return string(s.Str), true, s.MayChange
}

func TestPayloadFetches(t *testing.T) {
	cases := []struct {
		expr, data, want string
		ok, may          bool
	}{
		{"req.len", "hello", "5", true, true},
		{"req.payload(1,3)", "hello", "ell", true, false},
		{"req.payload(3,3)", "hello", "", false, true},
		{"req.payload(2,0)", "hello", "llo", true, true},
		{"req.payload_lv(0,1)", "\x03badx", "bad", true, false},
		{"req.payload_lv(0,1)", "\x05bad", "", false, true},
		{"req.payload_lv(0,1)", "\x00bad", "", false, false},
		{"req.payload_lv(0,1,+1)", "\x02xyz", "yz", true, false},
		{"req.payload_lv(0,1,3)", "\x01abcd", "c", true, false},
		{"wait_end", "", "", false, true},
		{"rdp_cookie(mstshash)", "\x03\x00\x00\x2a\x25\xe0\x00\x00\x00\x00\x00Cookie: mstshash=alice\r\n", "alice", true, false},
		{"rdp_cookie_cnt", "\x03\x00\x00\x2a\x25\xe0\x00\x00\x00\x00\x00Cookie: mstshash=alice\r\n", "1", true, false},
		{"rdp_cookie", "\x03\x00\x00\x2a\x25\xe0\x00\x00\x00\x00\x00Cookie: mstshash=al", "", false, true},
	}
	for _, c := range cases {
		got, ok, may := evalRaw(t, c.expr, []byte(c.data), false)
		if got != c.want || ok != c.ok || may != c.may {
			t.Errorf("%s on %q: %q %v may=%v, want %q %v may=%v", c.expr, c.data, got, ok, may, c.want, c.ok, c.may)
		}
	}
	if got, ok, _ := evalRaw(t, "wait_end", nil, true); !ok || got != "1" {
		t.Errorf("wait_end when final: %q %v", got, ok)
	}
}

// clientHello is the first record a Go TLS client sends.
func clientHello(t *testing.T, sni string, alpn []string) []byte {
	t.Helper()
	a, b := net.Pipe()
	go func() {
		c := tls.Client(a, &tls.Config{ServerName: sni, NextProtos: alpn, InsecureSkipVerify: true,
			MinVersion: tls.VersionTLS12})
		c.SetDeadline(time.Now().Add(2 * time.Second))
		c.Handshake()
		a.Close()
	}()
	b.SetDeadline(time.Now().Add(2 * time.Second))
	hdr := make([]byte, 5)
	if _, err := readFull(b, hdr); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, int(hdr[3])<<8|int(hdr[4]))
	if _, err := readFull(b, body); err != nil {
		t.Fatal(err)
	}
	b.Close()
	return append(hdr, body...)
}

func readFull(c net.Conn, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := c.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func TestClientHelloFetches(t *testing.T) {
	hello := clientHello(t, "www.example.com", []string{"h2", "http/1.1"})
	for _, c := range []struct{ expr, want string }{
		{"req.ssl_sni", "www.example.com"},
		{"req.ssl_hello_type", "1"},
		{"req.ssl_ver", "196611"}, // 0x00030003 (major<<16 + minor): the hello says TLS 1.2
		{"req.ssl_alpn", "h2"},
		{"req.ssl_ec_ext", "1"},
		{"req.ssl_st_ext", "0"}, // Go sends no SessionTicket extension
	} {
		got, ok, _ := evalRaw(t, c.expr, hello, false)
		if !ok || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.expr, got, ok, c.want)
		}
	}
	// half a hello: wait for the rest
	if _, ok, may := evalRaw(t, "req.ssl_sni", hello[:len(hello)/2], false); ok || !may {
		t.Errorf("half a hello: ok=%v may=%v, want a wait", ok, may)
	}
	// not TLS at all
	if _, ok, may := evalRaw(t, "req.ssl_sni", []byte("GET / HTTP/1.1\r\n"), false); ok || may {
		t.Errorf("plain text: ok=%v may=%v, want a plain failure", ok, may)
	}
}
