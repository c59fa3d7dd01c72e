package mworker

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"reflect"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary play a child: it exits with the status
// given, or as a process killed by SIGINT/SIGTERM would be reported
// (128+signal) when it gets one. Signals may be ignored by whoever ran
// the tests; the helper does not depend on that.
func TestMain(m *testing.M) {
	if code := os.Getenv("MWORKER_TEST_CHILD"); code != "" {
		if code != "wait" {
			n, _ := strconv.Atoi(code)
			os.Exit(n)
		}
		c := make(chan os.Signal, 1)
		signal.Notify(c, syscall.SIGINT, syscall.SIGTERM)
		select {
		case s := <-c:
			os.Exit(128 + int(s.(syscall.Signal)))
		case <-time.After(30 * time.Second):
			os.Exit(0)
		}
	}
	os.Exit(m.Run())
}

// startChild runs the helper; the Master reaps it with wait4(-1) as 2.6
// does. A helper still running at the end of the test is killed.
func startChild(t *testing.T, code string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "MWORKER_TEST_CHILD="+code)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() {
		if syscall.Kill(pid, syscall.SIGKILL) == nil {
			cmd.Wait()
		}
	})
	if code == "wait" {
		// let it install its handler
		time.Sleep(200 * time.Millisecond)
	}
	return pid
}

func runMaster(t *testing.T, m *Master, sigs chan os.Signal) chan int {
	t.Helper()
	m.Signals = sigs
	done := make(chan int, 1)
	go func() { done <- m.Run(context.Background()) }()
	return done
}

func waitExit(t *testing.T, done chan int, sigs chan os.Signal) int {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case code := <-done:
			return code
		case <-time.After(50 * time.Millisecond):
			// SIGCHLD is not routed to the test: poll the reaper
			sigs <- syscall.SIGCHLD
		case <-deadline:
			t.Fatal("the master did not exit")
		}
	}
}

// A master stopped by SIGTERM passes it on; a worker killed by it is a
// normal end and the master exits 0, as 2.6.12 does ("Current worker
// (N) exited with code 143 (Terminated)", "All workers exited.
// Exiting... (0)").
func TestMasterStop(t *testing.T) {
	pid := startChild(t, "wait")
	rep := &nopReporter{}
	m := &Master{
		Self:   &Proc{Kind: KindMaster, PID: os.Getpid(), IPC: -1},
		Procs:  []*Proc{{Kind: KindWorker, PID: pid, IPC: -1}},
		State:  NewState(),
		Report: rep,
	}
	sigs := make(chan os.Signal, 8)
	done := runMaster(t, m, sigs)
	sigs <- syscall.SIGTERM
	if code := waitExit(t, done, sigs); code != 0 {
		t.Errorf("exit %d", code)
	}
	want := []string{
		"WARNING Exiting Master process...",
		"ALERT Current worker (" + strconv.Itoa(pid) + ") exited with code 143 (Terminated)",
		"WARNING All workers exited. Exiting... (0)",
	}
	if !reflect.DeepEqual(rep.lines, want) {
		t.Errorf("messages %q\nwant %q", rep.lines, want)
	}
}

// SIGINT ends the master with 130, the worker's status (2.6.12).
func TestMasterInterrupt(t *testing.T) {
	pid := startChild(t, "wait")
	rep := &nopReporter{}
	m := &Master{
		Self:   &Proc{Kind: KindMaster, PID: os.Getpid(), IPC: -1},
		Procs:  []*Proc{{Kind: KindWorker, PID: pid, IPC: -1}},
		State:  NewState(),
		Report: rep,
	}
	sigs := make(chan os.Signal, 8)
	done := runMaster(t, m, sigs)
	sigs <- syscall.SIGINT
	if code := waitExit(t, done, sigs); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
}

// A current worker that fails takes every process down with SIGTERM
// (exit-on-failure) and gives the master its status.
func TestMasterExitOnFailure(t *testing.T) {
	bad := startChild(t, "3")
	old := startChild(t, "wait")
	rep := &nopReporter{}
	m := &Master{
		Self:   &Proc{Kind: KindMaster, PID: os.Getpid(), IPC: -1},
		Procs:  []*Proc{{Kind: KindWorker, PID: old, IPC: -1, Reloads: 1, Leaving: true}, {Kind: KindWorker, PID: bad, IPC: -1}},
		State:  NewState(),
		Report: rep,
	}
	sigs := make(chan os.Signal, 8)
	done := runMaster(t, m, sigs)
	if code := waitExit(t, done, sigs); code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
	want := []string{
		"WARNING Current worker (" + strconv.Itoa(bad) + ") exited with code 3 (Exit)",
		"ALERT exit-on-failure: killing every processes with SIGTERM",
		"WARNING Former worker (" + strconv.Itoa(old) + ") exited with code 143 (Terminated)",
		"WARNING All workers exited. Exiting... (3)",
	}
	if !reflect.DeepEqual(rep.lines, want) {
		t.Errorf("messages %q\nwant %q", rep.lines, want)
	}
}

// Once the pending worker is ready, the processes it replaces are told
// to finish and those over mworker-max-reloads are terminated.
func TestWorkerReady(t *testing.T) {
	var killed []string
	m := &Master{
		Self: &Proc{Kind: KindMaster, PID: 1, IPC: -1},
		Procs: []*Proc{
			{Kind: KindWorker, PID: 10, Reloads: 3, Leaving: true, IPC: -1},
			{Kind: KindWorker, PID: 11, Reloads: 1, Leaving: true, IPC: -1},
			{Kind: KindWorker, PID: 12, IPC: -1},
		},
		State:  State{Pending: 12, OldPIDs: []int{10, 11}, OldSignal: int(syscall.SIGUSR1), MaxReloads: 2, ReadyFD: -1},
		Report: &nopReporter{},
		Kill: func(pid int, sig syscall.Signal) error {
			killed = append(killed, strconv.Itoa(pid)+" "+sig.String())
			return nil
		},
	}
	m.workerReady(99) // not the pending one
	if len(killed) != 0 {
		t.Fatalf("killed %v", killed)
	}
	m.workerReady(12)
	want := []string{"10 user defined signal 1", "11 user defined signal 1", "10 terminated"}
	if !reflect.DeepEqual(killed, want) {
		t.Errorf("killed %q, want %q", killed, want)
	}
	if m.State.Pending != 0 || m.State.OldPIDs != nil {
		t.Errorf("state %+v", m.State)
	}
}

// The command that started a daemon learns that it serves.
func TestReadyPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fd, err := syscall.Dup(int(w.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	m := &Master{Self: &Proc{PID: 1}, State: State{ReadyFD: fd}, Report: &nopReporter{}}
	m.announceReady()
	b := make([]byte, 16)
	n, _ := r.Read(b)
	if string(b[:n]) != "READY\n" || m.State.ReadyFD != -1 {
		t.Errorf("read %q, fd %d", b[:n], m.State.ReadyFD)
	}
}
