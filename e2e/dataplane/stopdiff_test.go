package dataplane

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// realHaproxy is the installed HAProxy 2.6.
func realHaproxy(t *testing.T) string {
	real := harness.NeedCmd(t, "haproxy")
	if _, err := os.Stat("/usr/sbin/haproxy"); err == nil {
		real = "/usr/sbin/haproxy"
	}
	return real
}

// silentServer reads requests and never answers until the test ends.
func silentServer(t *testing.T) (string, func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var held []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	return ln.Addr().String(), func() int { mu.Lock(); defer mu.Unlock(); return len(held) }
}

// stopOutcome is what clients and stderr saw of one stop scenario.
type stopOutcome struct {
	clients []string
	stderr  []string
}

// stderrLines keeps the [WARNING] lines, pid masked.
func stderrLines(out string) []string {
	pid := regexp.MustCompile(`^\[(\w+)\]\s+\(\d+\) : `)
	var l []string
	for _, line := range strings.Split(out, "\n") {
		if m := pid.FindStringSubmatch(line); m != nil && m[1] == "WARNING" {
			l = append(l, "[WARNING] "+line[len(m[0]):])
		}
	}
	return l
}

// firstLine is a response's status line, or what the client saw instead.
func firstLine(c net.Conn) string {
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := io.ReadAll(c)
	if len(b) == 0 {
		if err != nil {
			return "error"
		}
		return "closed"
	}
	line, _, _ := strings.Cut(string(b), "\r\n")
	if strings.Contains(strings.ToLower(string(b)), "\r\nconnection: close\r\n") {
		line += " (connection: close)"
	}
	return line
}

// TestE2EStopDiff plays the ways a process stops through the real
// HAProxy and ours and compares what clients see and what is printed on
// stderr (management.txt section 4):
//   - soft stop (SIGUSR1): an idle kept-alive connection is closed, a
//     connection accepted before the stop gets its first request served,
//     each proxy says "Proxy X stopped (cumulated conns: FE: n, BE: n).";
//   - pause and resume (SIGTTOU, SIGTTIN): new connections are refused
//     while paused, "Paused proxy l." and "Resumed proxy l.";
//   - hard stop ("hard-stop-after"): a request still waiting for its
//     server is answered 502, and the proxies left are named.
func TestE2EStopDiff(t *testing.T) {
	real := realHaproxy(t)
	oursBin := filepath.Join(harness.Binaries(t), "haproxy")
	web := newWebServer(t, "127.0.0.1", named("web"))
	silent, held := silentServer(t)

	scenarios := []struct {
		name string
		run  func(t *testing.T, bin string) stopOutcome
	}{
		{"soft stop", func(t *testing.T, bin string) stopOutcome {
			fe := freeAddr(t, "127.0.0.1")
			p := startProxy(t, bin, writeConfig(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
backend unused
    server u %s
`, fe, web.Addr, web.Addr)), fe)
			kept, err := net.Dial("tcp", fe)
			if err != nil {
				t.Fatal(err)
			}
			defer kept.Close()
			kept.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
			kept.SetReadDeadline(time.Now().Add(5 * time.Second))
			kept.Read(make([]byte, 4096))
			fresh, err := net.Dial("tcp", fe)
			if err != nil {
				t.Fatal(err)
			}
			defer fresh.Close()
			time.Sleep(300 * time.Millisecond)
			p.signal(syscall.SIGUSR1)
			time.Sleep(300 * time.Millisecond)
			fresh.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
			o := stopOutcome{clients: []string{"kept-alive: " + firstLine(kept), "accepted before: " + firstLine(fresh)}}
			if err := p.wait(t, 10*time.Second); err != nil {
				t.Errorf("exit: %v", err)
			}
			o.stderr = stderrLines(p.out.String())
			return o
		}},
		{"pause and resume", func(t *testing.T, bin string) stopOutcome {
			fe := freeAddr(t, "127.0.0.1")
			p := startProxy(t, bin, writeConfig(t, fmt.Sprintf(httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, web.Addr)), fe)
			var o stopOutcome
			dial := func(when string) {
				c, err := net.DialTimeout("tcp", fe, 2*time.Second)
				switch {
				case err == nil:
					c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
					o.clients = append(o.clients, when+": "+firstLine(c))
					c.Close()
				case strings.Contains(err.Error(), "refused"):
					o.clients = append(o.clients, when+": refused")
				default:
					o.clients = append(o.clients, when+": "+err.Error())
				}
			}
			p.signal(syscall.SIGTTOU)
			time.Sleep(300 * time.Millisecond)
			dial("paused")
			p.signal(syscall.SIGTTIN)
			time.Sleep(300 * time.Millisecond)
			dial("resumed")
			p.signal(syscall.SIGUSR1)
			if err := p.wait(t, 10*time.Second); err != nil {
				t.Errorf("exit: %v", err)
			}
			o.stderr = stderrLines(p.out.String())
			return o
		}},
		{"hard stop", func(t *testing.T, bin string) stopOutcome {
			fe := freeAddr(t, "127.0.0.1")
			p := startProxy(t, bin, writeConfig(t, fmt.Sprintf(`global
    hard-stop-after 500ms
`+httpDefaults+`
listen l
    bind %s
    server s %s
`, fe, silent)), fe)
			before := held()
			c, err := net.Dial("tcp", fe)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
			for deadline := time.Now().Add(5 * time.Second); held() == before && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			p.signal(syscall.SIGUSR1)
			o := stopOutcome{clients: []string{"waiting for its server: " + firstLine(c)}}
			if err := p.wait(t, 10*time.Second); err != nil {
				t.Errorf("exit: %v", err)
			}
			o.stderr = stderrLines(p.out.String())
			return o
		}},
	}
	passed, failed := 0, 0
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			want := sc.run(t, real)
			got := sc.run(t, oursBin)
			same := true
			for _, pair := range [][2][]string{{want.clients, got.clients}, {want.stderr, got.stderr}} {
				if strings.Join(pair[0], "\n") != strings.Join(pair[1], "\n") {
					same = false
					t.Errorf("haproxy 2.6:\n  %s\nhakeep:\n  %s", strings.Join(pair[0], "\n  "), strings.Join(pair[1], "\n  "))
				}
			}
			t.Logf("clients: %s; stderr: %s", strings.Join(got.clients, "; "), strings.Join(got.stderr, " | "))
			if same {
				passed++
			} else {
				failed++
			}
		})
	}
	t.Logf("%d passed, %d failed", passed, failed)
}
