package sink

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestUDPAndUnix(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	u, err := NewUDP(pc.LocalAddr().(*net.UDPAddr).AddrPort())
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	path := filepath.Join(t.TempDir(), "log.sock")
	uc, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer uc.Close()
	x, err := NewUnix(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()

	for _, c := range []struct {
		w    Writer
		conn net.PacketConn
	}{{u, pc}, {x, uc}} {
		if err := c.w.Write([]byte("<134>hello\n")); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 100)
		c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, _, err := c.conn.ReadFrom(buf)
		if err != nil || string(buf[:n]) != "<134>hello\n" {
			t.Errorf("received %q, %v", buf[:n], err)
		}
	}
	// a missing socket path fails, and keeps failing without harm
	gone, err := NewUnix(filepath.Join(t.TempDir(), "none"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	if err := gone.Write([]byte("x")); err == nil {
		t.Error("write to a missing socket succeeded")
	}
}

func TestFD(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if err := NewFD(int(w.Fd())).Write([]byte("line\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	n, _ := r.Read(buf)
	if string(buf[:n]) != "line\n" {
		t.Errorf("read %q", buf[:n])
	}
}

// blocked is a destination that waits until released.
type blocked struct {
	release chan struct{}
	mu      sync.Mutex
	got     []string
}

func (b *blocked) Write(p []byte) error {
	<-b.release
	b.mu.Lock()
	b.got = append(b.got, string(p))
	b.mu.Unlock()
	return nil
}

func TestQueueDropsWhenFull(t *testing.T) {
	pool := NewPool(64)
	dst := &blocked{release: make(chan struct{})}
	q := NewQueue(dst, pool, 2, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- q.Run(ctx) }()
	send := func(s string) {
		b := pool.Get()
		*b = append(*b, s...)
		q.Send(b)
	}
	send("a")
	// wait until the sender holds "a", blocked in Write
	for deadline := time.Now().Add(5 * time.Second); len(q.ch) > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	send("b")
	send("c")
	send("d") // the queue holds two: dropped
	if q.Dropped() != 1 {
		t.Errorf("dropped %d, want 1", q.Dropped())
	}
	close(dst.release)
	cancel()
	<-done
	if len(dst.got) != 3 || dst.got[0] != "a" || dst.got[2] != "c" {
		t.Errorf("written %q", dst.got)
	}
}

func TestSendAllocs(t *testing.T) {
	pool := NewPool(64)
	q := NewQueue(&blocked{release: make(chan struct{})}, pool, 1, nil)
	b := pool.Get()
	q.Send(b) // fills the queue
	if n := testing.AllocsPerRun(100, func() { q.Send(pool.Get()) }); n != 0 {
		t.Errorf("%v allocations per dropped send", n)
	}
}
