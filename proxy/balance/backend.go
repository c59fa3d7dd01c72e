package balance

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Options are a backend's settings outside "balance" that load balancing
// depends on.
type Options struct {
	// AllBackups is "option allbackups": balance over every usable backup
	// server instead of only the first one (configuration.txt section 4.2).
	AllBackups bool
	// Fullconn is "fullconn", already defaulted by the decoder to 10% of
	// the frontends' maxconn (src/proxy.c); it scales minconn up to
	// maxconn as the backend fills (src/queue.c, srv_dynamic_maxconn).
	Fullconn int
	// Now is the clock for slowstart; nil means time.Now.
	Now func() time.Time
	// Seed seeds "balance random"; the same seed gives the same choices.
	Seed uint32
}

// Backend is a backend's set of servers and the load-balancing structures
// over them. It is safe for concurrent use: every method takes the
// backend's lock, as HAProxy takes lbprm.lock.
type Backend struct {
	mu   sync.Mutex
	spec Spec
	opt  Options
	algo algo

	servers []*Server // declaration order
	first   *Server   // head of the px->srv list

	srvAct, srvBck   int // usable active and backup servers
	totWAct, totWBck int // their total effective weights
	totWeight        int // effective weight of the servers in use
	totUsed          int // number of servers in use
	fbck             *Server
	wmult, wdiv      int // effective weight = user weight * wdiv / wmult

	served int // connections on the servers (p->served)
	beconn int // streams attached to the backend (p->beconn)
	queued int // streams waiting in the backend's queue
}

// algo is one lookup method (one src/lb_*.c file).
type algo interface {
	// init builds the structures once weights are committed.
	init()
	// update propagates a change of a server's pending state or weight
	// (the set_server_status_up/down and update_server_eweight hooks).
	update(s *Server)
	// take and drop follow a server's connection count.
	take(s *Server)
	drop(s *Server)
	// next picks without a key: the algorithm's own rotation, or the
	// fallback of the hash algorithms when the key is missing.
	next(avoid *Server) *Server
}

// hasher is an algo that maps a hash onto a server.
type hasher interface {
	byHash(h uint32, avoid *Server) *Server
}

// New builds a backend from its load-balancing settings and its servers in
// declaration order.
func New(spec Spec, servers []ServerConfig, opt Options) (*Backend, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if spec.Algorithm == Random && spec.Draws == 0 {
		spec.Draws = 2
	}
	if spec.BalanceFactor != 0 && spec.BalanceFactor <= 100 {
		return nil, fmt.Errorf("'hash-balance-factor' must be 0 or greater than 100 (got %d)", spec.BalanceFactor)
	}
	b := &Backend{spec: spec, opt: opt, wmult: 1, wdiv: 1}
	if err := b.addServers(servers); err != nil {
		return nil, err
	}
	switch spec.lookup() {
	case lkupRRTree:
		b.algo = newFWRR(b)
	case lkupMap:
		b.algo = newLBMap(b)
	case lkupLCTree:
		b.algo = newFWLC(b)
	case lkupFSTree:
		b.algo = newFAS(b)
	case lkupCHTree:
		b.algo = newCHash(b)
	}
	b.algo.init()
	return b, nil
}

// addServers creates the servers and numbers those without an id the way
// HAProxy does (src/cfgparse.c, check_config_validity): a counter starting
// at 1 skips ids taken explicitly, and moves on by one after every server,
// numbered or not.
func (b *Backend) addServers(cfgs []ServerConfig) error {
	used := make(map[int]bool)
	names := make(map[string]bool)
	for _, c := range cfgs {
		if c.Weight < 0 || c.Weight > MaxWeight {
			return fmt.Errorf("weight of server '%s' is not within 0 and %d (%d)", c.Name, MaxWeight, c.Weight)
		}
		if c.ID < 0 {
			return fmt.Errorf("server '%s': 'id' must be positive (%d)", c.Name, c.ID)
		}
		if c.ID > 0 {
			if used[c.ID] {
				return fmt.Errorf("server '%s': id %d already used", c.Name, c.ID)
			}
			used[c.ID] = true
		}
		if c.ID == 0 && names[c.Name] {
			return fmt.Errorf("another server named '%s' was already defined, please use distinct names", c.Name)
		}
		names[c.Name] = true
	}
	now := b.now()
	nextID := 1
	var prev *Server
	for _, c := range cfgs {
		s := &Server{
			be:        b,
			name:      c.Name,
			id:        c.ID,
			backup:    c.Backup,
			iweight:   c.Weight,
			uweight:   c.Weight,
			nextState: Running,
			maxconn:   c.Maxconn,
			minconn:   c.Minconn,
			maxqueue:  c.Maxqueue,
			slowstart: int64((c.Slowstart + time.Second - 1) / time.Second),
		}
		if c.Disabled {
			s.nextAdmin = adminMaint
			s.nextState = Stopped
		}
		// srv_minmax_conn_apply (include/haproxy/server.h).
		if s.minconn > s.maxconn {
			s.maxconn = s.minconn
		} else if s.maxconn > 0 && s.minconn == 0 {
			s.minconn = s.maxconn
		}
		s.lastChange = now
		if s.id == 0 {
			for used[nextID] {
				nextID++
			}
			s.id = nextID
			used[nextID] = true
		}
		nextID++
		s.lbNode.srv = s
		if prev == nil {
			b.first = s
		} else {
			prev.next = s
		}
		prev = s
		b.servers = append(b.servers, s)
	}
	return nil
}

