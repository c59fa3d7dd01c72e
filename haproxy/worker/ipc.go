package worker

import (
	"context"
	"net"
	"os"
	"syscall"
)

// readIPC takes the CLI sessions the master opens: each arrives as one
// end of a socketpair passed with SCM_RIGHTS. When the master's end
// closes, the master is gone and so is the worker, at once and with
// status 1, as in 2.6 (mworker_accept_wrapper()).
func (w *Worker) readIPC(ctx context.Context) {
	buf := make([]byte, 16)
	oob := make([]byte, syscall.CmsgSpace(4*4))
	for {
		n, oobn, _, _, err := w.IPC.ReadMsgUnix(buf, oob)
		if ctx.Err() != nil {
			return
		}
		if err != nil || (n == 0 && oobn == 0) {
			w.Exit(1)
			return
		}
		msgs, err := syscall.ParseSocketControlMessage(oob[:oobn])
		if err != nil {
			continue
		}
		for i := range msgs {
			fds, err := syscall.ParseUnixRights(&msgs[i])
			if err != nil {
				continue
			}
			for _, fd := range fds {
				syscall.CloseOnExec(fd)
				f := os.NewFile(uintptr(fd), "session")
				c, err := net.FileConn(f)
				f.Close()
				if err != nil {
					continue
				}
				// the master's sessions are admin and may take
				// the sockets (mworker_cli_sockpair_new())
				go w.session(c, levelAdmin, true, 0)
			}
		}
	}
}
