package lvs_e2e

import (
	"net"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// listenInNetns opens a TCP listener on addr inside the named network
// namespace (/run/netns/<ns>). The socket stays in that namespace; the
// thread that made it goes back to this process's.
func listenInNetns(ns, addr string) (net.Listener, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	self, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		return nil, err
	}
	defer self.Close()
	target, err := os.Open("/run/netns/" + ns)
	if err != nil {
		return nil, err
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	ln, lerr := net.Listen("tcp4", addr)
	if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err != nil {
		// This thread cannot go back: let it die with the goroutine.
		runtime.UnlockOSThread()
		panic("leaving network namespace " + ns + ": " + err.Error())
	}
	return ln, lerr
}
