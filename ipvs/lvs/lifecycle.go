package lvs

import "time"

// start is start_check() on a first start, from the checkers' initial
// states to IPVS programmed and the checkers scheduled.
func (c *core) start(now time.Time) {
	c.now = now
	c.readFiles()
	initialStates(c.checkers)
	c.setQuorumStates()
	c.initServices()
	c.registerCheckers(now)
}

// stop is the checker process' termination: IPVS is cleared unless
// release is false (keepalived -I, --dont-release-ipvs).
func (c *core) stop(release bool) {
	for _, ck := range c.checkers {
		c.schedule(ck, time.Time{})
	}
	if release {
		c.clearServices()
	}
}
