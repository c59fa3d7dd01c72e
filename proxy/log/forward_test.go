package log

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

func freeTCPPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func freeUDPPort(t *testing.T) string {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	return strconv.Itoa(pc.LocalAddr().(*net.UDPAddr).Port)
}

// Messages received over UDP and TCP (line feed and octet counting
// framing) go on with their own header; lines as haproxy 2.6.12 sent
// them.
func TestLogForward(t *testing.T) {
	srv := newUDPServer(t)
	udp, tcp := freeUDPPort(t), freeTCPPort(t)
	cfg := load(t, `
log-forward lf
  dgram-bind 127.0.0.1:`+udp+`
  bind 127.0.0.1:`+tcp+`
  log @SYSLOG@ local0
  log @SYSLOG@ format rfc5424 local2
`, srv.addr())
	start(t, cfg)
	c, err := net.Dial("udp", "127.0.0.1:"+udp)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("<13>Jan  2 03:04:05 host tag[12]: hello"))
	for _, want := range []string{
		"<13>Jan  2 03:04:05 host tag[12]: hello\n",
		"<13>1 2026-01-02T03:04:05-00:00 host tag 12 - - hello\n",
	} {
		if got := srv.next(5 * time.Second); got != want {
			t.Errorf("\n got %q\nwant %q", got, want)
		}
	}
	tc, err := net.Dial("tcp", "127.0.0.1:"+tcp)
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	tc.Write([]byte("<13>Jan  2 03:04:05 host tcp[1]: lf framed\r\n21 <14>octet counted msg"))
	var got []string
	for i := 0; i < 4; i++ {
		got = append(got, srv.next(5*time.Second))
	}
	want := []string{
		"<13>Jan  2 03:04:05 host tcp[1]: lf framed\n",
		"<13>1 2026-01-02T03:04:05-00:00 host tcp 1 - - lf framed\n",
		"<14>octet counted msg\n",
		"<14>1 2026-11-21T20:59:26.766074+00:00 - - - - - octet counted msg\n",
	}
	if strings.Join(got, "") != strings.Join(want, "") {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// any other framing closes the connection
	tc.Write([]byte("garbage\n"))
	tc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := tc.Read(make([]byte, 1)); err == nil {
		t.Error("connection still open after a bad frame")
	}
}
