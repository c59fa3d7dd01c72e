package lvs

import (
	"math"
	"net/netip"
	"time"

	"hakeep/ipvs"
)

// vsState is a virtual server at run time (virtual_server_t's state).
type vsState struct {
	cfg *VirtualServer
	// alive: the service has been added.
	alive    bool
	quorumUp bool
	reloaded bool
	// haSuspendCount counts the local addresses matching the virtual
	// server (ha_suspend).
	haSuspendCount int
	rs             []*rsState
	sorry          *rsState
	// sorryIsRS: the sorry server is also one of the real servers.
	sorryIsRS bool
	// groupReloaded marks group entries kept across a reload, by index.
	groupReloaded map[int]bool
}

// rsState is a real server (or sorry server) at run time.
type rsState struct {
	cfg *RealServer
	// alive: in the pool as far as the checkers are concerned.
	alive bool
	// set: a destination is in the kernel (possibly with weight 0).
	set      bool
	inhibit  bool
	reloaded bool
	// iweight is the configured weight; effWeight adds the dynamic
	// weights of MISC_CHECK and FILE_CHECK (it may leave the IPVS range);
	// pEffWeight is effWeight before a reload.
	iweight, effWeight, pEffWeight int64
	numFailed                      int
	checkers                       []*checker
}

// checker is a checker at run time (checker_t).
type checker struct {
	cfg *Checker
	vs  *vsState
	rs  *rsState
	// enabled is false while ha_suspend suspends it.
	enabled bool
	isUp    bool
	hasRun  bool
	retryIt int
	// curWeight is what the checker adds to the real server's weight.
	curWeight int64

	// next is when it runs next; running while a test is under way.
	next    time.Time
	running bool
	// gen counts the times it was (re)scheduled: a result from an older
	// run after a reload or stop is dropped.
	gen uint64

	http *httpState
	misc *miscState
	file *fileState
}

// httpState is http_checker_t's iteration over the urls.
type httpState struct {
	url       int // the url being checked; -1 when done
	failedURL int // -1 for none
	// lenMismatch is per url: the last reported content length
	// difference.
	lenMismatch []int64
}

// miscState is misc_checker_t's memory.
type miscState struct {
	lastExitCode int
	lastRan      time.Time
}

// fileState is a track file's last value as the checker saw it.
type fileState struct {
	last int64
}

// ipvsWeightFault is IPVS_WEIGHT_FAULT: a file weight at or below it
// fails the real server.
const ipvsWeightFault = math.MinInt32

// realWeight is real_weight(): the weight IPVS is given.
func realWeight(w int64) int {
	if w < 0 {
		return 0
	}
	if w > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(w)
}

// family is the address family of a firewall-mark or address virtual
// server (a group's entries have their own).
func (vs *vsState) family() ipvs.Family {
	c := vs.cfg
	switch {
	case c.FWMark != 0 || c.Group != nil:
		if c.Family == 0 {
			return ipvs.IPv4
		}
		return c.Family
	case c.Addr.Addr().Is6() && !c.Addr.Addr().Is4In6():
		return ipvs.IPv6
	}
	return ipvs.IPv4
}

// weighLive is weigh_live_realservers(): the weight of the live real
// servers.
func (vs *vsState) weighLive() int64 {
	var n int64
	for _, rs := range vs.rs {
		if rs.alive {
			n += int64(realWeight(rs.effWeight))
		}
	}
	return n
}

func (rs *rsState) addr() netip.Addr { return rs.cfg.Addr.Addr().Unmap() }
