package smtpalert

import (
	"bufio"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/vrrp"
)

// sink is a minimal SMTP server on loopback that records each session.
func sink(t *testing.T) (port uint16, sessions chan string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	sessions = make(chan string, 4)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				var b strings.Builder
				r := bufio.NewReader(c)
				c.Write([]byte("220 sink ESMTP\r\n"))
				data := false
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						sessions <- b.String()
						return
					}
					b.WriteString(line)
					switch {
					case data && line == ".\r\n":
						data = false
						c.Write([]byte("250 queued\r\n"))
					case data:
					case line == "DATA\r\n":
						data = true
						c.Write([]byte("354 go ahead\r\n"))
					case line == "QUIT\r\n":
						c.Write([]byte("221 bye\r\n"))
						sessions <- b.String()
						return
					default:
						c.Write([]byte("250-ok\r\n250 ok\r\n"))
					}
				}
			}()
		}
	}()
	p, _ := strconv.Atoi(l.Addr().(*net.TCPAddr).AddrPort().String()[len("127.0.0.1:"):])
	return uint16(p), sessions
}

func TestAlertDialogue(t *testing.T) {
	port, sessions := sink(t)
	a := New(Config{Server: "127.0.0.1", Port: port, From: "ka@example.com", To: []string{"a@example.com", "b@example.com"},
		RouterID: "lb1"}, nil)
	at := time.Date(2026, 11, 21, 21, 52, 15, 0, time.FixedZone("", 3600))
	a.now = func() time.Time { return at }
	n := &VRRPNotifier{A: a}
	n.Notify(vrrp.Event{Name: "VI_1", Type: vrrp.EventMaster, SMTPAlert: true})
	var got string
	select {
	case got = <-sessions:
	case <-time.After(10 * time.Second):
		t.Fatal("no mail")
	}
	want := "HELO localhost\r\n" +
		"MAIL FROM:<ka@example.com>\r\n" +
		"RCPT TO:<a@example.com>\r\n" +
		"RCPT TO:<b@example.com>\r\n" +
		"DATA\r\n" +
		"Date: Sat, 21 Nov 2026 21:52:15 +0100\r\n" +
		"From: ka@example.com\r\n" +
		"Subject: [lb1] VRRP Instance VI_1 - Entering MASTER state\r\n" +
		"X-Mailer: Keepalived\r\n" +
		"To: a@example.com, b@example.com\r\n\r\n" +
		"=> VRRP Instance is now owning VRRP VIPs <=\r\n" +
		"\r\n.\r\n" +
		"QUIT\r\n"
	if got != want {
		t.Fatalf("session\n got %q\nwant %q", got, want)
	}
	// The same state again sends nothing; no smtp_alert sends nothing.
	n.Notify(vrrp.Event{Name: "VI_1", Type: vrrp.EventMaster, SMTPAlert: true})
	n.Notify(vrrp.Event{Name: "VI_2", Type: vrrp.EventMaster})
	n.Notify(vrrp.Event{Group: true, Name: "G", Type: vrrp.EventBackup, SMTPAlert: true})
	select {
	case got = <-sessions:
		if !strings.Contains(got, "Subject: [lb1] VRRP Group G - Entering BACKUP state\r\n") ||
			!strings.Contains(got, "=> All VRRP group instances are now in BACKUP state <=") {
			t.Fatalf("group mail %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no group mail")
	}
	a.Wait()
	select {
	case got = <-sessions:
		t.Fatalf("unexpected mail %q", got)
	default:
	}
}
