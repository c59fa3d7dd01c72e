package lvs

// udpDone is udp_check_thread() and udp_connect_thread() once the
// exchange is over.
func (c *core) udpDone(ck *checker, r Result) {
	switch r.Outcome {
	case Local:
		if r.Msg != "" {
			c.logf("%s", r.Msg)
		}
		if r.Socket {
			c.logf("UDP connect fail to create socket. Rescheduling.")
			c.after(ck, ck.cfg.DelayLoop)
			return
		}
	case Failed, Timeout:
		if ck.isUp && c.logAll(ck) {
			if r.Msg != "" {
				c.logf("UDP check to %s reply data mismatch.", chk(ck))
			} else {
				c.logf("UDP connection to %s failed.", chk(ck))
			}
		}
	}
	c.udpEpilog(ck, r.Outcome == Success)
}

// udpEpilog is udp_epilog(): unlike TCP_CHECK, failures are retried only
// while the checker is up.
func (c *core) udpEpilog(ck *checker, ok bool) {
	c.datagramEpilog(ck, ok, "UDP connection to %s success.", "UDP_CHECK on service %s failed after %d retries.",
		"UDP_CHECK on service %s failed.", "=> UDP CHECK succeed on service <=", "=> UDP CHECK failed on service <=", false)
}

// datagramEpilog is udp_epilog() and icmp_epilog(), which differ in
// their words only (icmp names the virtual server after retries).
func (c *core) datagramEpilog(ck *checker, ok bool, success, failedRetries, failed, alertUp, alertDown string, withVS bool) {
	cfg := ck.cfg
	delay := cfg.DelayLoop
	if ok || ((ck.isUp || !ck.hasRun) && ck.retryIt >= cfg.Retry) {
		ck.retryIt = 0
		switch {
		case ok && (!ck.isUp || !ck.hasRun):
			c.logf(success, chk(ck))
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(true, ck)
			if !wasUp {
				c.checkerAlert(ck, wasAlive, alertUp)
			}
		case !ok && (ck.isUp || !ck.hasRun):
			switch {
			case cfg.Retry > 0 && ck.hasRun && withVS:
				c.logf(failedRetries, chk(ck), ck.vs.cfg, cfg.Retry)
			case cfg.Retry > 0 && ck.hasRun:
				c.logf(failedRetries, chk(ck), cfg.Retry)
			default:
				c.logf(failed, chk(ck))
			}
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(false, ck)
			if wasUp {
				c.checkerAlert(ck, wasAlive, alertDown)
			}
		}
	} else if ck.isUp {
		delay = cfg.DelayBeforeRetry
		ck.retryIt++
	}
	ck.hasRun = true
	c.after(ck, delay)
}
