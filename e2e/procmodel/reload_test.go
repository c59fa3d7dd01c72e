package procmodel

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

const reloads = 20

func reloadConfig(dir, be string, port int) string {
	return "global\n" +
		"    stats socket " + filepath.Join(dir, "stats.sock") + " mode 600 level admin expose-fd listeners\n" +
		"defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n" +
		"frontend fe\n    bind 127.0.0.1:" + strconv.Itoa(port) + "\n    default_backend be\n" +
		"backend be\n    server s1 " + be + "\n"
}

// reloadMasterWorker starts bin -Ws and reloads it with SIGUSR2 under
// load, waiting for each reload's READY=1.
func reloadMasterWorker(t *testing.T, bin string) *loadStats {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	writeFile(t, cfg, reloadConfig(dir, be, port))
	n := newNotifyListener(t, dir)
	p := start(t, []string{"NOTIFY_SOCKET=" + n.path}, bin, "-Ws", "-f", cfg, "-p", filepath.Join(dir, "pid"))
	ready := n.until(t, "READY=1", 15*time.Second)
	master := mainPID(ready[len(ready)-1])
	waitServing(t, addr, 10*time.Second)

	s := &loadStats{}
	ctx, cancel := context.WithCancel(context.Background())
	clients := runLoad(ctx, addr, 64, s)
	var slowWG sync.WaitGroup
	for i := 0; i < reloads; i++ {
		slow(addr, s, &slowWG)
		time.Sleep(150 * time.Millisecond)
		syscall.Kill(master, syscall.SIGUSR2)
		n.until(t, "READY=1", 15*time.Second)
		time.Sleep(150 * time.Millisecond)
	}
	slowWG.Wait()
	cancel()
	clients.Wait()
	syscall.Kill(master, syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	return s
}

// reloadSF reloads the way scripts did before the master existed: a new
// daemon takes the sockets from the old one (-x) and tells it to finish
// (-sf).
func reloadSF(t *testing.T, bin string) *loadStats {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	pidfile := filepath.Join(dir, "pid")
	stats := filepath.Join(dir, "stats.sock")
	writeFile(t, cfg, reloadConfig(dir, be, port))
	var pids []int
	t.Cleanup(func() {
		for _, p := range pids {
			if alive(p) {
				syscall.Kill(p, syscall.SIGKILL)
			}
		}
	})
	d := start(t, nil, bin, "-D", "-f", cfg, "-p", pidfile)
	if code := d.wait(t, 15*time.Second); code != 0 {
		t.Fatalf("daemon start: exit %d\n%s", code, d.out.String())
	}
	pids = append(pids, readPID(t, pidfile))
	waitServing(t, addr, 10*time.Second)

	s := &loadStats{}
	ctx, cancel := context.WithCancel(context.Background())
	clients := runLoad(ctx, addr, 64, s)
	var slowWG sync.WaitGroup
	for i := 0; i < reloads; i++ {
		slow(addr, s, &slowWG)
		time.Sleep(150 * time.Millisecond)
		old := readPID(t, pidfile)
		r := start(t, nil, bin, "-D", "-f", cfg, "-p", pidfile, "-x", stats, "-sf", strconv.Itoa(old))
		if code := r.wait(t, 15*time.Second); code != 0 {
			t.Fatalf("reload %d: exit %d\n%s", i, code, r.out.String())
		}
		pids = append(pids, readPID(t, pidfile))
		time.Sleep(150 * time.Millisecond)
	}
	slowWG.Wait()
	cancel()
	clients.Wait()
	last := readPID(t, pidfile)
	syscall.Kill(last, syscall.SIGUSR1)
	waitGone(t, last, 15*time.Second)
	for _, p := range pids {
		waitGone(t, p, 15*time.Second)
	}
	os.Remove(stats)
	return s
}

// TestE2EZeroDowntimeReload reloads under load, 20 times with SIGUSR2 to
// a master and 20 times with -sf/-x, ours and the real HAProxy, and
// counts what 64 clients saw.
func TestE2EZeroDowntimeReload(t *testing.T) {
	ours, real := binaries(t)
	for _, mode := range []struct {
		name string
		run  func(*testing.T, string) *loadStats
	}{
		{"master-worker, " + strconv.Itoa(reloads) + " reloads by SIGUSR2", reloadMasterWorker},
		{"-D, " + strconv.Itoa(reloads) + " reloads by -x -sf", reloadSF},
	} {
		var got [2]*loadStats
		for i, bin := range []string{ours, real} {
			t.Run([]string{"hakeep", "haproxy-2.6"}[i]+"/"+mode.name, func(t *testing.T) { got[i] = mode.run(t, bin) })
		}
		if got[0] == nil {
			continue
		}
		rows := got[0].rows()
		if got[1] != nil {
			for i, r := range got[1].rows() {
				rows[i][2] = r[1]
			}
		}
		sideBySide(t, mode.name+", 64 clients (half keep-alive, half a connection per request)", rows)
		s := got[0]
		if s.failed.Load()+s.connErrors.Load()+s.resets.Load()+s.slowFailed.Load() != 0 {
			t.Errorf("%s: failures on our side (first: %v)", mode.name, s.firstErr.Load())
		}
		if s.requests.Load() == 0 || s.slowOK.Load() != reloads {
			t.Errorf("%s: %d requests, %d slow ones completed", mode.name, s.requests.Load(), s.slowOK.Load())
		}
	}
}
