package check

import (
	"fmt"
	"strings"
	"time"
)

// descLen is HCHK_DESC_LEN: a check's description is cut at 127 bytes.
const descLen = 128

func truncDesc(s string) string {
	// a C string: it ends at the first NUL
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	if len(s) > descLen-1 {
		return s[:descLen-1]
	}
	return s
}

// Check is a server's health check or agent check (struct check): its
// settings, health counter and last result. Fields change under the
// world lock; the probe itself runs outside it.
type Check struct {
	srv   *Server
	agent bool

	configured bool // CHK_ST_CONFIGURED
	enabled    bool // CHK_ST_ENABLED
	paused     bool // CHK_ST_PAUSED: maintenance
	inProgress bool // CHK_ST_INPROGRESS
	fastForced bool // CHK_ST_FASTINTER: "on-error" asked for fastinter

	health, rise, fall          int
	inter, fastInter, downInter time.Duration

	status   Status
	code     int
	desc     string
	duration int64 // milliseconds, -1 when there is none
	start    time.Time
	res      result

	// probe is what the check does; port and addr can change at run
	// time ("set server ... check-port", "agent-addr").
	probe *probe
	// wake asks the task to reconsider its timer (fastinter forced).
	wake chan struct{}
}

func newCheck(s *Server, agent bool) *Check {
	return &Check{srv: s, agent: agent, status: StatusINI, duration: -1, wake: make(chan struct{}, 1)}
}

// Configured reports whether the check exists ("check", "agent-check").
func (c *Check) Configured() bool { return c.configured }

// kindName is "Health" or "Agent" as the log lines say.
func (c *Check) kindName() string {
	if c.agent {
		return "Agent"
	}
	return "Health"
}

// up is the health counter's upper bound: UP with no failure pending.
func (c *Check) up() int { return c.rise + c.fall - 1 }

// getInter is srv_getinter(): inter while fully up, downinter while down,
// fastinter in between (each falling back to inter).
func (c *Check) getInter() time.Duration {
	if !c.fastForced && c.health == c.up() {
		return c.inter
	}
	if c.srv.nextState == StateStopped && c.health == 0 {
		if c.downInter > 0 {
			return c.downInter
		}
		return c.inter
	}
	if c.fastInter > 0 {
		return c.fastInter
	}
	return c.inter
}

// begin is set_server_check_status(HCHK_STATUS_START).
func (c *Check) begin() {
	c.res = resultUnknown
	c.desc = ""
	c.start = c.srv.w.now()
}

// setStatus is set_server_check_status() of 2.6: the result is recorded,
// the health counter moves, and with "option log-health-checks" each
// change is logged.
func (c *Check) setStatus(status Status, desc string) {
	s := c.srv
	prev := c.status
	if c.status == StatusUnknown {
		return
	}
	c.desc = truncDesc(desc)
	c.status = status
	if r := status.result(); r != resultUnknown {
		c.res = r
	}
	if status == StatusHANA {
		c.duration = -1
	} else if !c.start.IsZero() {
		c.duration = int64(s.w.now().Sub(c.start) / time.Millisecond)
		c.start = time.Time{}
	}
	if c.res == resultNeutral {
		return
	}
	report := false
	switch c.res {
	case resultFailed:
		// failing to reach the agent does not count against the server
		if (!c.agent || c.status.HasCode()) && c.health > 0 {
			s.failedChecks++
			report = true
			c.health--
			if c.health < c.rise {
				c.health = 0
			}
		}
	case resultPassed, resultCondPass:
		if c.health < c.up() {
			report = true
			c.health++
			if c.health >= c.rise {
				c.health = c.up()
			}
		}
		if s.onError != onErrorNone {
			s.consecutiveErrors = 0
		}
	}
	if s.be.logChecks && (status != prev || report) {
		s.be.notify(kindWarning, LevelNotice, c.logLine()+".")
	}
}

// logLine is the "Health check for server be/s1 failed, ..." text.
func (c *Check) logLine() string {
	s := c.srv
	var b strings.Builder
	b.WriteString(c.kindName())
	b.WriteString(" check for ")
	if s.backup {
		b.WriteString("backup ")
	}
	b.WriteString("server " + s.id() + " ")
	if c.res == resultCondPass {
		b.WriteString("conditionally ")
	}
	if c.res >= resultPassed {
		b.WriteString("succeeded")
	} else {
		b.WriteString("failed")
	}
	b.WriteString(s.appendStatus(c, -1, false))
	if c.health >= c.rise {
		st := "UP"
		if s.uweight == 0 {
			st = "DRAIN"
		}
		fmt.Fprintf(&b, ", status: %d/%d %s", c.health-c.rise+1, c.fall, st)
	} else {
		fmt.Fprintf(&b, ", status: %d/%d DOWN", c.health, c.rise)
	}
	return b.String()
}

// reportCheck is the reason a state change carries: the check's result
// unless it was already logged by "option log-health-checks" or the
// server follows another one.
func (c *Check) reportCheck() *Check {
	s := c.srv
	if s.track == nil && !s.be.logChecks {
		return c
	}
	return nil
}

// notifyFailure is check_notify_failure(): a failed check that brought
// the health to zero marks the server DOWN. An agent only does so when it
// said so (L7STS: "down", "stopped", "fail").
func (c *Check) notifyFailure() {
	if c.agent && c.status != StatusL7STS {
		return
	}
	if c.health > 0 {
		return
	}
	c.srv.setStopped("", c.reportCheck())
}

// notifySuccess is check_notify_success(): the server comes UP when no
// check, agent or tracked server holds it down.
func (c *Check) notifySuccess() {
	s := c.srv
	if s.nextAdmin&admMaint != 0 {
		return
	}
	if s.track != nil && s.track.nextState == StateStopped {
		return
	}
	if s.check.enabled && s.check.health < s.check.rise {
		return
	}
	if s.agent.enabled && s.agent.health < s.agent.rise {
		return
	}
	if c.agent && s.nextState == StateStopping {
		return
	}
	s.setRunning("", c.reportCheck())
}

// notifyStopping is check_notify_stopping(): a conditional success
// (HTTP 404 with "disable-on-404") puts the server in NOLB.
func (c *Check) notifyStopping() {
	s := c.srv
	if s.nextAdmin&admMaint != 0 || c.agent {
		return
	}
	if s.track != nil && s.track.nextState == StateStopped {
		return
	}
	if s.check.enabled && s.check.health < s.check.rise {
		return
	}
	if s.agent.enabled && s.agent.health < s.agent.rise {
		return
	}
	s.setStopping("", c.reportCheck())
}

// finish applies a completed check's result to the server (the end of
// process_chk_conn).
func (c *Check) finish() {
	switch c.res {
	case resultFailed:
		c.notifyFailure()
	case resultCondPass:
		c.notifyStopping()
	case resultPassed:
		c.notifySuccess()
	}
}
