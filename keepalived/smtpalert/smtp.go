// Package smtpalert sends keepalived's email alerts (core/smtp.c): one
// message per state change, through smtp_server, with keepalived's
// commands, headers and texts, so that mail filters written for
// keepalived's alerts keep working.
package smtpalert

import (
	"bufio"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"hakeep/vrrp"
)

// Config is the global_defs part that drives email.
type Config struct {
	// Server and Port are smtp_server (port 25 unless given).
	Server string
	Port   uint16
	// Helo is smtp_helo_name; "" means "localhost" (smtp.c helo_cmd).
	Helo string
	// From is notification_email_from, To notification_email.
	From string
	To   []string
	// RouterID is router_id, in every subject.
	RouterID string
	// ConnectTimeout is smtp_connect_timeout; 0 means 30s.
	ConnectTimeout time.Duration
	// NoEmailFaults is no_email_faults: no mail for FAULT.
	NoEmailFaults bool
}

// Alerter sends alerts, each in its own goroutine as keepalived runs
// each on its own connection.
type Alerter struct {
	cfg Config
	log *slog.Logger
	now func() time.Time
	wg  sync.WaitGroup
}

// New returns an alerter; log carries keepalived's SMTP messages.
func New(cfg Config, log *slog.Logger) *Alerter {
	if cfg.Port == 0 {
		cfg.Port = 25
	}
	if cfg.Helo == "" {
		cfg.Helo = "localhost"
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = 30 * time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Alerter{cfg: cfg, log: log, now: time.Now}
}

// Enabled reports whether mail can be sent: smtp_alert() does nothing
// without notification_email or smtp_server.
func (a *Alerter) Enabled() bool { return a != nil && len(a.cfg.To) > 0 && a.cfg.Server != "" }

// host is how keepalived names the server in its messages
// (FMT_SMTP_HOST: "[address]:port").
func (a *Alerter) host() string {
	return "[" + a.cfg.Server + "]:" + strconv.Itoa(int(a.cfg.Port))
}

// Subject is the subject of a VRRP alert (smtp.c smtp_alert).
func (a *Alerter) Subject(group bool, name, what string) string {
	kind := "VRRP Instance"
	if group {
		kind = "VRRP Group"
	}
	return fmt.Sprintf("[%s] %s %s - %s", a.cfg.RouterID, kind, name, what)
}

// Send sends one alert in the background.
func (a *Alerter) Send(subject, body string) {
	if !a.Enabled() {
		return
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if msg := a.send(subject, body); msg != "" {
			a.log.Info(msg)
		}
	}()
}

// Wait waits for the alerts under way.
func (a *Alerter) Wait() { a.wg.Wait() }

// Message is the DATA keepalived sends (SMTP_HEADERS_CMD, SMTP_BODY_CMD,
// SMTP_SEND_CMD).
func (a *Alerter) Message(subject, body string, at time.Time) string {
	return "Date: " + at.Format("Mon, 02 Jan 2006 15:04:05 -0700") + "\r\n" +
		"From: " + a.cfg.From + "\r\n" +
		"Subject: " + subject + "\r\n" +
		"X-Mailer: Keepalived\r\n" +
		"To: " + strings.Join(a.cfg.To, ", ") + "\r\n\r\n" +
		body + "\r\n" +
		"\r\n.\r\n"
}

// send runs keepalived's SMTP dialogue: greeting 220, HELO 250, MAIL
// 250, one RCPT per address 250, DATA 354, message 250, QUIT. It
// returns keepalived's message for a failure, "" on success.
func (a *Alerter) send(subject, body string) string {
	addr := net.JoinHostPort(a.cfg.Server, strconv.Itoa(int(a.cfg.Port)))
	c, err := net.DialTimeout("tcp", addr, a.cfg.ConnectTimeout)
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			return fmt.Sprintf("Timeout connecting SMTP server %s.", a.host())
		}
		return fmt.Sprintf("SMTP connection ERROR to %s.", a.host())
	}
	defer c.Close()
	a.log.Info("Remote SMTP server " + a.host() + " connected.")
	r := bufio.NewReader(c)
	step := func(cmd string, want int, what string) string {
		if cmd != "" {
			c.SetWriteDeadline(time.Now().Add(a.cfg.ConnectTimeout))
			if _, err := c.Write([]byte(cmd)); err != nil {
				return fmt.Sprintf("Can not send data to remote SMTP server %s.", a.host())
			}
		}
		c.SetReadDeadline(time.Now().Add(a.cfg.ConnectTimeout))
		code, err := readReply(r)
		if err != nil {
			return fmt.Sprintf("Timeout reading data to remote SMTP server %s.", a.host())
		}
		if code != want {
			return fmt.Sprintf("Error %s on SMTP server %s. SMTP status code = %d", what, a.host(), code)
		}
		return ""
	}
	if msg := step("", 220, "connecting"); msg != "" {
		return msg
	}
	if msg := step("HELO "+a.cfg.Helo+"\r\n", 250, "processing HELO cmd"); msg != "" {
		return msg
	}
	if msg := step("MAIL FROM:<"+a.cfg.From+">\r\n", 250, "processing MAIL cmd"); msg != "" {
		return msg
	}
	for _, to := range a.cfg.To {
		if msg := step("RCPT TO:<"+to+">\r\n", 250, "processing RCPT cmd"); msg != "" {
			return msg
		}
	}
	if msg := step("DATA\r\n", 354, "processing DATA cmd"); msg != "" {
		return msg
	}
	if msg := step(a.Message(subject, body, a.now()), 250, "processing DOT cmd"); msg != "" {
		return msg
	}
	a.log.Info("SMTP alert successfully sent.")
	c.Write([]byte("QUIT\r\n"))
	return ""
}

