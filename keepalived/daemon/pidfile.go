package daemon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Default pidfiles of keepalived 2.2.7 as Debian builds it (runstatedir
// /run; core/pidfile.c): the parent's and one per child process, in
// /run/keepalived/ with use_pid_dir.
const (
	runDir            = "/run"
	pidDir            = "/run/keepalived"
	mainPIDName       = "keepalived.pid"
	vrrpPIDName       = "vrrp.pid"
	checkersPIDName   = "checkers.pid"
	bfdPIDName        = "bfd.pid"
	defaultPIDDirMode = 0o755
)

// PIDFiles are the pidfiles a run writes.
type PIDFiles struct {
	Main, VRRP, Checkers, BFD string
}

// pidFiles resolves the -p, -r, -c and -b options against keepalived's
// defaults.
func pidFiles(main, vrrp, checkers, bfd string, usePIDDir bool) PIDFiles {
	dir := runDir
	if usePIDDir {
		dir = pidDir
	}
	def := func(given, name string) string {
		if given != "" {
			return given
		}
		return filepath.Join(dir, name)
	}
	return PIDFiles{Main: def(main, mainPIDName), VRRP: def(vrrp, vrrpPIDName),
		Checkers: def(checkers, checkersPIDName), BFD: def(bfd, bfdPIDName)}
}

// writePID writes "PID\n" to path (pidfile_write), creating the
// directory keepalived creates for use_pid_dir.
func writePID(path string, pid int) error {
	if err := os.MkdirAll(filepath.Dir(path), defaultPIDDirMode); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return fmt.Errorf("pidfile_write : Cannot open %s pidfile: %w", path, err)
	}
	_, err = fmt.Fprintf(f, "%d\n", pid)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readPID reads a pidfile; 0 when it is missing or holds no number.
func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// running is keepalived_running(): a pidfile names a live process other
// than us. A stale pidfile is not a running daemon.
func running(path string, self int) bool {
	pid := readPID(path)
	if pid == 0 || pid == self {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
