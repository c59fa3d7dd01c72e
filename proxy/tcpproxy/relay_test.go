package tcpproxy

import (
	"io"
	"net"
	"testing"
	"time"
)

// pair returns the two ends of a loopback TCP connection.
func pair(t *testing.T) (*net.TCPConn, *net.TCPConn) {
	t.Helper()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.DialTCP("tcp", nil, ln.Addr().(*net.TCPAddr))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.AcceptTCP()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); s.Close() })
	return c, s
}

// setup is client <-> (cliSide relay srvSide) <-> server.
func setup(t *testing.T, to Timeouts) (client, server *net.TCPConn, done chan Result) {
	client, cliSide := pair(t)
	srvSide, server := pair(t)
	done = make(chan Result, 1)
	go func() { done <- Relay(cliSide, srvSide, to) }()
	return client, server, done
}

func wait(t *testing.T, done chan Result) Result {
	t.Helper()
	select {
	case r := <-done:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("relay did not end")
	}
	return Result{}
}

func TestHalfClose(t *testing.T) {
	client, server, done := setup(t, Timeouts{Client: 5 * time.Second, Server: 5 * time.Second})
	client.Write([]byte("hello"))
	client.CloseWrite()
	got, err := io.ReadAll(server) // ends with the forwarded FIN
	if err != nil || string(got) != "hello" {
		t.Fatalf("server read %q, %v", got, err)
	}
	// the other direction still works after the client's half-close
	server.Write([]byte("world!"))
	server.CloseWrite()
	got, err = io.ReadAll(client)
	if err != nil || string(got) != "world!" {
		t.Fatalf("client read %q, %v", got, err)
	}
	r := wait(t, done)
	if r.FromClient != 5 || r.FromServer != 6 || r.End != EndNormal {
		t.Fatalf("result %+v", r)
	}
}

func TestClientTimeout(t *testing.T) {
	_, _, done := setup(t, Timeouts{Client: 100 * time.Millisecond, Server: time.Second})
	start := time.Now()
	r := wait(t, done)
	if r.End != EndClientTimeout {
		t.Fatalf("end %c", r.End)
	}
	if d := time.Since(start); d < 90*time.Millisecond || d > time.Second {
		t.Fatalf("expired after %v", d)
	}
}

func TestServerTimeout(t *testing.T) {
	_, _, done := setup(t, Timeouts{Client: time.Second, Server: 100 * time.Millisecond})
	if r := wait(t, done); r.End != EndServerTimeout {
		t.Fatalf("end %c", r.End)
	}
}

func TestActivityKeepsAlive(t *testing.T) {
	client, server, done := setup(t, Timeouts{Client: 150 * time.Millisecond, Server: 150 * time.Millisecond})
	go io.Copy(io.Discard, client)
	// the server trickles for 3 timeouts; the client never sends
	for i := 0; i < 9; i++ {
		server.Write([]byte("x"))
		time.Sleep(50 * time.Millisecond)
	}
	select {
	case r := <-done:
		t.Fatalf("relay ended during activity: %+v", r)
	default:
	}
	server.Close()
	r := wait(t, done)
	if r.FromServer != 9 {
		t.Fatalf("result %+v", r)
	}
}

// TestClientFin: once the server's end went to the client, an idle
// client is given "timeout client-fin" rather than "timeout client"
// (stream_int_shutw: the read timeout becomes the half-closed one).
func TestClientFin(t *testing.T) {
	_, server, done := setup(t, Timeouts{Client: 5 * time.Second, Server: 5 * time.Second, ClientFin: 100 * time.Millisecond})
	server.CloseWrite()
	start := time.Now()
	r := wait(t, done)
	if r.End != EndClientTimeout || time.Since(start) > 2*time.Second {
		t.Fatalf("end %c after %v", r.End, time.Since(start))
	}
}

// TestServerFin: once the client's end went to the server, an idle
// server is given "timeout server-fin".
func TestServerFin(t *testing.T) {
	client, _, done := setup(t, Timeouts{Client: 5 * time.Second, Server: 5 * time.Second, ServerFin: 100 * time.Millisecond})
	client.CloseWrite()
	start := time.Now()
	r := wait(t, done)
	if r.End != EndServerTimeout || time.Since(start) > 2*time.Second {
		t.Fatalf("end %c after %v", r.End, time.Since(start))
	}
}

// TestFinTimeoutsWaitForTheirSide: a client-fin shorter than everything
// does not cut a relay whose client ended its own side only.
func TestFinTimeoutsWaitForTheirSide(t *testing.T) {
	client, _, done := setup(t, Timeouts{Client: 5 * time.Second, Server: 300 * time.Millisecond, ClientFin: 50 * time.Millisecond})
	client.CloseWrite()
	if r := wait(t, done); r.End != EndServerTimeout {
		t.Fatalf("end %c", r.End)
	}
}

func TestServerReset(t *testing.T) {
	client, server, done := setup(t, Timeouts{})
	client.Write([]byte("x"))
	buf := make([]byte, 1)
	io.ReadFull(server, buf)
	server.SetLinger(0)
	server.Close() // RST
	r := wait(t, done)
	if r.End != EndServerAbort {
		t.Fatalf("end %c", r.End)
	}
}

func TestClientReset(t *testing.T) {
	client, server, done := setup(t, Timeouts{})
	server.Write([]byte("x"))
	buf := make([]byte, 1)
	io.ReadFull(client, buf)
	client.SetLinger(0)
	client.Close()
	r := wait(t, done)
	if r.End != EndClientAbort {
		t.Fatalf("end %c", r.End)
	}
}

func TestStaleDeadlinesCleared(t *testing.T) {
	client, cliSide := pair(t)
	srvSide, server := pair(t)
	// a deadline left from reading a request head
	cliSide.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	done := make(chan Result, 1)
	go func() { done <- Relay(cliSide, srvSide, Timeouts{}) }()
	time.Sleep(150 * time.Millisecond)
	client.Write([]byte("late"))
	buf := make([]byte, 4)
	server.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(server, buf); err != nil || string(buf) != "late" {
		t.Fatalf("relay cut by a stale deadline: %q %v", buf, err)
	}
	client.Close()
	server.Close()
	wait(t, done)
}
