package kalog

import (
	"bytes"
	"net"
	"path/filepath"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "log")
	l, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var console bytes.Buffer
	at := time.Date(2026, 11, 1, 21, 52, 15, 0, time.Local)
	s := New(Options{Console: &console, Syslog: sock, PID: 4242, Now: func() time.Time { return at }})
	defer s.Close()
	log := s.Logger("Keepalived_vrrp")
	log.Info("(VI_1) Entering MASTER STATE")
	log.Debug("(VI_1) setting VIPs.") // -D only
	s.SetDetail(true)
	log.Debug("(VI_1) setting VIPs.")
	s.Logger("Keepalived").Warn("Stopping")

	want := "Sun Nov  1 21:52:15 2026: (VI_1) Entering MASTER STATE\n" +
		"Sun Nov  1 21:52:15 2026: (VI_1) setting VIPs.\n" +
		"Sun Nov  1 21:52:15 2026: Stopping\n"
	if console.String() != want {
		t.Errorf("console\n got %q\nwant %q", console.String(), want)
	}
	buf := make([]byte, 512)
	for _, want := range []string{
		"<30>Nov  1 21:52:15 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE",
		"<30>Nov  1 21:52:15 Keepalived_vrrp[4242]: (VI_1) setting VIPs.",
		"<28>Nov  1 21:52:15 Keepalived[4242]: Stopping",
	} {
		l.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := l.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(buf[:n]); got != want {
			t.Errorf("syslog\n got %q\nwant %q", got, want)
		}
	}
}

func TestFacilityAndNoSyslog(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "log")
	l, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s := New(Options{Syslog: sock, Facility: FacilityLocal0 + 3, PID: 1})
	s.Logger("Keepalived").Info("x")
	buf := make([]byte, 128)
	l.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := l.Read(buf)
	if err != nil || !bytes.HasPrefix(buf[:n], []byte("<158>")) {
		t.Fatalf("local3.info: %q %v", buf[:n], err)
	}
	// -G: nothing reaches syslog, and a missing /dev/log is not an error.
	New(Options{}).Logger("Keepalived").Info("dropped")
	New(Options{Syslog: filepath.Join(t.TempDir(), "none")}).Logger("Keepalived").Info("dropped")
}
