package lvs

// smtpDone is smtp_final(): errors are logged when the server is up and
// it is the last retry (or always under log_all_failures), retried retry
// times, delay_before_retry apart.
func (c *core) smtpDone(ck *checker, r Result) {
	cfg := ck.cfg
	if r.Outcome == Local {
		if r.Msg != "" {
			c.logf("%s", r.Msg)
		}
		if r.Socket {
			c.logf("SMTP_CHECK connection failed to create socket. Rescheduling.")
		} else {
			c.logf("SMTP_CHECK socket bind failed. Rescheduling.")
		}
		c.after(ck, cfg.DelayLoop)
		return
	}
	if r.Outcome != Success {
		if (ck.isUp || !ck.hasRun) && (c.logAll(ck) || ck.retryIt >= cfg.Retry) {
			c.logf("SMTP_CHECK %s", r.Msg)
		}
		ck.retryIt++
		if ck.retryIt <= cfg.Retry {
			c.after(ck, cfg.DelayBeforeRetry)
			return
		}
		if ck.isUp || !ck.hasRun {
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(false, ck)
			if wasUp {
				c.checkerAlert(ck, wasAlive, "=> CHECK failed on service : "+r.Msg+" <=")
			}
		}
		c.after(ck, cfg.DelayLoop)
		return
	}
	ck.retryIt = 0
	if !ck.isUp || !ck.hasRun {
		c.logf("Remote SMTP server %s succeed on service.", chk(ck))
		wasUp, wasAlive := ck.isUp, ck.rs.alive
		c.updateSvrCheckerState(true, ck)
		if !wasUp {
			c.checkerAlert(ck, wasAlive, "=> CHECK succeed on service <=")
		}
	}
	ck.hasRun = true
	c.after(ck, cfg.DelayLoop)
}
