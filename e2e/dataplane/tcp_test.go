package dataplane

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestE2ETCPRelayHalfClose: mode tcp relays bytes exactly, and a client's
// half-close reaches the server, which can still answer.
func TestE2ETCPRelayHalfClose(t *testing.T) {
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
				b, _ := io.ReadAll(c) // until the forwarded FIN
				if len(b) < 4 {
					return // the start-up probe
				}
				fmt.Fprintf(c, "got %d bytes, last %q", len(b), b[len(b)-4:])
			}()
		}
	}()
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(`
defaults
    mode tcp
    timeout connect 2s
    timeout client 10s
    timeout server 10s
listen t
    bind %s
    server s %s
`, fe, ln.Addr()), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	payload := strings.Repeat("\x00\x01binary\xff", 100000) + "tail"
	go func() {
		c.Write([]byte(payload))
		c.(*net.TCPConn).CloseWrite()
	}()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	out, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("got %d bytes, last %q", len(payload), "tail")
	if string(out) != want {
		t.Fatalf("%q, want %q", out, want)
	}
}

// TestE2ETCPServerFirst: a server that speaks first (SMTP-like) is
// relayed before the client sends anything.
func TestE2ETCPServerFirst(t *testing.T) {
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
				c.Write([]byte("220 ready\r\n"))
				br := bufio.NewReader(c)
				l, _ := br.ReadString('\n')
				c.Write([]byte("250 " + l))
			}()
		}
	}()
	fe := freeAddr(t, "127.0.0.1")
	ours(t, fmt.Sprintf(`
defaults
    mode tcp
    timeout connect 2s
    timeout client 10s
    timeout server 10s
listen t
    bind %s
    server s %s
`, fe, ln.Addr()), fe)
	c, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if l, _ := br.ReadString('\n'); l != "220 ready\r\n" {
		t.Fatalf("banner %q", l)
	}
	c.Write([]byte("HELO x\r\n"))
	if l, _ := br.ReadString('\n'); l != "250 HELO x\r\n" {
		t.Fatalf("reply %q", l)
	}
}