// readReply reads one reply, skipping continuation lines ("250-..."),
// and returns its code.
func readReply(r *bufio.Reader) (int, error) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return 0, err
		}
		if len(line) < 4 {
			continue
		}
		if line[3] == '-' {
			continue
		}
		return strconv.Atoi(line[:3])
	}
}

// VRRPNotifier mails VRRP transitions (vrrp_notify.c vrrp_smtp_notifier):
// for instances and groups with smtp_alert, once per state, not for FAULT
// with no_email_faults.
type VRRPNotifier struct {
	A *Alerter

	mu   sync.Mutex
	last map[string]vrrp.EventType
}

// Notify mails e when it is a new state of an instance or group with
// smtp_alert.
func (n *VRRPNotifier) Notify(e vrrp.Event) {
	if !e.SMTPAlert || !n.A.Enabled() || !e.Type.IsState() {
		return
	}
	if n.A.cfg.NoEmailFaults && e.Type == vrrp.EventFault {
		return
	}
	var what, body string
	switch e.Type {
	case vrrp.EventMaster:
		what, body = "Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="
	case vrrp.EventBackup:
		what, body = "Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="
	case vrrp.EventFault:
		what, body = "Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="
	case vrrp.EventStop:
		what, body = "Stopping", "=> VRRP Instance stopping <="
	case vrrp.EventDeleted:
		what, body = "Deleted", "=> VRRP Deleted at reload <="
	default:
		return
	}
	if e.Group {
		switch e.Type {
		case vrrp.EventMaster:
			body = "=> All VRRP group instances are now in MASTER state <="
		case vrrp.EventBackup:
			body = "=> All VRRP group instances are now in BACKUP state <="
		case vrrp.EventFault:
			body = "=> All VRRP group instances are now in FAULT state <="
		case vrrp.EventStop:
			body = "=> All VRRP group instances are now stopping <="
		}
	}
	key := e.Kind() + "/" + e.Name
	n.mu.Lock()
	if n.last == nil {
		n.last = map[string]vrrp.EventType{}
	}
	if n.last[key] == e.Type {
		n.mu.Unlock()
		return
	}
	n.last[key] = e.Type
	n.mu.Unlock()
	n.A.Send(n.A.Subject(e.Group, e.Name, what), body)
}
