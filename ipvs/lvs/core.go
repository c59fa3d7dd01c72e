package lvs

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
)

// Notifier is told what keepalived reports on state changes: it runs
// the notify and quorum scripts, writes the notify FIFOs and sends the
// smtp alerts. It must not block.
type Notifier interface {
	Script(s *Script, stopping bool)
	FIFO(line string)
	Alert(a Alert)
}

// AlertKind is what an smtp alert is about (smtp.c's SMTP_MSG_*).
type AlertKind int

// Alert kinds.
const (
	// AlertRS: a checker changed a real server's state.
	AlertRS AlertKind = iota
	// AlertVS: a virtual server gained or lost its quorum.
	AlertVS
	// AlertRSShut: a real server was removed on shutdown or reload.
	AlertRSShut
)

// Alert is one smtp_alert() of the checker process.
type Alert struct {
	Kind AlertKind
	// VS and RS are the servers as keepalived names them (RS empty for
	// AlertVS).
	VS, RS string
	// Up is the state after the change: the real server's for AlertRS,
	// the quorum's for AlertVS; false for AlertRSShut.
	Up bool
	// Message is keepalived's text, e.g. "=> TCP CHECK failed on service <=".
	Message string
}

// core is keepalived's checker process state (check_data, checkers_queue
// and ipwrapper.c's logic) without clocks, sockets or goroutines: events
// come in as calls, and what they change is left in the table.
type core struct {
	cfg      *Config
	log      *slog.Logger
	notify   Notifier
	rand     *rand.Rand
	tab      table
	vss      []*vsState
	checkers []*checker
	vsge     map[vsgeKey]int
	// reloading is set while a new configuration is applied (keepalived's
	// global "reload").
	reloading bool
	now       time.Time
	// seq counts the attempts started.
	seq uint64
	// fileValue reads a FILE_CHECK's file.
	fileValue func(*FileConfig) int64
	// available says whether the kernel has a scheduler or persistence
	// engine module ("ip_vs_wrr", "ip_vs_pe_sip"); nil: all.
	available func(module string) bool
}

func (c *core) logf(format string, args ...any) {
	c.log.Info(fmt.Sprintf(format, args...))
}

// discardNotifier is the Notifier when none is given.
type discardNotifier struct{}

func (discardNotifier) Script(*Script, bool) {}
func (discardNotifier) FIFO(string)          {}
func (discardNotifier) Alert(Alert)          {}