func (b *Backend) now() int64 { return b.opt.Now().Unix() }

// Spec is the backend's load-balancing settings.
func (b *Backend) Spec() Spec { return b.spec }

// Servers lists the servers in declaration order; the slice is the
// backend's own and must not be modified ("add server" and "del server"
// replace it).
func (b *Backend) Servers() []*Server {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.servers
}

// Server finds a server by name.
func (b *Backend) Server(name string) *Server {
	for _, s := range b.Servers() {
		if s.name == name {
			return s
		}
	}
	return nil
}

// UsableServers is the number of servers load balancing can choose from
// (be_usable_srv).
func (b *Backend) UsableServers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.srvAct > 0:
		return b.srvAct
	case b.fbck != nil:
		return 1
	}
	return b.srvBck
}

// TotalWeight is the effective weight of the servers in use.
func (b *Backend) TotalWeight() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.totWeight
}

// initWeights sets the weight scale and every server's effective weight,
// and commits the configured states (the first lines of every
// *_init_server_tree in src/lb_*.c).
func (b *Backend) initWeights(wdiv, wmult int) {
	b.wdiv, b.wmult = wdiv, wmult
	for _, s := range b.servers {
		s.nextEW = (s.uweight*b.wdiv + b.wmult - 1) / b.wmult
		s.commit()
	}
	b.recount()
	b.updateWeight()
}

// recount is recount_servers (src/backend.c): usable servers and their
// weights from the pending states.
func (b *Backend) recount() {
	b.srvAct, b.srvBck = 0, 0
	b.totWAct, b.totWBck = 0, 0
	b.fbck = nil
	for s := b.first; s != nil; s = s.next {
		if !s.willBeUsable() {
			continue
		}
		if s.backup {
			if b.srvBck == 0 && !b.opt.AllBackups {
				b.fbck = s
			}
			b.srvBck++
			s.cumWeight = b.totWBck
			b.totWBck += s.nextEW
		} else {
			b.srvAct++
			s.cumWeight = b.totWAct
			b.totWAct += s.nextEW
		}
	}
}

// updateWeight is update_backend_weight: which group is in use.
func (b *Backend) updateWeight() {
	switch {
	case b.srvAct > 0:
		b.totWeight, b.totUsed = b.totWAct, b.srvAct
	case b.fbck != nil:
		b.totWeight, b.totUsed = b.fbck.nextEW, 1
	default:
		b.totWeight, b.totUsed = b.totWBck, b.srvBck
	}
}

// lostBackup replaces the first backup server when it goes down: the next
// usable backup after it in declaration order (src/lb_*.c,
// *_set_server_status_down).
func (b *Backend) lostBackup(s *Server) {
	if s != b.fbck {
		return
	}
	n := s.next
	for n != nil && !(n.backup && n.willBeUsable()) {
		n = n.next
	}
	b.fbck = n
}

// gainedBackup makes s the first backup server when it comes up before the
// current one (*_set_server_status_up).
func (b *Backend) gainedBackup(s *Server) {
	if b.opt.AllBackups {
		return
	}
	if b.fbck == nil {
		b.fbck = s
		return
	}
	for n := s.next; n != nil; n = n.next {
		if n == b.fbck {
			b.fbck = s
			return
		}
	}
}

// groupUp counts s in when it becomes usable, for the algorithms that keep
// plain totals (fwlc, fas, chash).
func (b *Backend) groupUp(s *Server) {
	if s.backup {
		b.totWBck += s.nextEW
		b.srvBck++
		b.gainedBackup(s)
	} else {
		b.totWAct += s.nextEW
		b.srvAct++
	}
}

// groupDown counts s out when it stops being usable.
func (b *Backend) groupDown(s *Server) {
	if s.backup {
		b.totWBck -= s.curEW
		b.srvBck--
		b.lostBackup(s)
	} else {
		b.totWAct -= s.curEW
		b.srvAct--
	}
}

// dynamicMaxconn is srv_dynamic_maxconn (src/queue.c): the connection
// limit scaled between minconn and maxconn by the backend's load against
// fullconn, and ramped during slowstart.
func (b *Backend) dynamicMaxconn(s *Server) int {
	var max int
	switch {
	case b.beconn >= b.opt.Fullconn:
		max = s.maxconn
	case s.minconn == s.maxconn:
		max = s.maxconn
	default:
		max = b.beconn * s.maxconn / b.opt.Fullconn
		if max < s.minconn {
			max = s.minconn
		}
	}
	if s.curState == Starting {
		now := b.now()
		if now < s.lastChange+s.slowstart && now >= s.lastChange {
			ratio := 100 * (now - s.lastChange) / s.slowstart
			max = int(int64(max) * ratio / 100)
			if max < 1 {
				max = 1
			}
		}
	}
	return max
}

