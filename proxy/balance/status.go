package balance

// This file is the read side the stats and the runtime API use
// (proxy/stats, proxy/cli): committed states and weights as 2.6's
// stats_fill_sv_stats() and stats_fill_be_stats() read them.

// ServerStatus is a server's committed load-balancing status.
type ServerStatus struct {
	State        State
	Maint, Drain bool
	// UWeight and IWeight are the current and initial user weights;
	// EWeight the effective weight scaled back to user weights
	// ((cur_eweight * wmult + wdiv - 1) / wdiv).
	UWeight, IWeight, EWeight int
	// LastChange is the unix time of the last state change.
	LastChange int64
	// Served and Queued are the connections on the server and the
	// requests waiting for it.
	Served, Queued int
	// Throttle is server_throttle_rate() in percent while the server
	// warms up, -1 otherwise.
	Throttle int
	Backup   bool
	// Usable is srv_currently_usable().
	Usable bool
}

// Status reads a server's committed status.
func (s *Server) Status() ServerStatus {
	b := s.be
	b.mu.Lock()
	defer b.mu.Unlock()
	st := ServerStatus{
		State: s.curState, Maint: s.curAdmin&adminMaint != 0, Drain: s.curAdmin&adminDrain != 0,
		UWeight: s.uweight, IWeight: s.iweight, LastChange: s.lastChange,
		Served: s.served, Queued: s.queued, Throttle: -1, Backup: s.backup,
		Usable: s.currentlyUsable(),
	}
	if b.wdiv > 0 {
		st.EWeight = (s.curEW*b.wmult + b.wdiv - 1) / b.wdiv
	}
	if s.curState == Starting && s.curAdmin&adminDrain == 0 {
		st.Throttle = 100
		if s.uweight > 0 && b.wdiv > 0 {
			st.Throttle = (100*b.wmult*s.curEW + b.wdiv - 1) / (b.wdiv * s.uweight)
		}
	}
	return st
}

// BackendStatus is a backend's committed load-balancing totals.
type BackendStatus struct {
	// TotWeight is tot_weight scaled back to user weights; UWeight the
	// user weights of the servers in use (stats_fill_be_stats()'s
	// totuw).
	TotWeight, UWeight int
	// Act and Bck are srv_act and srv_bck.
	Act, Bck int
	// Beconn and Queued are the backend's streams and its own queue.
	Beconn, Queued int
}

// Status reads the backend's totals.
func (b *Backend) Status() BackendStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := BackendStatus{Act: b.srvAct, Bck: b.srvBck, Beconn: b.beconn, Queued: b.queued}
	if b.wdiv > 0 {
		st.TotWeight = (b.totWeight*b.wmult + b.wdiv - 1) / b.wdiv
	}
	for s := b.first; s != nil; s = s.next {
		if s.curState != Stopped && s.currentlyUsable() && (b.srvAct == 0) == s.backup {
			st.UWeight += s.uweight
		}
	}
	if b.srvAct == 0 && b.fbck != nil {
		st.UWeight = b.fbck.uweight
	}
	return st
}

// Fullconn is the backend's "fullconn" in force ("slim" of a backend).
func (b *Backend) Fullconn() int { return b.opt.Fullconn }
