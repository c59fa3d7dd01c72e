package lvs

import "fmt"

// miscDone is misc_check_child_thread(): the script's exit status is the
// verdict (0 up, 1 down; with misc_dynamic 2 to 255 is up with weight
// status-2, keepalived.conf(5) MISC_CHECK). Failures are retried, and the
// next run is counted from the start of this one.
func (c *core) miscDone(ck *checker, r Result) {
	cfg, m := ck.cfg, ck.misc
	if r.Msg != "" {
		c.logf("%s", r.Msg)
	}
	var exitType, reason string
	var code int
	success, messageOnly := false, false
	// retryFailure counts a failure; it says whether it was the last
	// one allowed.
	retryFailure := func() bool {
		if ck.retryIt < cfg.Retry {
			ck.retryIt++
			if c.logAll(ck) {
				messageOnly = true
			} else {
				exitType = "" // nothing is reported
			}
			return false
		}
		ck.retryIt = 0
		return true
	}
	e := r.Exit
	switch {
	case e.Exited:
		status := e.Code
		if status == 0 || (cfg.Misc.Dynamic && status >= 2 && status <= 255) {
			if status != m.lastExitCode {
				w := ck.rs.effWeight - ck.curWeight
				ck.curWeight = 0
				if status != 0 {
					ck.curWeight = int64(status) - 2 - ck.rs.iweight
				}
				c.updateSvrWeight(w+ck.curWeight, ck.vs, ck.rs, true)
				m.lastExitCode = status
			}
			if !ck.isUp || !ck.hasRun {
				exitType, success = "succeeded", true
			}
			ck.retryIt = 0
		} else if ck.isUp || !ck.hasRun {
			exitType, reason, code = "failed", "exited with status", status
			if retryFailure() {
				ck.rs.effWeight -= ck.curWeight
				ck.curWeight = 0
				m.lastExitCode = status
			}
		}
	default:
		if ck.isUp || !ck.hasRun {
			if e.TimedOut {
				exitType = "timed out"
			} else {
				exitType, reason, code = "failed", "due to signal", e.Signal
			}
			retryFailure()
		}
	}
	if exitType != "" {
		var msg string
		switch {
		case success:
		case cfg.Retry == 0:
			msg = " with retry disabled"
		case ck.retryIt == 1:
			msg = fmt.Sprintf(", will do %d %s", cfg.Retry, plural(cfg.Retry, "retry", "retries"))
		case ck.retryIt > 1:
			msg = fmt.Sprintf(" on retry %d/%d", ck.retryIt-1, cfg.Retry)
		default:
			msg = fmt.Sprintf(" after %d %s", cfg.Retry, plural(cfg.Retry, "retry", "retries"))
		}
		prog := ""
		if len(cfg.Misc.Script.Args) > 0 {
			prog = cfg.Misc.Script.Args[0]
		}
		if reason != "" {
			c.logf("Misc check for [%s VS %s] by [%s] %s%s (%s %d).", chk(ck), ck.vs.cfg, prog, exitType, msg, reason, code)
		} else {
			c.logf("Misc check for [%s VS %s] by [%s] %s%s.", chk(ck), ck.vs.cfg, prog, exitType, msg)
		}
		if !messageOnly {
			wasAlive := ck.rs.alive
			c.updateSvrCheckerState(success, ck)
			if !success {
				ck.curWeight = 0
			}
			c.checkerAlert(ck, wasAlive, fmt.Sprintf("=> MISC CHECK %s on service <=", exitType))
		}
	}
	delay := cfg.DelayLoop
	if ck.retryIt > 0 {
		delay = cfg.DelayBeforeRetry
	}
	next := m.lastRan.Add(delay)
	if !next.After(c.now) {
		next = c.now.Add(1000) // keepalived's minimum of one microsecond
	}
	c.schedule(ck, next)
	ck.hasRun = true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
