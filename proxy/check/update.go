package check

import (
	"fmt"
	"strings"
)

// updateStatus is srv_update_status() (src/server.c): the pending
// operational and administrative changes are applied, load balancing is
// told, and each transition is announced with 2.6's wording and levels.
func (s *Server) updateStatus() {
	be := s.be
	prevCount := be.usableCount()
	wasStopping := s.curState == StateStopping || s.curAdmin&admDrain != 0
	now := s.now()
	xferred := 0

	if s.curAdmin&admMaint == 0 {
		nextAdmin := s.nextAdmin
		s.nextAdmin = s.curAdmin
		switch {
		case s.curState != StateStopped && s.nextState == StateStopped:
			s.lastChange = now
			s.commit()
			if s.onMarkedDown {
				s.shutdownSessions()
			}
			xferred = s.redistribute()
			msg := s.prefix() + "Server " + s.id() + " is DOWN" + s.appendStatus(nil, xferred, false)
			level := LevelAlert
			if wasStopping {
				level = LevelNotice
			}
			be.notify(kindWarning, level, msg+".")
			if prevCount > 0 && be.usableCount() == 0 {
				be.setDown()
			}
			s.downTrans++
		case s.curState != StateStopping && s.nextState == StateStopping:
			s.lastChange = now
			s.commit()
			xferred = s.redistribute()
			msg := s.prefix() + "Server " + s.id() + " is stopping" + s.appendStatus(nil, xferred, false)
			be.notify(kindWarning, LevelNotice, msg+".")
			if prevCount > 0 && be.usableCount() == 0 {
				be.setDown()
			}
		case (s.curState != StateRunning && s.nextState == StateRunning) ||
			(s.curState != StateStarting && s.nextState == StateStarting):
			if be.usableCount() == 0 {
				if be.lastChange < now {
					be.downTime += now - be.lastChange
				}
				be.lastChange = now
			}
			if s.curState == StateStopped && s.lastChange < now {
				s.downTime += now - s.lastChange
			}
			s.lastChange = now
			s.commit()
			if s.nextState == StateStarting {
				s.startWarmup()
			}
			if s.onMarkedUp && !s.backup && s.uweight > 0 {
				be.shutdownBackupSessions()
			}
			xferred = s.grabQueued()
			msg := s.prefix() + "Server " + s.id() + " is UP" + s.appendStatus(nil, xferred, false)
			be.notify(kindWarning, LevelNotice, msg+".")
			if prevCount > 0 && be.usableCount() == 0 {
				be.setDown()
			}
		case s.prevWeight != s.uweight:
			s.commit()
			if prevCount > 0 && be.usableCount() == 0 {
				be.setDown()
			}
		}
		s.nextAdmin = nextAdmin
	}

	s.op = opChange{}

	switch {
	case s.curAdmin&admMaint == 0 && s.nextAdmin&admMaint != 0:
		s.enterMaint(prevCount, wasStopping, now)
	case s.curAdmin&admMaint != 0 && s.nextAdmin&admMaint == 0:
		s.leaveMaint(prevCount, now)
	case s.nextAdmin&admMaint != 0:
		s.stayMaint()
	}

	if s.nextAdmin&admMaint == 0 {
		switch {
		case s.curAdmin&admDrain == 0 && s.nextAdmin&admDrain != 0:
			// drain applies only outside maintenance
			s.lastChange = now
			s.curAdmin = s.nextAdmin
			s.applyTarget()
			xferred = s.redistribute()
			msg := s.prefix() + "Server " + s.id() + " enters drain state" + s.cause() +
				s.appendStatus(nil, xferred, s.nextAdmin&admFDrain != 0)
			if !s.w.starting {
				be.notify(kindWarning, LevelNotice, msg+".")
			}
			if prevCount > 0 && be.usableCount() == 0 {
				be.setDown()
			}
		case s.curAdmin&admDrain != 0 && s.nextAdmin&admDrain == 0:
			if be.usableCount() == 0 {
				if be.lastChange < now {
					be.downTime += now - be.lastChange
				}
				be.lastChange = now
			}
			if s.lastChange < now {
				s.downTime += now - s.lastChange
			}
			s.lastChange = now
			var msg string
			if s.nextAdmin&admFDrain == 0 {
				msg = fmt.Sprintf("%sServer %s is %s (leaving forced drain)", s.prefix(), s.id(), upDown(s.nextState))
			} else {
				msg = fmt.Sprintf("%sServer %s is %s (leaving drain)", s.prefix(), s.id(), upDown(s.nextState))
				if s.track != nil {
					msg += " via " + s.track.id()
				}
			}
			be.notify(kindWarning, LevelNotice, msg+".")
			s.curAdmin = s.nextAdmin
			s.commit()
		case s.nextAdmin&admDrain != 0:
			var msg string
			if s.nextAdmin&admFDrain == 0 {
				msg = s.prefix() + "Server " + s.id() + " is leaving forced drain but remains in drain mode"
				if s.track != nil {
					msg += " via " + s.track.id()
				}
			} else {
				msg = s.prefix() + "Server " + s.id() + " remains in forced drain mode"
			}
			be.notify(kindWarning, LevelNotice, msg+".")
			s.curAdmin = s.nextAdmin
		}
	}
	s.admCause = ""
}

