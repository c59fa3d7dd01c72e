package checks_e2e

import (
	"net"
	"testing"
	"time"
)

func TestFakeStopStart(t *testing.T) {
	f, err := newFake("x", "http", []string{"200"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	c, err := net.DialTimeout("tcp", f.addr(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := f.stop(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", f.addr(), time.Second); err == nil {
		c.Close()
		t.Fatal("stopped fake accepted")
	} else {
		t.Log(err)
	}
	if err := f.start(); err != nil {
		t.Fatal(err)
	}
	c, err = net.DialTimeout("tcp", f.addr(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
	b := make([]byte, 100)
	c.SetReadDeadline(time.Now().Add(time.Second))
	n, _ := c.Read(b)
	t.Logf("%q", b[:n])
	if n == 0 {
		t.Fatal("no answer after restart")
	}
}
