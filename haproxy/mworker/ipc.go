package mworker

import (
	"context"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// The master and each worker share a SOCK_SEQPACKET socketpair. The
// master opens a CLI session in the worker by passing it one end of a
// fresh socketpair (sockxfer.DialPair, as 2.6's "sockpair@"); the worker
// says it serves with MsgReady.
const MsgReady = "READY"

// NewIPC creates the socketpair for a new worker: the master's end and
// the worker's, both close-on-exec.
func NewIPC() (master, worker int, err error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, -1, err
	}
	return fds[0], fds[1], nil
}

// readIPC waits for the worker's messages on a duplicate of the master's
// end; it ends when the worker closes its end (it exited).
func (m *Master) readIPC(ctx context.Context, pid, fd int) {
	dup, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return
	}
	f := os.NewFile(uintptr(dup), "ipc")
	c, err := net.FileConn(f)
	f.Close()
	if err != nil {
		return
	}
	defer c.Close()
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return
	}
	buf := make([]byte, 64)
	for {
		n, _, _, _, err := uc.ReadMsgUnix(buf, nil)
		if err != nil || n == 0 {
			return
		}
		if string(buf[:n]) == MsgReady {
			select {
			case m.events <- event{ready: pid}:
			case <-ctx.Done():
				return
			}
		}
	}
}
