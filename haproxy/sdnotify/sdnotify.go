// Package sdnotify tells systemd about the service's state the way
// libsystemd's sd_notify() does: one datagram per message on the unix
// socket named by $NOTIFY_SOCKET, an abstract one when the name starts
// with '@' (sd_notify(3)). HAProxy 2.6 sends these from the master of
// "-Ws" (src/haproxy.c, src/mworker.c), which Debian's unit expects with
// Type=notify.
package sdnotify

import (
	"fmt"
	"net"
	"strconv"
)

// The messages of HAProxy 2.6, byte for byte.
const (
	// Reloading is sent each time the master re-executes itself: at a
	// reload and when it enters its wait mode (mworker_reexec()).
	Reloading = "RELOADING=1"
	// Stopping is sent when the master is told to stop
	// (mworker_catch_sigterm()).
	Stopping = "STOPPING=1"
)

// Ready is the message the master sends once it serves: readiness and
// the PID systemd must watch (mworker_loop()).
func Ready(mainPID int) string {
	return "READY=1\nMAINPID=" + strconv.Itoa(mainPID)
}

// Notifier sends to one notification socket. A nil Notifier sends
// nothing, as sd_notify() does without $NOTIFY_SOCKET.
type Notifier struct {
	addr *net.UnixAddr
}

// New returns a Notifier for the socket named like $NOTIFY_SOCKET, or nil
// when the name is empty or not a socket name sd_notify() would use (an
// absolute path or '@' followed by a name).
func New(socket string) *Notifier {
	if len(socket) < 2 || (socket[0] != '/' && socket[0] != '@') {
		return nil
	}
	return &Notifier{addr: &net.UnixAddr{Name: socket, Net: "unixgram"}}
}

// Notify sends one state message. Go maps a leading '@' to the abstract
// namespace as sd_notify() does.
func (n *Notifier) Notify(state string) error {
	if n == nil {
		return nil
	}
	c, err := net.DialUnix("unixgram", nil, n.addr)
	if err != nil {
		return fmt.Errorf("sd_notify to %q: %w", n.addr.Name, err)
	}
	defer c.Close()
	if _, err := c.Write([]byte(state)); err != nil {
		return fmt.Errorf("sd_notify to %q: %w", n.addr.Name, err)
	}
	return nil
}
