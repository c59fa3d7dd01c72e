package daemon

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// detachedEnv marks the background process a start without -n/--dont-fork
// re-executes: keepalived forks and its parent exits (core/main.c
// daemonize); a Go program cannot fork, so it starts itself again, in a
// new session, with its standard streams on /dev/null and the working
// directory /, and the first process exits 0.
const detachedEnv = "HAKEEP_KEEPALIVED_DETACHED"

// Detached reports whether this process is the background one, and
// forgets the marker so that scripts do not inherit it.
func Detached() bool {
	v := os.Getenv(detachedEnv) == "1"
	os.Unsetenv(detachedEnv)
	return v
}

// detach starts the background process with the same arguments.
func detach(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer null.Close()
	cmd := exec.Command(exe, args[1:]...)
	cmd.Args[0] = args[0]
	cmd.Env = append(os.Environ(), detachedEnv+"=1")
	cmd.Dir = "/"
	cmd.Stdin, cmd.Stdout, cmd.Stderr = null, null, null
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the background process: %w", err)
	}
	return cmd.Process.Release()
}
