package check

import (
	"bufio"
	"context"
	"net"
	"net/netip"
	"strconv"
	"testing"
	"time"
)

// smtpServer plays a script: each line it sends, each it expects.
func smtpServer(t *testing.T, banner, heloReply string) (netip.AddrPort, chan string) {
	t.Helper()
	ln, a := listen(t)
	got := make(chan string, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				c.Write([]byte(banner))
				l, _ := r.ReadString('\n')
				got <- l
				if heloReply == "" {
					time.Sleep(2 * time.Second)
					return
				}
				c.Write([]byte(heloReply))
				l, _ = r.ReadString('\n')
				got <- l
				c.Write([]byte("221 bye\r\n"))
			}(c)
		}
	}()
	return a, got
}

func TestSMTP(t *testing.T) {
	ctx := context.Background()
	rs := netip.MustParseAddrPort("10.0.0.1:25")
	a, got := smtpServer(t, "220 mail.test ESMTP\r\n", "250 hello\r\n")
	if err := SMTP(ctx, Conn{Dst: a, Timeout: time.Second}, "lb.test", rs); err != nil {
		t.Fatal(err)
	}
	if h, q := <-got, <-got; h != "HELO lb.test\r\n" || q != "QUIT\r\n" {
		t.Errorf("dialogue %q %q", h, q)
	}
	host := "[127.0.0.1]:" + itoa(a.Port())
	for _, c := range []struct {
		banner, helo, want string
	}{
		{"554 go away\r\n", "250 ok\r\n", "Bad greeting banner from server "},
		{"220-multi\r\n", "250 ok\r\n", "Bad greeting banner from server "},
		{"220 ok\r\n", "500 what\r\n", "Bad HELO response from server "},
		// smtp_get_status() wants a space or the end after the code.
		{"220 ok\r\n", "250\r\n", "Bad HELO response from server "},
		{"220 ok\r\n", "", "Read timeout from server "},
	} {
		a, _ := smtpServer(t, c.banner, c.helo)
		host = "[127.0.0.1]:" + itoa(a.Port())
		err := SMTP(ctx, Conn{Dst: a, Timeout: 500 * time.Millisecond}, "x", rs)
		if err == nil || err.Error() != c.want+host {
			t.Errorf("%q %q: %v, want %q", c.banner, c.helo, err, c.want+host)
		}
	}
	err := SMTP(ctx, Conn{Dst: closedPort(t), Timeout: time.Second}, "x", rs)
	if err == nil {
		t.Error("closed port passed")
	}
}

func itoa(p uint16) string { return strconv.Itoa(int(p)) }
