package balance

import "time"

// A user weight goes from 0 to 256 (configuration.txt section 5.2,
// "weight"); algorithms that adjust weights at run time work on an
// effective weight scaled by BE_WEIGHT_SCALE so that slowstart ramps are
// smooth (include/haproxy/backend-t.h, server-t.h).
const (
	DefaultWeight = 1   // a server's weight when the configuration sets none
	MaxWeight     = 256 // SRV_UWGHT_MAX

	weightScale = 16                       // BE_WEIGHT_SCALE
	uweightMax  = MaxWeight                // SRV_UWGHT_MAX
	uweightRng  = MaxWeight                // SRV_UWGHT_RANGE
	eweightMax  = uweightMax * weightScale // SRV_EWGHT_MAX
	eweightRng  = uweightRng * weightScale // SRV_EWGHT_RANGE
)

// ServerConfig describes one "server" line of a backend, the parts load
// balancing depends on (configuration.txt section 5.2).
type ServerConfig struct {
	Name string
	// ID is the "id" setting; 0 lets the backend number the server in
	// declaration order, skipping ids taken explicitly.
	ID int
	// Weight is the user weight, 0 to 256. The decoder fills in
	// DefaultWeight when the line sets none.
	Weight int
	// Backup servers are only used when no active server is usable.
	Backup bool
	// Disabled starts the server in maintenance ("disabled").
	Disabled bool
	// Maxconn, Minconn and Maxqueue limit concurrent connections
	// ("maxconn", "minconn", "maxqueue"); 0 means no limit.
	Maxconn, Minconn, Maxqueue int
	// Slowstart is the warm-up after the server comes back ("slowstart");
	// HAProxy keeps it in whole seconds, rounded up.
	Slowstart time.Duration
}

// State is a server's operational state (include/haproxy/server-t.h,
// enum srv_state).
type State uint8

const (
	Stopped  State = iota // down
	Starting              // up and warming up (slowstart)
	Running               // up
	Stopping              // up but soft-stopped (NOLB)
)

// admin flags (SRV_ADMF_*): maintenance and drain, from the configuration
// or the runtime API.
type admin uint8

const (
	adminMaint admin = 1 << iota
	adminDrain
)

// Server is one server of a backend as load balancing sees it. Its fields
// change only through its Backend, under the backend's lock; the accessors
// are for the data plane and the runtime API.
type Server struct {
	be      *Backend
	name    string
	id      int // puid
	backup  bool
	iweight int // initial user weight
	uweight int // current user weight

	// Committed and pending LB status. HAProxy computes the next state,
	// lets the algorithm compare it with the current one, then commits
	// (include/haproxy/backend.h, srv_lb_commit_status).
	curState, nextState State
	curAdmin, nextAdmin admin
	curEW, nextEW       int

	maxconn, minconn, maxqueue int
	slowstart                  int64 // seconds
	lastChange                 int64 // unix seconds of the last state change

	served int // connections established or being established
	queued int // requests waiting in this server's queue

	next *Server // declaration order (px->srv list)

	// Per-algorithm state.
	lbNode   node  // fwrr, fwlc, fas
	lbTree   *tree // the tree the server logically belongs to
	npos     int   // fwrr: next position
	lpos     int   // fwrr: last position
	rweight  int   // fwrr: remainder of the weight division
	nextFull *Server

	wscore    int // lb_map: score while building the map
	cumWeight int // cumulative weight of the usable servers before it

	chNodes []node // lb_chash: the server's occurrences on the ring
	chNow   int    // how many of them are in the tree
}

// Name is the server's name.
func (s *Server) Name() string { return s.name }

// ID is the server's numeric id (the "id" setting or the one assigned).
func (s *Server) ID() int { return s.id }

// Backup reports whether the server is a backup server.
func (s *Server) Backup() bool { return s.backup }

// InitialWeight is the configured user weight.
func (s *Server) InitialWeight() int { return s.iweight }

// Maxconn is the server's connection limit, 0 for none.
func (s *Server) Maxconn() int { return s.maxconn }

// Weight is the current user weight.
func (s *Server) Weight() int {
	s.be.mu.Lock()
	defer s.be.mu.Unlock()
	return s.uweight
}

// EffectiveWeight is the weight load balancing currently uses, in units of
// the backend's scale (16 per user weight for dynamic algorithms).
func (s *Server) EffectiveWeight() int {
	s.be.mu.Lock()
	defer s.be.mu.Unlock()
	return s.curEW
}

// State is the server's committed operational state.
func (s *Server) State() State {
	s.be.mu.Lock()
	defer s.be.mu.Unlock()
	return s.curState
}

// Served is the number of connections the server currently holds.
func (s *Server) Served() int {
	s.be.mu.Lock()
	defer s.be.mu.Unlock()
	return s.served
}

// Usable reports whether load balancing may currently choose the server.
func (s *Server) Usable() bool {
	s.be.mu.Lock()
	defer s.be.mu.Unlock()
	return s.currentlyUsable()
}

// willBeUsable is srv_willbe_usable: the pending status allows traffic.
func (s *Server) willBeUsable() bool {
	if s.nextEW == 0 || s.nextAdmin&(adminMaint|adminDrain) != 0 {
		return false
	}
	return s.nextState == Starting || s.nextState == Running
}

// currentlyUsable is srv_currently_usable: the committed status allows
// traffic.
func (s *Server) currentlyUsable() bool {
	if s.curEW == 0 || s.curAdmin&(adminMaint|adminDrain) != 0 {
		return false
	}
	return s.curState == Starting || s.curState == Running
}

func (s *Server) statusChanged() bool {
	return s.nextState != s.curState || s.nextAdmin != s.curAdmin || s.nextEW != s.curEW
}

func (s *Server) commit() {
	s.curState = s.nextState
	s.curAdmin = s.nextAdmin
	s.curEW = s.nextEW
}
