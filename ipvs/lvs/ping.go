package lvs

// pingDone is icmp_check_thread() and icmp_connect_thread() once the
// echo is answered or not.
func (c *core) pingDone(ck *checker, r Result) {
	if r.Msg != "" {
		// recv_it() and ping_it() log what went wrong.
		c.logf("%s", r.Msg)
	}
	switch r.Outcome {
	case Local:
		if r.Socket {
			v6 := ""
			if ck.cfg.Conn.Dst.Addr().Is6() && !ck.cfg.Conn.Dst.Addr().Is4In6() {
				v6 = "v6"
			}
			c.logf("ICMP%s connect fail to create socket. Rescheduling.", v6)
			c.after(ck, ck.cfg.DelayLoop)
			return
		}
	case Timeout:
		if ck.isUp && c.logAll(ck) {
			c.logf("ICMP connection to address %s timeout.", chk(ck))
		}
	case Failed:
		if ck.isUp && c.logAll(ck) {
			c.logf("ICMP connection to %s of %s failed.", chk(ck), ck.vs.cfg)
		}
	}
	c.datagramEpilog(ck, r.Outcome == Success, "ICMP connection to %s success.", "ICMP CHECK on service %s of %s failed after %d retries.",
		"ICMP CHECK on service %s failed.", "=> ICMP CHECK succeed on service <=", "=> ICMP CHECK failed on service <=", true)
}
