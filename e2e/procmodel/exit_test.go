package procmodel

import (
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// exitCase is one way of ending a process; the status is what the shell
// sees (negative for a signal).
type exitCase struct {
	name string
	args []string
	// sig is sent once the process serves; 0 when it must fail alone.
	sig syscall.Signal
	// busy binds the frontend's port first.
	busy bool
}

func exitStatus(t *testing.T, bin string, c exitCase) int {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	writeFile(t, cfg, "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"+
		"frontend fe\n    bind "+addr+"\n    default_backend be\n"+
		"backend be\n    server s1 "+be+"\n")
	if c.busy {
		l, err := net.Listen("tcp4", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
	}
	args := append(append([]string{bin}, c.args...), "-f", cfg, "-p", filepath.Join(dir, "pid"))
	p := start(t, nil, args...)
	if c.sig != 0 {
		waitServing(t, addr, 10*time.Second)
		// a master-worker's worker must be up too
		time.Sleep(200 * time.Millisecond)
		p.cmd.Process.Signal(c.sig)
	}
	return p.wait(t, 15*time.Second)
}

// TestE2EExitStatus: the exit statuses of every way of stopping, ours and
// 2.6's (scripts and supervisors check them).
func TestE2EExitStatus(t *testing.T) {
	ours, real := binaries(t)
	// children must not inherit an ignored SIGINT from whoever ran the
	// tests: a handled signal is reset to its default at exec
	ints := make(chan os.Signal, 1)
	signal.Notify(ints, os.Interrupt)
	defer signal.Stop(ints)
	cases := []exitCase{
		{name: "-db, SIGTERM", args: []string{"-db"}, sig: syscall.SIGTERM},
		{name: "-db, SIGINT", args: []string{"-db"}, sig: syscall.SIGINT},
		{name: "-db, SIGUSR1", args: []string{"-db"}, sig: syscall.SIGUSR1},
		{name: "-d, SIGTERM", args: []string{"-d"}, sig: syscall.SIGTERM},
		{name: "-W, SIGTERM to the master", args: []string{"-W"}, sig: syscall.SIGTERM},
		{name: "-W, SIGINT to the master", args: []string{"-W"}, sig: syscall.SIGINT},
		{name: "-W, SIGUSR1 to the master", args: []string{"-W"}, sig: syscall.SIGUSR1},
		{name: "-db, port taken", args: []string{"-db"}, busy: true},
		{name: "-W, port taken", args: []string{"-W"}, busy: true},
		{name: "-D, port taken", args: []string{"-D"}, busy: true},
	}
	var rows [][3]string
	for _, c := range cases {
		var got [2]int
		for i, bin := range []string{ours, real} {
			t.Run([]string{"hakeep", "haproxy-2.6"}[i]+"/"+c.name, func(t *testing.T) { got[i] = exitStatus(t, bin, c) })
		}
		rows = append(rows, [3]string{c.name, strconv.Itoa(got[0]), strconv.Itoa(got[1])})
		if got[0] != got[1] {
			t.Errorf("%s: exit status %d, 2.6 exits %d", c.name, got[0], got[1])
		}
	}
	sideBySide(t, "exit statuses (negative: killed by that signal)", rows)
}
