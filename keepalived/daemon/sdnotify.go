package daemon

import (
	"net"
	"os"
	"strconv"
)

// notifier speaks systemd's notification protocol (sd_notify(3)) on
// $NOTIFY_SOCKET, with the messages keepalived 2.2.7 sends under
// Debian's Type=notify unit (core/systemd.c, observed): an empty datagram
// first, "READY=1\nMAINPID=PID" once started and after each reload,
// "RELOADING=1" when a reload begins and "STOPPING=1" on the way out.
//
// keepalived only sends when its parent is pid 1 and named systemd;
// hakeep sends whenever NOTIFY_SOCKET is set, as sd_notify itself does,
// and like keepalived (sd_notify's unset_environment) removes the
// variable so that scripts do not inherit it.
type notifier struct {
	addr *net.UnixAddr
	pid  int
}

func newNotifier(pid int) *notifier {
	path := os.Getenv("NOTIFY_SOCKET")
	os.Unsetenv("NOTIFY_SOCKET")
	if path == "" {
		return nil
	}
	if path[0] == '@' {
		path = "\x00" + path[1:] // abstract namespace
	}
	return &notifier{addr: &net.UnixAddr{Name: path, Net: "unixgram"}, pid: pid}
}

func (n *notifier) send(state string) {
	if n == nil {
		return
	}
	c, err := net.DialUnix("unixgram", nil, n.addr)
	if err != nil {
		return
	}
	c.Write([]byte(state))
	c.Close()
}

func (n *notifier) hello()     { n.send("") }
func (n *notifier) ready()     { n.send("READY=1\nMAINPID=" + strconv.Itoa(n.pidOrZero())) }
func (n *notifier) reloading() { n.send("RELOADING=1") }
func (n *notifier) stopping()  { n.send("STOPPING=1") }

func (n *notifier) pidOrZero() int {
	if n == nil {
		return 0
	}
	return n.pid
}
