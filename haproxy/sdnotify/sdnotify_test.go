package sdnotify

import (
	"net"
	"path/filepath"
	"testing"
	"time"
)

func listen(t *testing.T, name string) *net.UnixConn {
	t.Helper()
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func recv(t *testing.T, c *net.UnixConn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b := make([]byte, 512)
	n, err := c.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(b[:n])
}

// The datagrams are what HAProxy 2.6.12 sends, as captured from Debian's
// binary under -Ws: one message per datagram, no trailing newline.
func TestMessagesAreHAProxys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notify")
	c := listen(t, path)
	n := New(path)
	for _, m := range []string{Reloading, Ready(14895), Stopping} {
		if err := n.Notify(m); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"RELOADING=1", "READY=1\nMAINPID=14895", "STOPPING=1"}
	for _, w := range want {
		if got := recv(t, c); got != w {
			t.Errorf("datagram %q, want %q", got, w)
		}
	}
}

func TestAbstractSocket(t *testing.T) {
	name := "@hakeep-sdnotify-test-" + filepath.Base(t.TempDir())
	c := listen(t, name)
	if err := New(name).Notify(Stopping); err != nil {
		t.Fatal(err)
	}
	if got := recv(t, c); got != Stopping {
		t.Errorf("got %q", got)
	}
}

func TestNoSocket(t *testing.T) {
	for _, s := range []string{"", "@", "relative/path", "/"} {
		if n := New(s); n != nil {
			t.Errorf("New(%q) = %v, want nil (sd_notify ignores it)", s, n)
		}
	}
	var n *Notifier
	if err := n.Notify(Ready(1)); err != nil {
		t.Errorf("nil notifier: %v", err)
	}
	if err := New("/nonexistent/dir/sock").Notify(Stopping); err == nil {
		t.Error("want an error for a missing socket")
	}
}
