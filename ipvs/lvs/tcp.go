package lvs

// tcpDone is tcp_check_thread() and tcp_connect_thread() once the
// connection attempt is over.
func (c *core) tcpDone(ck *checker, r Result) {
	switch r.Outcome {
	case Local:
		if r.Msg != "" {
			c.logf("%s", r.Msg)
		}
		if r.Socket {
			c.logf("TCP connect fail to create socket. Rescheduling.")
		} else {
			c.logf("TCP socket bind failed. Rescheduling.")
		}
		c.after(ck, ck.cfg.DelayLoop)
		return
	case Timeout:
		if ck.isUp && c.logAll(ck) {
			c.logf("TCP connection to %s timeout.", chk(ck))
		}
	case Failed:
		if ck.isUp && c.logAll(ck) {
			c.logf("TCP connection to %s failed.", chk(ck))
		}
	}
	c.tcpEpilog(ck, r.Outcome == Success)
}

// tcpEpilog is tcp_epilog(): a failure is retried retry times,
// delay_before_retry apart, before the checker goes down.
func (c *core) tcpEpilog(ck *checker, ok bool) {
	cfg := ck.cfg
	delay := cfg.DelayBeforeRetry
	if ok || ck.retryIt >= cfg.Retry {
		delay = cfg.DelayLoop
		ck.retryIt = 0
		switch {
		case ok && (!ck.isUp || !ck.hasRun):
			c.logf("TCP connection to %s success.", chk(ck))
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(true, ck)
			if !wasUp {
				c.checkerAlert(ck, wasAlive, "=> TCP CHECK succeed on service <=")
			}
		case !ok && (ck.isUp || !ck.hasRun):
			if cfg.Retry > 0 && ck.hasRun {
				c.logf("TCP_CHECK on service %s failed after %d retries.", chk(ck), cfg.Retry)
			} else {
				c.logf("TCP_CHECK on service %s failed.", chk(ck))
			}
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(false, ck)
			if wasUp {
				c.checkerAlert(ck, wasAlive, "=> TCP CHECK failed on service <=")
			}
		}
	} else {
		ck.retryIt++
	}
	ck.hasRun = true
	c.after(ck, delay)
}
