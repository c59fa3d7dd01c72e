package dataplane

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestE2ESoftStop: SIGUSR1 stops accepting, closes idle kept-alive
// connections, lets the request in flight finish (with "connection:
// close"), then the process exits 0 (management.txt section 4).
func TestE2ESoftStop(t *testing.T) {
	w := newWebServer(t, "127.0.0.2", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(700 * time.Millisecond)
		}
		fmt.Fprint(rw, "done")
	}))
	fe := freeAddr(t, "127.0.0.1")
	p := ours(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, w.Addr), fe)

	idle, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	idle.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	ibr := bufio.NewReader(idle)
	readResponse(t, ibr)

	busy, err := net.Dial("tcp", fe)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busy.Write([]byte("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"))
	time.Sleep(200 * time.Millisecond)
	p.signal(syscall.SIGUSR1)

	// the idle connection is closed
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := ibr.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("idle connection: %d bytes, %v, want a close", n, err)
	}
	// the request in flight completes, and its connection closes after
	busy.SetReadDeadline(time.Now().Add(5 * time.Second))
	out, _ := io.ReadAll(busy)
	if !strings.HasPrefix(string(out), "HTTP/1.1 200") || !strings.Contains(string(out), "connection: close") || !strings.HasSuffix(string(out), "done") {
		t.Fatalf("in-flight response %q", out)
	}
	if err := p.wait(t, 5*time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if c, err := net.DialTimeout("tcp", fe, 200*time.Millisecond); err == nil {
		c.Close()
		t.Fatal("still accepting after the soft stop")
	}
}
