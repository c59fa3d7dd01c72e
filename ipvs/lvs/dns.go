package lvs

import "fmt"

// dnsDone is dns_final(): a failure is logged when it is the last one
// allowed (or every time under log_all_failures), and retried retry
// times, delay_before_retry apart.
func (c *core) dnsDone(ck *checker, r Result) {
	cfg := ck.cfg
	if r.Outcome == Local {
		if r.Msg != "" {
			c.logf("%s", r.Msg)
		}
		if r.Socket {
			c.logf("DNS_CHECK (%s) failed to create socket. Rescheduling.", chk(ck))
		} else {
			c.logf("DNS_CHECK (%s) UDP socket bind failed. Rescheduling.", chk(ck))
		}
		c.after(ck, cfg.DelayLoop)
		return
	}
	if r.Outcome != Success {
		if ck.isUp || !ck.hasRun {
			if r.Msg != "" && (c.logAll(ck) || ck.retryIt >= cfg.Retry) {
				msg := r.Msg
				if ck.hasRun && ck.retryIt >= cfg.Retry {
					msg += fmt.Sprintf(" after %d retries", cfg.Retry)
				}
				c.logf("DNS_CHECK (%s) %s", chk(ck), msg)
			}
			if ck.retryIt < cfg.Retry {
				ck.retryIt++
				ck.hasRun = true
				c.after(ck, cfg.DelayBeforeRetry)
				return
			}
			wasUp, wasAlive := ck.isUp, ck.rs.alive
			c.updateSvrCheckerState(false, ck)
			if wasUp {
				c.checkerAlert(ck, wasAlive, "=> DNS_CHECK: failed on service <=")
			}
		}
	} else if !ck.isUp || !ck.hasRun {
		wasUp, wasAlive := ck.isUp, ck.rs.alive
		c.updateSvrCheckerState(true, ck)
		if !wasUp {
			c.checkerAlert(ck, wasAlive, "=> DNS_CHECK: succeed on service <=")
		}
	}
	ck.retryIt = 0
	c.after(ck, cfg.DelayLoop)
}
