package mworker

import (
	"syscall"
	"testing"
)

func TestExitText(t *testing.T) {
	// the texts 2.6.12 printed for these exits
	cases := map[int]string{
		0:   "Exit",
		1:   "Exit",
		130: "Interrupt",
		143: "Terminated",
		137: "Killed",
		138: "User defined signal 1",
		139: "Segmentation fault",
	}
	for code, want := range cases {
		if got := exitText(code); got != want {
			t.Errorf("exitText(%d) = %q, want %q", code, got, want)
		}
	}
}

func TestExitCode(t *testing.T) {
	// wait(2) status words: exited with 3; killed by SIGTERM
	if c := ExitCode(syscall.WaitStatus(3 << 8)); c != 3 {
		t.Errorf("exit 3 -> %d", c)
	}
	if c := ExitCode(syscall.WaitStatus(syscall.SIGTERM)); c != 143 {
		t.Errorf("SIGTERM -> %d", c)
	}
	if c := ExitCode(syscall.WaitStatus(syscall.SIGKILL | 0x80)); c != 137 {
		t.Errorf("SIGKILL with core flag -> %d", c)
	}
}
