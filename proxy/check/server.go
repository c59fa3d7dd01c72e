package check

import (
	"time"

	"hakeep/proxy"
)

// Server is one server's check-driven state: its operational state
// (UP/DOWN/NOLB), administrative flags (maintenance, drain), user weight,
// tracking links and counters, with its health check and agent check
// (struct server in include/haproxy/server-t.h, the parts src/check.c and
// src/server.c change).
type Server struct {
	w      *world
	be     *Backend
	cfg    *proxy.Server
	name   string
	backup bool

	iweight, uweight int
	// prevWeight is the weight load balancing last saw (cur_eweight);
	// a difference is a pending weight change.
	prevWeight int
	maxconn    int
	minconn    int
	slowstart  time.Duration

	curState, nextState State
	curAdmin, nextAdmin admin
	lastChange          int64 // unix seconds
	downTime            int64

	failedChecks uint64
	downTrans    uint64
	failedHana   uint64

	// Passive health checking ("observe", "error-limit", "on-error").
	observe           observeMode
	errorLimit        int
	consecutiveErrors int
	onError           onError
	onMarkedDown      bool // "on-marked-down shutdown-sessions"
	onMarkedUp        bool // "on-marked-up shutdown-backup-sessions"

	track    *Server
	trackers []*Server

	check *Check
	agent *Check

	// op is op_st_chg: why the operational state is changing, for the
	// message srv_update_status() prints.
	op opChange
	// admCause is adm_st_chg_cause.
	admCause string

	target Target
	// warming: the slowstart task runs.
	warming bool
}

// opChange is struct srv_op_st_chg.
type opChange struct {
	set      bool // a check result is attached (status != -1)
	status   Status
	code     int
	duration int64
	reason   string
}

// Name is the server's name.
func (s *Server) Name() string { return s.name }

// Backend is the server's backend.
func (s *Server) Backend() *Backend { return s.be }

// Config is the server's configuration.
func (s *Server) Config() *proxy.Server { return s.cfg }

// Check is the server's health check (configured or not).
func (s *Server) Check() *Check { return s.check }

// Agent is the server's agent check (configured or not).
func (s *Server) Agent() *Check { return s.agent }

// SetTarget plugs the engine's side of the server in and hands it the
// current status.
func (s *Server) SetTarget(t Target) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	s.target = t
	s.applyTarget()
}

// Status is the server's committed status as load balancing sees it.
func (s *Server) Status() LBStatus {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	return s.lbStatus()
}

func (s *Server) lbStatus() LBStatus {
	return LBStatus{State: s.curState, Maint: s.curAdmin&admMaint != 0,
		Drain: s.curAdmin&admDrain != 0, Weight: s.uweight}
}

func (s *Server) applyTarget() {
	if s.target != nil {
		s.target.SetStatus(s.lbStatus())
	}
}

// usable is srv_currently_usable(): the committed status takes traffic.
func (s *Server) usable() bool {
	if s.prevWeight == 0 || s.curAdmin&(admMaint|admDrain) != 0 {
		return false
	}
	return s.curState == StateStarting || s.curState == StateRunning
}

// commit is srv_lb_commit_status(): the pending status becomes current
// and load balancing is told.
func (s *Server) commit() {
	s.curState = s.nextState
	s.prevWeight = s.uweight
	s.applyTarget()
}

func (s *Server) now() int64 { return s.w.now().Unix() }

// prefix is "Backup " for backup servers in messages.
func (s *Server) prefix() string {
	if s.backup {
		return "Backup "
	}
	return ""
}

// id is "backend/server" as messages print it.
func (s *Server) id() string { return s.be.name + "/" + s.name }

// setStopped is srv_set_stopped(): the server goes DOWN whatever its
// checks say, unless it is in maintenance; trackers follow.
func (s *Server) setStopped(reason string, c *Check) {
	if s.curAdmin&admMaint != 0 || s.nextState == StateStopped {
		return
	}
	s.nextState = StateStopped
	s.setOp(reason, c)
	s.updateStatus()
	for i := len(s.trackers) - 1; i >= 0; i-- {
		s.trackers[i].setStopped("", nil)
	}
}

// setRunning is srv_set_running(): the server comes UP (STARTING with a
// slowstart) unless it is in maintenance; trackers follow.
func (s *Server) setRunning(reason string, c *Check) {
	if s.curAdmin&admMaint != 0 {
		return
	}
	if s.nextState == StateStarting || s.nextState == StateRunning {
		return
	}
	s.nextState = StateStarting
	s.setOp(reason, c)
	if s.slowstart <= 0 {
		s.nextState = StateRunning
	}
	s.updateStatus()
	for i := len(s.trackers) - 1; i >= 0; i-- {
		s.trackers[i].setRunning("", nil)
	}
}

// setStopping is srv_set_stopping(): the server enters NOLB.
func (s *Server) setStopping(reason string, c *Check) {
	if s.curAdmin&admMaint != 0 || s.nextState == StateStopping {
		return
	}
	s.nextState = StateStopping
	s.setOp(reason, c)
	s.updateStatus()
	for i := len(s.trackers) - 1; i >= 0; i-- {
		s.trackers[i].setStopping("", nil)
	}
}

func (s *Server) setOp(reason string, c *Check) {
	s.op = opChange{}
	switch {
	case reason != "":
		s.op.reason = truncDesc(reason)
	case c != nil:
		s.op = opChange{set: true, status: c.status, code: c.code, duration: c.duration, reason: c.desc}
	}
}

// setAdminFlag is srv_set_admin_flag(): maintenance or drain is forced,
// and inherited by the trackers.
func (s *Server) setAdminFlag(mode admin, cause string) {
	if mode == 0 || s.nextAdmin&mode != 0 {
		return
	}
	s.nextAdmin |= mode
	if cause != "" {
		s.admCause = cause
	}
	s.updateStatus()
	if (mode&admMaint != 0 && s.nextAdmin&^mode&admMaint != 0) ||
		(mode&admDrain != 0 && s.nextAdmin&^mode&admDrain != 0) {
		return
	}
	if mode&admMaint != 0 {
		mode = admIMaint
	} else if mode&admDrain != 0 {
		mode = admIDrain
	}
	for i := len(s.trackers) - 1; i >= 0; i-- {
		s.trackers[i].setAdminFlag(mode, cause)
	}
}

// clrAdminFlag is srv_clr_admin_flag().
func (s *Server) clrAdminFlag(mode admin) {
	if mode == 0 || s.nextAdmin&mode == 0 {
		return
	}
	s.nextAdmin &^= mode
	s.updateStatus()
	if (mode&admMaint != 0 && s.nextAdmin&admMaint != 0) ||
		(mode&admDrain != 0 && s.nextAdmin&admDrain != 0) {
		return
	}
	if mode&admMaint != 0 {
		mode = admIMaint
	} else if mode&admDrain != 0 {
		mode = admIDrain
	}
	for i := len(s.trackers) - 1; i >= 0; i-- {
		s.trackers[i].clrAdminFlag(mode)
	}
}

// setReady is srv_adm_set_ready(): out of forced drain and maintenance.
func (s *Server) setReady() {
	s.clrAdminFlag(admFDrain)
	s.clrAdminFlag(admFMaint)
}

// setWeight is the end of server_parse_weight_change_request(): the user
// weight changes and load balancing follows.
func (s *Server) setWeight(w int) {
	s.uweight = w
	s.updateStatus()
}