// hasRoom is the saturation test of fwrr, lb_map, fas and chash: no limit,
// or nobody queued and a free slot.
func (b *Backend) hasRoom(s *Server) bool {
	return s.maxconn == 0 || (s.queued == 0 && s.served < b.dynamicMaxconn(s))
}

// recalcEWeight is server_recalc_eweight (src/server.c): full weight once
// the slowstart period is over, a ramp before.
func (b *Backend) recalcEWeight(s *Server) {
	now := b.now()
	if now < s.lastChange || now >= s.lastChange+s.slowstart {
		if s.nextState == Starting {
			s.nextState = Running
		}
	}
	w := int64(b.wdiv)
	if s.nextState == Starting && b.spec.dynamic() {
		w = (int64(b.wdiv)*(now-s.lastChange) + s.slowstart) / s.slowstart
	}
	s.nextEW = int((int64(s.uweight)*w + int64(b.wmult) - 1) / int64(b.wmult))
}

// ErrStaticWeight is HAProxy's refusal to change a weight under a static
// algorithm (src/server.c, server_parse_weight_change_request).
var ErrStaticWeight = errors.New("backend is using a static LB algorithm and only accepts weights '0%' and '100%'")

// SetWeight changes a server's user weight at run time ("set weight",
// management.txt section 9.3). Static algorithms (static-rr, map-based
// hashing) only accept 0 and the initial weight.
func (b *Backend) SetWeight(s *Server, w int) error {
	if w < 0 || w > MaxWeight {
		return fmt.Errorf("absolute weight can only be between 0 and %d inclusive", MaxWeight)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if w != 0 && w != s.iweight && !b.spec.dynamic() {
		return ErrStaticWeight
	}
	s.uweight = w
	b.recalcEWeight(s)
	if s.curAdmin&adminMaint == 0 {
		b.algo.update(s)
	}
	return nil
}

// SetMaint puts a server into maintenance or takes it out ("set server
// <b>/<s> state maint|ready", "disable/enable server"). Leaving
// maintenance brings the server straight up, through slowstart if set, as
// HAProxy does for a server whose checks are disabled or passing
// (src/server.c, srv_update_status).
func (b *Backend) SetMaint(s *Server, on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if on == (s.curAdmin&adminMaint != 0) {
		return
	}
	if on {
		s.nextAdmin |= adminMaint
		if s.curState == Stopped {
			s.curAdmin = s.nextAdmin // already down: nothing to rebalance
			return
		}
		s.lastChange = b.now()
		s.nextState = Stopped
		b.algo.update(s)
		return
	}
	s.nextAdmin &^= adminMaint
	b.comeUp(s)
	b.algo.update(s)
}

// SetDrain puts a server into drain mode or takes it out ("set server
// <b>/<s> state drain"): it keeps its connections but gets no new ones.
func (b *Backend) SetDrain(s *Server, on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if on == (s.nextAdmin&adminDrain != 0) {
		return
	}
	if on {
		s.nextAdmin |= adminDrain
		if s.curAdmin&adminMaint != 0 {
			s.curAdmin = s.nextAdmin
			return
		}
		s.lastChange = b.now()
		b.algo.update(s)
		return
	}
	s.nextAdmin &^= adminDrain
	if s.curAdmin&adminMaint != 0 {
		s.curAdmin = s.nextAdmin
		return
	}
	s.lastChange = b.now()
	b.recalcEWeight(s)
	b.algo.update(s)
}

// SetState applies a health-check verdict: Running (or Starting) for UP,
// Stopping for NOLB, Stopped for DOWN. A server coming up warms up when it
// has a slowstart.
func (b *Backend) SetState(s *Server, st State) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.curAdmin&adminMaint != 0 {
		return // checks are paused in maintenance
	}
	switch st {
	case Stopped, Stopping:
		if s.curState == st {
			return
		}
		s.lastChange = b.now()
		s.nextState = st
	default:
		if s.curState == Running || s.curState == Starting {
			return
		}
		b.comeUp(s)
	}
	b.algo.update(s)
}

// comeUp sets the pending state of a server coming back.
func (b *Backend) comeUp(s *Server) {
	s.lastChange = b.now()
	s.nextState = Running
	if s.slowstart > 0 {
		s.nextState = Starting
	}
	b.recalcEWeight(s)
}

// Warmup advances the slowstart ramps; the caller runs it every
// max(1s, slowstart/20) while a server warms up, as HAProxy's warmup task
// does (src/server.c, server_warmup). It reports whether a server is still
// warming up.
func (b *Backend) Warmup() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	warming := false
	for _, s := range b.servers {
		if s.nextState != Starting || s.curAdmin&adminMaint != 0 {
			continue
		}
		b.recalcEWeight(s)
		b.algo.update(s)
		warming = warming || s.nextState == Starting
	}
	return warming
}
