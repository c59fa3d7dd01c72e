package procmodel

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// daemonRun is what a daemon did with its soft stop and hard stop.
type daemonRun struct {
	softStop, hardStop time.Duration
}

// daemon starts bin -D and returns its PID from the pidfile.
func daemon(t *testing.T, bin, cfg, pidfile string) int {
	t.Helper()
	d := start(t, nil, bin, "-D", "-f", cfg, "-p", pidfile)
	if code := d.wait(t, 15*time.Second); code != 0 {
		t.Fatalf("%s -D: exit %d\n%s", bin, code, d.out.String())
	}
	pid := readPID(t, pidfile)
	killLater(t, func() int { return pid })
	return pid
}

func daemonStops(t *testing.T, bin string) daemonRun {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	pidfile := filepath.Join(dir, "haproxy.pid")
	writeFile(t, cfg, "global\n    hard-stop-after 3s\n"+
		"defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"+
		"frontend fe\n    bind "+addr+"\n    default_backend be\n"+
		"backend be\n    server s1 "+be+"\n")
	var r daemonRun

	// -D detaches and writes the pidfile; SIGUSR1 lets a request in
	// flight finish, then the daemon leaves
	pid := daemon(t, bin, cfg, pidfile)
	if sid := procStat(pid, 6); sid != strconv.Itoa(pid) {
		t.Errorf("the daemon is not a session leader (session %s)", sid)
	}
	if target, _ := os.Readlink("/proc/" + strconv.Itoa(pid) + "/fd/2"); target != "/dev/null" {
		t.Errorf("the daemon's stderr is %q", target)
	}
	waitServing(t, addr, 10*time.Second)
	done := make(chan error, 1)
	go func() {
		code, body, err := get("http://" + addr + "/slow")
		if err == nil && (code != 200 || body != "slow\n") {
			err = &net.OpError{Op: "get", Err: os.ErrInvalid}
		}
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	t0 := time.Now()
	syscall.Kill(pid, syscall.SIGUSR1)
	refused := false
	for end := time.Now().Add(time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Error("new connections still accepted a second after SIGUSR1")
	}
	if !alive(pid) {
		t.Error("the daemon left with a request in flight")
	}
	if err := <-done; err != nil {
		t.Errorf("the request in flight failed: %v", err)
	}
	waitGone(t, pid, 10*time.Second)
	r.softStop = time.Since(t0)

	// hard-stop-after cuts what lingers
	pid = daemon(t, bin, cfg, pidfile)
	waitServing(t, addr, 10*time.Second)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n"))
	time.Sleep(300 * time.Millisecond)
	t0 = time.Now()
	syscall.Kill(pid, syscall.SIGUSR1)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	// the end of the connection: 2.6 may answer something first
	var got []byte
	buf := make([]byte, 1024)
	var rerr error
	for rerr == nil {
		var n int
		n, rerr = c.Read(buf)
		got = append(got, buf[:n]...)
	}
	cut := time.Since(t0)
	t.Logf("the lingering connection got %q, then %v", got, rerr)
	waitGone(t, pid, 10*time.Second)
	r.hardStop = time.Since(t0)
	if strings.Contains(rerr.Error(), "timeout") {
		t.Errorf("the lingering connection was not closed: %v", rerr)
	}
	if cut < 2500*time.Millisecond || r.hardStop > 6*time.Second {
		t.Errorf("hard-stop-after 3s: connection cut after %v, process gone after %v", cut, r.hardStop)
	}
	return r
}

// procStat reads field n (1-based) of /proc/PID/stat.
func procStat(pid, n int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	f := strings.Fields(s[i+1:])
	if n-3 < 0 || n-3 >= len(f) {
		return ""
	}
	return f[n-3]
}

// TestE2EDaemon: -D detaches and writes the pidfile; SIGUSR1 finishes
// what is in flight; "hard-stop-after 3s" cuts a lingering connection.
func TestE2EDaemon(t *testing.T) {
	ours, real := binaries(t)
	var got [2]daemonRun
	for i, bin := range []string{ours, real} {
		t.Run([]string{"hakeep", "haproxy-2.6"}[i], func(t *testing.T) { got[i] = daemonStops(t, bin) })
	}
	ms := func(d time.Duration) string { return d.Round(10 * time.Millisecond).String() }
	sideBySide(t, "-D, pidfile, SIGUSR1", [][3]string{
		{"soft stop with a 2 s request", ms(got[0].softStop), ms(got[1].softStop)},
		{"hard-stop-after 3s", ms(got[0].hardStop), ms(got[1].hardStop)},
	})
}
