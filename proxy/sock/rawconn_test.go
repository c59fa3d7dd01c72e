package sock

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestRawConnReadsWithoutAttaching(t *testing.T) {
	srv, cli := pair(t)
	if _, err := cli.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	buf := make([]byte, 8)
	var n int
	err := srv.RawConn().Read(func(fd uintptr) bool {
		m, err := unix.Read(int(fd), buf)
		if err == unix.EAGAIN {
			return false
		}
		n = m
		return true
	})
	if err != nil || string(buf[:n]) != "ping" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	if srv.Attached() {
		t.Error("attached for bytes already there")
	}
	// nothing there: the callback asks to wait, the connection attaches
	// and the callback runs again when bytes arrive
	go func() {
		time.Sleep(20 * time.Millisecond)
		cli.Write([]byte("pong"))
	}()
	calls := 0
	err = srv.RawConn().Read(func(fd uintptr) bool {
		calls++
		m, err := unix.Read(int(fd), buf)
		if err == unix.EAGAIN {
			return false
		}
		n = m
		return true
	})
	if err != nil || string(buf[:n]) != "pong" || calls < 2 {
		t.Fatalf("read %q, %v after %d calls", buf[:n], err, calls)
	}
	if !srv.Attached() {
		t.Error("not attached after a wait")
	}
}

func TestRawConnDeadline(t *testing.T) {
	srv, _ := pair(t)
	srv.SetReadDeadline(time.Now().Add(-time.Second))
	err := srv.RawConn().Read(func(uintptr) bool {
		t.Error("callback ran past the deadline")
		return true
	})
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("got %v, want a deadline error", err)
	}
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("%v is not a net.Error timeout", err)
	}
}

func TestSpliceBothWays(t *testing.T) {
	// a *net.TCPConn on one side, a Conn on the other, as a relay has
	// them (the server dialed by the net package, the client accepted)
	srv, cli := pair(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	up, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	far, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer far.Close()
	uprc, _ := up.(*net.TCPConn).SyscallConn()

	// 3 MiB one way, more than the pipe and the sockets' buffers hold
	data := bytes.Repeat([]byte("0123456789abcdef"), 3<<16)
	done := make(chan error, 1)
	var moved int64
	go func() {
		var err error
		moved, err = Splice(uprc, srv.RawConn())
		done <- err
	}()
	go func() {
		cli.Write(data)
		cli.CloseWrite()
	}()
	got, err := io.ReadAll(io.LimitReader(far, int64(len(data))))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("far end read %d bytes (%v), want %d", len(got), err, len(data))
	}
	if err := <-done; err != nil || moved != int64(len(data)) {
		t.Fatalf("splice moved %d, %v; want %d at the end of file", moved, err, len(data))
	}

	// and back: the Conn is the destination
	go func() {
		var err error
		moved, err = Splice(srv.RawConn(), uprc)
		// the end of file forwarded, as a relay does
		srv.CloseWrite()
		done <- err
	}()
	go func() {
		far.Write(data[:100000])
		far.(*net.TCPConn).CloseWrite()
	}()
	got, err = io.ReadAll(cli)
	if err != nil || !bytes.Equal(got, data[:100000]) {
		t.Fatalf("client read %d bytes (%v), want 100000", len(got), err)
	}
	if err := <-done; err != nil || moved != 100000 {
		t.Fatalf("splice moved %d, %v", moved, err)
	}
}

func TestSpliceWokenByDeadline(t *testing.T) {
	srv, _ := pair(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	up, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	uprc, _ := up.(*net.TCPConn).SyscallConn()
	done := make(chan error, 1)
	go func() {
		_, err := Splice(uprc, srv.RawConn())
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	// what a relay does to wake the other direction
	srv.SetReadDeadline(time.Unix(1, 0))
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("got %v, want a deadline error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("splice not woken by the deadline")
	}
}
