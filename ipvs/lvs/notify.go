package lvs

import "fmt"

// doVSNotifies is do_vs_notifies(): the quorum script, the FIFO line and
// the smtp alert of a quorum change. On shutdown only omega virtual
// servers report (keepalived.conf(5) omega).
func (c *core) doVSNotifies(vs *vsState, init bool, threshold, sum int64, stopping bool) {
	if stopping && !vs.cfg.Omega {
		return
	}
	s := vs.cfg.QuorumDown
	if vs.quorumUp {
		s = vs.cfg.QuorumUp
	}
	if s != nil {
		c.notify.Script(s, stopping)
	}
	state := "DOWN"
	if vs.quorumUp {
		state = "UP"
	}
	c.notify.FIFO(fmt.Sprintf("VS %s %s\n", vs.cfg, state))
	if vs.cfg.SMTPAlert {
		var msg string
		if stopping {
			msg = "=> Shutting down <="
		} else {
			what := "Lost quorum"
			switch {
			case vs.quorumUp && init:
				what = "Starting with quorum up"
			case vs.quorumUp:
				what = "Gained quorum"
			case init:
				what = "Starting with quorum down"
			}
			msg = fmt.Sprintf("=> %s %d+%d=%d <= %d <=", what, vs.cfg.Quorum, vs.cfg.Hysteresis, threshold, sum)
		}
		c.notify.Alert(Alert{Kind: AlertVS, VS: vs.cfg.String(), Up: vs.quorumUp, Message: msg})
	}
}

// doRSNotifies is do_rs_notifies(): notify_up or notify_down and the
// FIFO line (the checkers send their own smtp alerts).
func (c *core) doRSNotifies(vs *vsState, rs *rsState, stopping bool) {
	s := rs.cfg.NotifyDown
	if rs.alive {
		s = rs.cfg.NotifyUp
	}
	if s != nil {
		c.notify.Script(s, stopping)
	}
	state := "DOWN"
	if rs.alive {
		state = "UP"
	}
	c.notify.FIFO(fmt.Sprintf("RS %s %s %s\n", rsString(rs.cfg, vs.cfg), vs.cfg, state))
}

// checkerAlert is the smtp_alert() a checker sends when it changes its
// real server's state: only when the server's state changed, unless
// no_checker_emails is off (the default), when every checker change is
// sent.
func (c *core) checkerAlert(ck *checker, wasAlive bool, msg string) {
	if !ck.rs.cfg.SMTPAlert {
		return
	}
	if wasAlive == ck.rs.alive && c.cfg.NoCheckerEmails {
		return
	}
	c.notify.Alert(Alert{Kind: AlertRS, VS: ck.vs.cfg.String(), RS: rsString(ck.rs.cfg, ck.vs.cfg), Up: ck.rs.alive, Message: msg})
}
