package vrrp

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestScriptNotifierRunsScriptsAndFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	out := filepath.Join(dir, "out")
	script := filepath.Join(dir, "notify.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" >> "+out+"\n"), 0o755)
	f, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := &ScriptNotifier{FIFOs: []*os.File{f}}
	n.Notify(Event{Name: "VI_1", Type: EventMaster, Priority: 150,
		Scripts: Notify{Master: &Script{Args: []string{script, "specific"}}, Generic: &Script{Args: []string{script, "generic"}}}})
	buf := make([]byte, 128)
	f.SetReadDeadline(time.Now().Add(5 * time.Second))
	k, err := f.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(buf[:k]); got != "INSTANCE \"VI_1\" MASTER 150\n" {
		t.Fatalf("fifo %q", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, _ := os.ReadFile(out)
		if s := string(b); strings.Count(s, "\n") == 2 {
			// keepalived forks both scripts without waiting: either order.
			if s != "specific\ngeneric INSTANCE VI_1 MASTER 150\n" && s != "generic INSTANCE VI_1 MASTER 150\nspecific\n" {
				t.Fatalf("script output %q", s)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("scripts did not run: %q", b)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
