// Package keepalived_e2e runs hakeep's keepalived binary, beside the real
// keepalived 2.2.7, in network namespaces the tests create: interop,
// failover timing, the seed scenarios, Debian's unit and robustness.
package keepalived_e2e

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vishvananda/netns"

	"hakeep/e2e/harness"
)

// lab is a LAN of network namespaces on one bridge: two keepalived
// hosts (a: 10.77.0.1, b: 10.77.0.2) and a client (c: 10.77.0.9), each
// with eth0 on the bridge. The VIP lives in 10.77.0.0/24.
type lab struct {
	t          *testing.T
	tag        string
	br         string
	a, b, c    string
	hosts      []string
	addrs      map[string]string
	cleanupsMu sync.Mutex
}

const (
	addrA  = "10.77.0.1"
	addrB  = "10.77.0.2"
	addrC  = "10.77.0.9"
	vip    = "10.77.0.100"
	vipNet = "/24"
)

func sh(t testing.TB, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func needLab(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "ip")
	harness.NeedCmd(t, "keepalived")
	harness.NeedCmd(t, "unshare")
}

func newLab(t *testing.T) *lab {
	t.Helper()
	tag := fmt.Sprintf("%d%04d", os.Getpid()%100000, rand.IntN(10000))
	l := &lab{t: t, tag: tag, br: "hkk-br-" + tag, a: "hkk-a-" + tag, b: "hkk-b-" + tag, c: "hkk-c-" + tag,
		addrs: map[string]string{}}
	l.hosts = []string{l.a, l.b, l.c}
	for _, ns := range []string{l.br, l.a, l.b, l.c} {
		sh(t, "ip", "netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		sh(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	sh(t, "ip", "-n", l.br, "link", "add", "br0", "type", "bridge")
	// Multicast snooping would keep adverts from the client's sniffer.
	sh(t, "ip", "-n", l.br, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0")
	sh(t, "ip", "-n", l.br, "link", "set", "br0", "up")
	for i, h := range []struct{ ns, addr string }{{l.a, addrA}, {l.b, addrB}, {l.c, addrC}} {
		port := fmt.Sprintf("p%d", i)
		sh(t, "ip", "-n", l.br, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", h.ns)
		sh(t, "ip", "-n", l.br, "link", "set", port, "master", "br0", "up")
		sh(t, "ip", "-n", h.ns, "addr", "add", h.addr+"/24", "dev", "eth0")
		sh(t, "ip", "-n", h.ns, "link", "set", "eth0", "up")
		l.addrs[h.ns] = h.addr
	}
	return l
}

// hasAddr reports whether ns holds addr on any interface.
func hasAddr(t testing.TB, ns, addr string) bool {
	out, err := exec.Command("ip", "-n", ns, "-o", "addr", "show").CombinedOutput()
	if err != nil {
		return false
	}
	return strings.Contains(string(out), " "+addr+"/")
}

// waitFor polls cond every 20ms for up to limit.
func waitFor(t testing.TB, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// inNS runs fn on a thread switched into the named namespace; sockets
// fn creates belong to it.
func inNS(t testing.TB, ns string, fn func()) {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	orig, err := netns.Get()
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	h, err := netns.GetFromName(ns)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if err := netns.Set(h); err != nil {
		t.Fatal(err)
	}
	defer netns.Set(orig)
	fn()
}

// serveName listens on port in ns (every address, the VIP included) and
// answers each connection with name.
func serveName(t *testing.T, ns, name string, port int) {
	var l net.Listener
	inNS(t, ns, func() {
		var err error
		l, err = net.Listen("tcp4", fmt.Sprintf("0.0.0.0:%d", port))
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Write([]byte(name + "\n"))
			c.Close()
		}
	}()
}

// client connects from the client namespace.
type client struct {
	t  *testing.T
	ns string
}

// ask connects to addr:port and returns the first line it answers, or
// "" when the connection fails within timeout.
func (c client) ask(addr string, port int, timeout time.Duration) string {
	var ans string
	inNS(c.t, c.ns, func() {
		d := net.Dialer{Timeout: timeout}
		conn, err := d.Dial("tcp4", net.JoinHostPort(addr, strconv.Itoa(port)))
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetReadDeadline(time.Now().Add(timeout))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		ans = strings.TrimSpace(line)
	})
	return ans
}

// ping sends one ICMP echo from the client namespace.
func (c client) ping(addr string) bool {
	return exec.Command("ip", "netns", "exec", c.ns, "ping", "-c", "1", "-W", "2", addr).Run() == nil
}

// firstAnswer asks addr:port from a goroutine locked in the client
// namespace every interval until the answer is want; it returns when
// that happened.
func firstAnswer(ctx context.Context, t *testing.T, ns, addr string, port int, want string) (time.Time, bool) {
	type res struct {
		at time.Time
		ok bool
	}
	out := make(chan res, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		h, err := netns.GetFromName(ns)
		if err != nil {
			out <- res{}
			return
		}
		defer h.Close()
		if err := netns.Set(h); err != nil {
			out <- res{}
			return
		}
		buf := make([]byte, 64)
		for ctx.Err() == nil {
			d := net.Dialer{Timeout: 10 * time.Millisecond}
			conn, err := d.Dial("tcp4", net.JoinHostPort(addr, strconv.Itoa(port)))
			if err == nil {
				conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
				n, _ := conn.Read(buf)
				at := time.Now()
				conn.Close()
				if strings.TrimSpace(string(buf[:n])) == want {
					out <- res{at, true}
					return
				}
			}
			time.Sleep(time.Millisecond)
		}
		out <- res{}
	}()
	r := <-out
	return r.at, r.ok
}

// freePort picks a port number for the test's servers; each namespace
// has its own port space, so only the tests' own choices can collide.
func freePort() int { return 20000 + rand.IntN(20000) }
