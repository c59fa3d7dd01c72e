package lvs

import "time"

// bootstrapDelay is BOOTSTRAP_DELAY: checkers start a second after the
// checker process, plus their warmup.
const bootstrapDelay = time.Second

// Attempt is one run of a checker's test, handed to a Prober.
type Attempt struct {
	Checker *Checker
	// VS and RS are the servers the checker belongs to.
	VS *VirtualServer
	RS *RealServer
	// URL is the index of the url an HTTP_GET or SSL_GET fetches.
	URL int

	ck  *checker
	gen uint64
	// seq orders the attempts as they were started.
	seq uint64
}

// registerCheckers is register_checkers_thread(): each checker is
// announced and starts after a random part of its warmup, so that
// checks of the same server are spread out (keepalived.conf(5) warmup).
func (c *core) registerCheckers(now time.Time) {
	for _, ck := range c.checkers {
		if ck.cfg.Type == FileCheck {
			continue
		}
		if ck.vs.cfg.HASuspend && ck.vs.haSuspendCount == 0 {
			ck.enabled = false
		}
		what := "Deactivating"
		if ck.enabled {
			what = "Activating"
		}
		c.logf("%s healthchecker for service %s for VS %s", what, rsString(ck.rs.cfg, ck.vs.cfg), ck.vs.cfg)
		c.schedule(ck, now.Add(bootstrapDelay+c.warmup(ck.cfg.Warmup)))
	}
	// keepalived as Debian builds it (with BFD) always starts watching
	// for BFD events.
	c.logf("Activating BFD healthchecker")
}

// warmup is warmup * random() / RAND_MAX.
func (c *core) warmup(w time.Duration) time.Duration {
	if w <= 0 {
		return 0
	}
	return time.Duration(c.rand.Int64N(int64(w) + 1))
}

// schedule sets when ck runs next, dropping any run under way.
func (c *core) schedule(ck *checker, at time.Time) {
	ck.gen++
	ck.running = false
	ck.next = at
}

// nextDue is the earliest time a checker is due; zero when none is
// waiting.
func (c *core) nextDue() time.Time {
	var t time.Time
	for _, ck := range c.checkers {
		if ck.cfg.Type == FileCheck || ck.running || ck.next.IsZero() {
			continue
		}
		if t.IsZero() || ck.next.Before(t) {
			t = ck.next
		}
	}
	return t
}

// due returns the attempts to start at now. A suspended checker (ha_suspend)
// only waits another delay_loop.
func (c *core) due(now time.Time) []Attempt {
	var out []Attempt
	for _, ck := range c.checkers {
		if ck.cfg.Type == FileCheck || ck.running || ck.next.IsZero() || ck.next.After(now) {
			continue
		}
		if !ck.enabled {
			c.schedule(ck, now.Add(ck.cfg.DelayLoop))
			continue
		}
		if ck.misc != nil {
			ck.misc.lastRan = now
		}
		ck.running = true
		c.seq++
		a := Attempt{Checker: ck.cfg, VS: ck.vs.cfg, RS: ck.rs.cfg, ck: ck, gen: ck.gen, seq: c.seq}
		if ck.http != nil {
			a.URL = ck.http.url
		}
		out = append(out, a)
	}
	return out
}

// done takes the result of an attempt; results of runs that were
// dropped (reload, stop) are ignored.
func (c *core) done(now time.Time, a Attempt, r Result) {
	ck := a.ck
	if !ck.running || a.gen != ck.gen {
		return
	}
	ck.running = false
	c.now = now
	switch ck.cfg.Type {
	case TCPCheck:
		c.tcpDone(ck, r)
	case HTTPGet, SSLGet:
		c.httpDone(ck, a.URL, r)
	case MiscCheck:
		c.miscDone(ck, r)
	case SMTPCheck:
		c.smtpDone(ck, r)
	case DNSCheck:
		c.dnsDone(ck, r)
	case UDPCheck:
		c.udpDone(ck, r)
	case PingCheck:
		c.pingDone(ck, r)
	}
}

// after schedules ck d after the current event.
func (c *core) after(ck *checker, d time.Duration) {
	c.schedule(ck, c.now.Add(d))
}

// logAll says whether every failure is logged (checker_log_all_failures,
// log_all_failures).
func (c *core) logAll(ck *checker) bool {
	return c.cfg.LogAllFailures || ck.cfg.LogAllFailures
}

// chk is FMT_CHK(): the checker's real server.
func chk(ck *checker) string { return rsString(ck.rs.cfg, ck.vs.cfg) }