// enterMaint is the "maintenance must also disable health checks" branch.
func (s *Server) enterMaint(prevCount int, wasStopping bool, now int64) {
	be := s.be
	if s.check.enabled {
		s.check.paused = true
		s.check.health = 0
	}
	if s.curState == StateStopped {
		msg := s.prefix() + "Server " + s.id() + " was DOWN and now enters maintenance" + s.cause() +
			s.appendStatus(nil, -1, s.nextAdmin&admFMaint != 0)
		if !s.w.starting {
			be.notify(kindWarning, LevelNotice, msg+".")
		}
		s.curAdmin = s.nextAdmin
		s.applyTarget()
		return
	}
	s.check.health = 0
	s.lastChange = now
	s.nextState = StateStopped
	s.curAdmin = s.nextAdmin
	s.commit()
	if s.onMarkedDown {
		s.shutdownSessions()
	}
	xferred := s.redistribute()
	msg := s.prefix() + "Server " + s.id() + " is going DOWN for maintenance" + s.cause() +
		s.appendStatus(nil, xferred, s.nextAdmin&admFMaint != 0)
	if !s.w.starting {
		level := LevelAlert
		if wasStopping {
			level = LevelNotice
		}
		be.notify(kindWarning, level, msg+".")
	}
	if prevCount > 0 && be.usableCount() == 0 {
		be.setDown()
	}
	s.downTrans++
}

// leaveMaint: the server comes back up at once if its checks allow it.
func (s *Server) leaveMaint(prevCount int, now int64) {
	be := s.be
	if s.check.enabled {
		s.check.paused = false
		s.check.health = s.check.rise // start OK but check immediately
	}
	if (s.track == nil || s.track.nextState != StateStopped) &&
		(!s.agent.enabled || s.agent.health >= s.agent.rise) &&
		(!s.check.enabled || s.check.health >= s.check.rise) {
		if s.track != nil && s.track.nextState == StateStopping {
			s.nextState = StateStopping
		} else {
			s.lastChange = now
			s.nextState = StateStarting
			if s.slowstart <= 0 {
				s.nextState = StateRunning
			} else {
				s.startWarmup()
			}
		}
	}
	var msg string
	state := upDown(s.nextState) + "/" + readyDrain(s.nextAdmin)
	if s.nextAdmin&admFMaint == 0 && s.curAdmin&admFMaint != 0 {
		msg = s.prefix() + "Server " + s.id() + " is " + state + " (leaving forced maintenance)"
	}
	if s.nextAdmin&admRMaint == 0 && s.curAdmin&admRMaint != 0 {
		msg = s.prefix() + "Server " + s.id() + " ('" + s.cfg.Addr.Host + "') is " + state + " (resolves again)"
	}
	if s.nextAdmin&admIMaint == 0 && s.curAdmin&admIMaint != 0 {
		msg = s.prefix() + "Server " + s.id() + " is " + state + " (leaving maintenance)"
	}
	be.notify(kindWarning, LevelNotice, msg+".")

	wasEmpty := prevCount == 0
	s.curAdmin = s.nextAdmin
	s.commit()
	if prevCount > 0 && be.usableCount() == 0 {
		be.setDown()
	} else if wasEmpty && be.usableCount() > 0 {
		be.lastChange = now
	}
	if s.onMarkedUp && !s.backup && s.uweight > 0 {
		be.shutdownBackupSessions()
	}
	s.grabQueued()
}

