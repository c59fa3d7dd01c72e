package check

import (
	"context"
	"syscall"
	"testing"
	"time"
)

func TestRunScript(t *testing.T) {
	for _, c := range []struct {
		name string
		s    Script
		want ScriptResult
	}{
		{"success", Script{Args: []string{"/bin/sh", "-c", "exit 0"}}, ScriptResult{Exited: true}},
		{"failure", Script{Args: []string{"/bin/sh", "-c", "exit 1"}}, ScriptResult{Exited: true, Code: 1}},
		{"dynamic weight", Script{Args: []string{"/bin/sh", "-c", "exit 42"}}, ScriptResult{Exited: true, Code: 42}},
		{"signal", Script{Args: []string{"/bin/sh", "-c", "kill -USR1 $$"}}, ScriptResult{Signal: syscall.SIGUSR1}},
		{"timeout", Script{Args: []string{"/bin/sh", "-c", "sleep 30"}, Timeout: 200 * time.Millisecond}, ScriptResult{Signal: syscall.SIGTERM, TimedOut: true}},
		// A script ignoring SIGTERM is killed two seconds later.
		{"ignores SIGTERM", Script{Args: []string{"/bin/sh", "-c", "trap '' TERM; sleep 30 & wait; sleep 30"}, Timeout: 200 * time.Millisecond},
			ScriptResult{Signal: syscall.SIGKILL, TimedOut: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			got := RunScript(context.Background(), c.s)
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// keepalived's child exits 0 when it cannot exec the script.
	r := RunScript(context.Background(), Script{Args: []string{"/nonexistent/script"}})
	if !r.Exited || r.Code != 0 || r.Err == nil {
		t.Errorf("missing script: %+v", r)
	}
}
