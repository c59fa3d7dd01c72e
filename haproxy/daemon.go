package main

import (
	"errors"
	"os"
	"os/exec"

	"hakeep/parser"
)

// daemonize is -D or "daemon" (management.txt section 3): the command
// starts the daemon in a session of its own and returns 0 once it
// serves. 2.6 forks after binding and its parent exits 0 at once; the
// daemon started here binds itself and reports on the command's stderr
// until it serves, so a failure still shows, with its exit status.
func (c *cli) daemonize() int {
	r, w, err := os.Pipe()
	if err != nil {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot fork.")
		return 1
	}
	defer r.Close()
	cmd, err := spawnSelf(c.argv, childEnv(roleDaemon, envReady+"=3"), []*os.File{w}, true)
	w.Close()
	if err != nil {
		c.rep.emit(parser.SevAlert, "["+c.argv[0]+".main()] Cannot fork.")
		return 1
	}
	buf := make([]byte, 16)
	n, _ := r.Read(buf)
	if string(buf[:n]) == "READY\n" {
		cmd.Process.Release()
		return 0
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() > 0 {
		return ee.ExitCode()
	}
	return 1
}

// readyPipe is the daemon's end of the pipe to the command that started
// it, -1 outside a daemon.
func (c *cli) readyPipe() *os.File {
	fd := inheritedFD(c.lookupEnv, envReady)
	os.Unsetenv(envReady)
	if fd < 0 {
		return nil
	}
	return os.NewFile(uintptr(fd), "ready")
}