// stayMaint: one maintenance flag went but others remain.
func (s *Server) stayMaint() {
	be := s.be
	if s.nextAdmin&admFMaint == 0 && s.curAdmin&admFMaint != 0 {
		msg := s.prefix() + "Server " + s.id() + " is leaving forced maintenance but remains in maintenance"
		if s.track != nil {
			msg += " via " + s.track.id()
		}
		be.notify(kindWarning, LevelNotice, msg+".")
	}
	if s.nextAdmin&admRMaint == 0 && s.curAdmin&admRMaint != 0 {
		msg := s.prefix() + "Server " + s.id() + " ('" + s.cfg.Addr.Host + "') resolves again but remains in maintenance"
		if s.track != nil {
			msg += " via " + s.track.id()
		}
		be.notify(kindWarning, LevelNotice, msg+".")
	} else if s.nextAdmin&admIMaint == 0 && s.curAdmin&admIMaint != 0 {
		be.notify(kindWarning, LevelNotice, s.prefix()+"Server "+s.id()+" remains in forced maintenance.")
	}
	s.curAdmin = s.nextAdmin
	s.applyTarget()
}

func (s *Server) cause() string {
	if s.admCause == "" {
		return ""
	}
	return " (" + s.admCause + ")"
}

func upDown(st State) string {
	if st == StateStopped {
		return "DOWN"
	}
	return "UP"
}

func readyDrain(a admin) string {
	if a&admDrain != 0 {
		return "DRAIN"
	}
	return "READY"
}

// appendStatus is srv_append_status(): the reason of a change (a check's
// result, or the one recorded in op) and the requeue summary when
// xferred >= 0.
func (s *Server) appendStatus(c *Check, xferred int, forced bool) string {
	var b strings.Builder
	op := s.op
	if c != nil {
		op = opChange{set: true, status: c.status, code: c.code, duration: c.duration, reason: c.desc}
	}
	switch {
	case op.set:
		b.WriteString(", reason: ")
		b.WriteString(op.status.Description())
		if op.status.HasCode() {
			fmt.Fprintf(&b, ", code: %d", op.code)
		}
		if op.reason != "" {
			b.WriteString(`, info: "`)
			asciiEncode(&b, op.reason, '"')
			b.WriteByte('"')
		}
		if op.duration >= 0 {
			fmt.Fprintf(&b, ", check duration: %dms", op.duration)
		}
	case op.reason != "":
		b.WriteString(", ")
		b.WriteString(op.reason)
	case !forced && s.track != nil:
		b.WriteString(" via " + s.track.id())
	}
	if xferred >= 0 {
		act, bck := s.be.counts()
		running := ""
		if bck > 0 && act == 0 {
			running = " Running on backup."
		}
		sessions, queued := s.load()
		if s.nextState == StateStopped {
			fmt.Fprintf(&b, ". %d active and %d backup servers left.%s %d sessions active, %d requeued, %d remaining in queue",
				act, bck, running, sessions, xferred, queued)
		} else {
			fmt.Fprintf(&b, ". %d active and %d backup servers online.%s %d sessions requeued, %d total in queue",
				act, bck, running, xferred, queued)
		}
	}
	return b.String()
}

// The engine hooks, each optional.

func (s *Server) load() (sessions, queued int) {
	if q, ok := s.target.(Queue); ok {
		return q.Load()
	}
	return 0, 0
}

func (s *Server) redistribute() int {
	if q, ok := s.target.(Queue); ok {
		return q.Redistribute()
	}
	return 0
}

func (s *Server) grabQueued() int {
	if q, ok := s.target.(Queue); ok {
		return q.GrabQueued()
	}
	return 0
}

func (s *Server) shutdownSessions() {
	if k, ok := s.target.(SessionKiller); ok {
		k.ShutdownSessions()
	}
}

// shutdownBackupSessions is srv_shutdown_backup_streams().
func (b *Backend) shutdownBackupSessions() {
	for _, s := range b.servers {
		if s.backup {
			s.shutdownSessions()
		}
	}
}
