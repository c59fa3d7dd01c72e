package keepalived_e2e

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// smtpSink is a minimal SMTP server in a namespace, recording sessions.
type smtpSink struct {
	mu       sync.Mutex
	sessions []string
}

func newSMTPSink(t *testing.T, ns string, port int) *smtpSink {
	s := &smtpSink{}
	var l net.Listener
	inNS(t, ns, func() {
		var err error
		l, err = net.Listen("tcp4", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpSink) serve(c net.Conn) {
	defer c.Close()
	var b strings.Builder
	r := bufio.NewReader(c)
	c.Write([]byte("220 sink ESMTP\r\n"))
	data := false
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, err := r.ReadString('\n')
		if err != nil {
			break
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
			s.add(b.String())
			return
		default:
			c.Write([]byte("250 ok\r\n"))
		}
	}
	s.add(b.String())
}

func (s *smtpSink) add(x string) {
	s.mu.Lock()
	s.sessions = append(s.sessions, x)
	s.mu.Unlock()
}

func (s *smtpSink) got() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sessions...)
}

// fifoReader reads a notify FIFO's lines as they come.
type fifoReader struct {
	mu    sync.Mutex
	lines []string
}

func readFIFO(t *testing.T, path string) *fifoReader {
	fr := &fifoReader{}
	var f *os.File
	waitFor(t, 20*time.Second, "the notify FIFO", func() bool {
		st, err := os.Stat(path)
		if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			return false
		}
		f, err = os.OpenFile(path, os.O_RDWR, 0)
		return err == nil
	})
	t.Cleanup(func() { f.Close() })
	go func() {
		s := bufio.NewScanner(f)
		for s.Scan() {
			fr.mu.Lock()
			fr.lines = append(fr.lines, s.Text())
			fr.mu.Unlock()
		}
	}()
	return fr
}

func (fr *fifoReader) got() []string {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	return append([]string(nil), fr.lines...)
}

// notifyRun is what one keepalived reported for the notify scenario.
type notifyRun struct {
	fifo    []string
	scripts []string
	mail    []string
}

// notifyScenario runs one keepalived (bin "" is the real one) alone as
// master with notify scripts, a VRRP notify FIFO and email, then stops
// it, and returns what it reported.
func notifyScenario(t *testing.T, bin string) notifyRun {
	l := newLab(t)
	port := freePort()
	sink := newSMTPSink(t, l.a, port)
	bx := newBox(t, l.a)
	bx.write("notify.sh", "#!/bin/sh\necho \"$*\" >> /media/notify.out\n", 0o755)
	bx.write("insecure.sh", "#!/bin/sh\necho insecure >> /media/notify.out\n", 0o777)
	os.Chmod(bx.path("insecure.sh"), 0o777)
	conf := fmt.Sprintf(`global_defs {
	router_id notify-test
	notification_email {
		ops@example.com
		oncall@example.com
	}
	notification_email_from keepalived@example.com
	smtp_server 127.0.0.1 %d
	smtp_helo_name lb.example.com
	smtp_connect_timeout 5
	enable_script_security
	script_user root
	vrrp_notify_fifo /media/fifo
}
vrrp_instance VI_1 {
	interface eth0
	state MASTER
	virtual_router_id 81
	priority 150
	advert_int 1
	virtual_ipaddress {
		%s%s
	}
	smtp_alert
	notify_master "/media/notify.sh master-script"
	notify_backup /media/insecure.sh
	notify_stop "/media/notify.sh stop-script"
	notify "/media/notify.sh generic"
}
`, port, vip, vipNet)
	k := startKA(t, "notify", bx, conf, kaOpts{bin: bin})
	fr := readFIFO(t, bx.path("fifo"))
	waitFor(t, 20*time.Second, "MASTER", func() bool { return hasAddr(t, l.a, vip) })
	waitFor(t, 20*time.Second, "the MASTER mail", func() bool {
		return slices.ContainsFunc(sink.got(), func(m string) bool { return strings.Contains(m, "Entering MASTER state") })
	})
	waitFor(t, 10*time.Second, "the notify scripts", func() bool {
		b, _ := os.ReadFile(bx.path("notify.out"))
		return strings.Count(string(b), "\n") >= 2
	})
	if err := k.stop(10 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
	waitFor(t, 10*time.Second, "the STOP line", func() bool { return len(fr.got()) >= 3 })
	waitFor(t, 10*time.Second, "the stop mail", func() bool { return len(sink.got()) >= 3 })
	b, _ := os.ReadFile(bx.path("notify.out"))
	scripts := strings.Split(strings.TrimSpace(string(b)), "\n")
	slices.Sort(scripts)
	date := regexp.MustCompile(`(?m)^Date: .*\r$`)
	var mail []string
	for _, m := range sink.got() {
		mail = append(mail, date.ReplaceAllString(m, "Date: <date>\r"))
	}
	slices.Sort(mail)
	return notifyRun{fifo: fr.got(), scripts: scripts, mail: mail}
}

// TestE2EKeepalivedNotify compares what hakeep's keepalived and the real
// one report for the same transitions (start as master, stop): the
// vrrp_notify_fifo lines, the notify scripts run with their arguments
// (the generic one with the four keepalived appends; an insecure one
// under enable_script_security not run), and the smtp_alert mails as an
// SMTP server receives them.
func TestE2EKeepalivedNotify(t *testing.T) {
	needLab(t)
	bin := ours(t)
	var real, hk notifyRun
	t.Run("real", func(t *testing.T) { real = notifyScenario(t, "") })
	t.Run("ours", func(t *testing.T) { hk = notifyScenario(t, bin) })
	if t.Failed() {
		return
	}
	t.Logf("real keepalived:\nfifo %q\nscripts %q\nmail %q", real.fifo, real.scripts, real.mail)
	// On SIGTERM 2.2.7 opens the connection for its "Stopping" mail and
	// exits before sending anything (an empty session); hakeep sends
	// that mail, with keepalived's own texts.
	real.mail = slices.DeleteFunc(real.mail, func(m string) bool { return m == "" })
	stopping := slices.IndexFunc(hk.mail, func(m string) bool {
		return strings.Contains(m, "Subject: [notify-test] VRRP Instance VI_1 - Stopping\r\n") &&
			strings.Contains(m, "\r\n=> VRRP Instance stopping <=\r\n")
	})
	if stopping < 0 {
		t.Errorf("no Stopping mail from ours: %q", hk.mail)
	} else {
		hk.mail = slices.Delete(hk.mail, stopping, stopping+1)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"notify fifo lines", hk.fifo, real.fifo}, {"notify scripts", hk.scripts, real.scripts}, {"mails", hk.mail, real.mail}} {
		if strings.Join(c.got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s\n got %q\nwant %q", c.what, c.got, c.want)
		}
	}
}
