package sock

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// maxSplice is what one splice(2) asks to move, the pipe's size (the
// runtime's own splice uses the same).
const maxSplice = 1 << 20

// Splice copies src to dst through a pipe with splice(2), the bytes
// never entering user space, until src's end of file (nil) or an error:
// the copy io.Copy makes between two *net.TCPConn, for descriptors of
// which one at least is a Conn. Both wait in the runtime's poller when
// they must (with their deadlines).
func Splice(dst, src syscall.RawConn) (int64, error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return 0, os.NewSyscallError("pipe2", err)
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	unix.FcntlInt(uintptr(p[0]), unix.F_SETPIPE_SZ, maxSplice)
	var written int64
	var n int
	var serr error
	// drain moves what src has into the (empty) pipe; 0 at its end
	drain := func(fd uintptr) bool {
		for {
			n, serr = splice(p[1], int(fd), maxSplice)
			if serr != unix.EINTR {
				return serr != unix.EAGAIN
			}
		}
	}
	var inPipe int
	// pump moves the pipe's bytes to dst, as far as it takes them
	pump := func(fd uintptr) bool {
		for inPipe > 0 {
			m, err := splice(int(fd), p[0], inPipe)
			switch err {
			case unix.EINTR:
				continue
			case unix.EAGAIN:
				return false
			case nil:
				inPipe -= m
				written += int64(m)
				continue
			}
			serr = err
			return true
		}
		return true
	}
	for {
		serr = nil
		if err := src.Read(drain); err != nil {
			return written, err
		}
		if serr != nil {
			return written, opError("read", os.NewSyscallError("splice", serr))
		}
		if n == 0 {
			return written, nil
		}
		inPipe = n
		if err := dst.Write(pump); err != nil {
			return written, err
		}
		if serr != nil {
			return written, opError("write", os.NewSyscallError("splice", serr))
		}
	}
}

func splice(out, in, max int) (int, error) {
	n, err := unix.Splice(in, nil, out, nil, max, unix.SPLICE_F_NONBLOCK)
	return int(n), err
}
