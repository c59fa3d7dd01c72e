package kernel

import (
	"fmt"
	"runtime"

	"github.com/vishvananda/netns"
)

// NS is a network namespace to open sockets in; the zero value (or a
// closed handle) means the caller's own.
type NS struct {
	Handle netns.NsHandle
}

func (n NS) set() bool { return n.Handle.IsOpen() && n.Handle != 0 }

// do runs fn on a thread switched into the namespace, so sockets fn
// creates belong to it (sockets keep their namespace for life).
func (n NS) do(fn func() error) error {
	if !n.set() {
		return fn()
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	orig, err := netns.Get()
	if err != nil {
		return fmt.Errorf("current network namespace: %w", err)
	}
	defer orig.Close()
	if err := netns.Set(n.Handle); err != nil {
		return fmt.Errorf("entering network namespace: %w", err)
	}
	defer netns.Set(orig)
	return fn()
}
