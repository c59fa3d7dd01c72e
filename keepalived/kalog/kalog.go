// Package kalog writes keepalived's log: to syslog through /dev/log in
// glibc's format ("<30>Nov 21 21:52:15 Keepalived_vrrp[4242]: (VI_1)
// Entering MASTER STATE"), and with -l to the console as keepalived
// prints it ("Sat Nov 21 21:52:15 2026: (VI_1) Entering MASTER STATE").
//
// keepalived logs each of its processes under its own name (Keepalived,
// Keepalived_vrrp, Keepalived_healthcheckers, Keepalived_bfd); hakeep is
// one process and gives each subsystem a logger with that name.
package kalog

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"
)

// Syslog facilities (syslog.h).
const (
	FacilityUser   = 1
	FacilityDaemon = 3
	FacilityLocal0 = 16
)

// Syslog severities used: keepalived logs nearly everything at LOG_INFO.
const (
	sevErr     = 3
	sevWarning = 4
	sevInfo    = 6
)

// Options say where messages go.
type Options struct {
	// Console receives messages when set (keepalived's -l).
	Console io.Writer
	// Syslog is the socket path ("/dev/log"); "" disables syslog (-G).
	Syslog string
	// Facility is the syslog facility number (-S); 0 means LOG_DAEMON.
	Facility int
	// Detail enables the messages keepalived logs only with -D.
	Detail bool
	// PID is the pid syslog lines carry.
	PID int
	// Now: nil is time.Now.
	Now func() time.Time
}

// Sink is the destination every named logger writes to.
type Sink struct {
	opts Options
	mu   sync.Mutex
	conn net.Conn
	// retry is when to try connecting to syslog again.
	retry time.Time
}

// New returns a sink.
func New(opts Options) *Sink {
	if opts.Facility == 0 {
		opts.Facility = FacilityDaemon
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Sink{opts: opts}
}

// Logger returns a logger whose messages carry ident (keepalived's
// process name, "Keepalived_vrrp").
func (s *Sink) Logger(ident string) *slog.Logger {
	return slog.New(&handler{s: s, ident: ident})
}

// Close closes the syslog connection.
func (s *Sink) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
}

// SetDetail turns the -D messages on or off.
func (s *Sink) SetDetail(on bool) {
	s.mu.Lock()
	s.opts.Detail = on
	s.mu.Unlock()
}

func (s *Sink) write(ident string, sev int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	if s.opts.Console != nil {
		fmt.Fprintf(s.opts.Console, "%s: %s\n", now.Format("Mon Jan _2 15:04:05 2006"), msg)
	}
	if s.opts.Syslog == "" {
		return
	}
	line := fmt.Sprintf("<%d>%s %s[%d]: %s", s.opts.Facility*8+sev, now.Format(time.Stamp), ident, s.opts.PID, msg)
	if s.conn == nil {
		if now.Before(s.retry) {
			return
		}
		c, err := net.Dial("unixgram", s.opts.Syslog)
		if err != nil {
			// glibc's syslog() drops the message when /dev/log is not
			// there and tries again on the next one; once a second is
			// enough.
			s.retry = now.Add(time.Second)
			return
		}
		s.conn = c
	}
	if _, err := io.WriteString(s.conn, line); err != nil {
		s.conn.Close()
		s.conn = nil
	}
}

type handler struct {
	s     *Sink
	ident string
	attrs []slog.Attr
}

func (h *handler) Enabled(_ context.Context, l slog.Level) bool {
	if l < slog.LevelInfo {
		h.s.mu.Lock()
		defer h.s.mu.Unlock()
		return h.s.opts.Detail
	}
	return true
}

func (h *handler) Handle(_ context.Context, r slog.Record) error {
	sev := sevInfo
	switch {
	case r.Level >= slog.LevelError:
		sev = sevErr
	case r.Level >= slog.LevelWarn:
		sev = sevWarning
	}
	msg := r.Message
	var extra []string
	for _, a := range h.attrs {
		extra = append(extra, a.String())
	}
	r.Attrs(func(a slog.Attr) bool {
		extra = append(extra, a.String())
		return true
	})
	if len(extra) > 0 {
		msg += " " + strings.Join(extra, " ")
	}
	h.s.write(h.ident, sev, msg)
	return nil
}

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	return &handler{s: h.s, ident: h.ident, attrs: append(append([]slog.Attr(nil), h.attrs...), as...)}
}

func (h *handler) WithGroup(string) slog.Handler { return h }
