package engine

import (
	"hakeep/proxy/check"
	"hakeep/proxy/server"
	"hakeep/proxy/stream"
)

// Killing a session: a hard stop ("hard-stop-after"), a server going down
// under "on-marked-down shutdown-sessions" or a backup one when an active
// one comes back ("on-marked-up shutdown-backup-sessions"), and "shutdown
// sessions server" end the streams in flight (stream_shutdown() in 2.6):
// the server connection is interrupted, and a request still waiting for
// its response is answered 502, its termination state saying why ('K',
// 'D', 'U'). The session tracks the server connection of its transaction
// so that another goroutine can interrupt it; once killed, it never gives
// that connection back to a pool.

// track records c as the server connection in use; a session killed
// already has it interrupted at once.
func (s *session) track(c *server.Conn) {
	s.kmu.Lock()
	s.cur = c
	k := s.killed
	s.kmu.Unlock()
	if k != 0 && c != nil {
		c.SetDeadline(past())
	}
}

// untrack forgets the server connection and reports the cause the session
// was killed with, 0 for none: a killed session's connection is closed,
// not kept.
func (s *session) untrack() stream.Cause {
	s.kmu.Lock()
	s.cur = nil
	k := s.killed
	s.kmu.Unlock()
	return k
}

// killedBy is the cause the session was killed with, 0 for none.
func (s *session) killedBy() stream.Cause {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	return s.killed
}

// kill ends the session's stream with cause: its server connection is
// interrupted; the session's goroutine answers or aborts.
func (s *session) kill(cause stream.Cause) {
	s.kmu.Lock()
	if s.killed == 0 {
		s.killed = cause
	}
	c := s.cur
	s.kmu.Unlock()
	if c != nil {
		c.SetDeadline(past())
	}
}

// killOn kills the sessions whose transaction uses srv (nil: every
// session) and reports how many.
func (e *Engine) killOn(srv *server.Server, cause stream.Cause) int {
	r := &e.sessions
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for s := r.head; s != nil; s = s.next {
		s.kmu.Lock()
		c := s.cur
		s.kmu.Unlock()
		if srv == nil || c != nil && c.Server() == srv {
			s.kill(cause)
			n++
		}
	}
	return n
}

// hardStop is what 2.6 does when "hard-stop-after" strikes during a soft
// stop (hard_stop() in src/proxy.c): it says so, names each frontend with
// connections left, and kills every stream.
func (e *Engine) hardStop() {
	msg := "soft-stop running for too long, performing a hard-stop."
	e.log.Warn(msg)
	if e.deps.ProxyLog != nil {
		if l := e.deps.ProxyLog(""); l != nil {
			l.Emit(check.LevelWarning, msg)
		}
	}
	for _, fe := range e.state.Load().frontends {
		if n := fe.counters.Cur.Load(); n > 0 {
			e.proxyWarn(fe.px.Name, "Proxy "+fe.px.Name+" hard-stopped ("+itoa64(n)+" remaining conns will be closed).")
		}
	}
	e.killOn(nil, stream.CauseKilled)
}
