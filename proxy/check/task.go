package check

import (
	"context"
	"fmt"
	"time"
)

// run is the check's task (process_chk_conn / process_chk_proc): wait for
// the timer, probe, apply the result, schedule the next check after
// srv_getinter() plus the "spread-checks" jitter.
func (c *Check) run(ctx context.Context, first time.Duration) {
	w := c.srv.w
	expire := w.now().Add(first)
	for {
		if d := expire.Sub(w.now()); d > 0 {
			t := w.clock.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C():
			case <-c.wake:
				t.Stop()
				// woken before the timer: advance it when fastinter
				// makes the next check due sooner
				w.mu.Lock()
				if w.now().Add(c.getInter()).Before(expire) {
					expire = c.nextExpire()
				}
				w.mu.Unlock()
				continue
			}
		}
		w.mu.Lock()
		now := w.now()
		if !c.enabled || c.paused {
			for !expire.After(now) {
				expire = expire.Add(c.inter)
			}
			w.mu.Unlock()
			continue
		}
		c.begin()
		c.inProgress = true
		st := c.probeState()
		p := c.probe.clone()
		w.mu.Unlock()

		out := p.execute(ctx, st)
		if ctx.Err() != nil {
			return
		}

		w.mu.Lock()
		c.complete(out)
		expire = c.nextExpire()
		w.mu.Unlock()
	}
}

// nextExpire is the update_timer and reschedule steps: now plus the
// interval for the current health, jittered; fastinter forced by
// "on-error" lasts one check.
func (c *Check) nextExpire() time.Time {
	w := c.srv.w
	now := w.now()
	inter := c.getInter()
	expire := now.Add(inter + w.jitter(inter))
	c.fastForced = false
	for !expire.After(now) {
		expire = expire.Add(c.inter)
	}
	return expire
}

// complete applies a probe's outcome: the status (and, for an agent, its
// reply's effects) then the server's new state.
func (c *Check) complete(o outcome) {
	c.inProgress = false
	switch {
	case o.agentLine != nil:
		st, desc, skip := c.applyAgent(*o.agentLine)
		if skip {
			return
		}
		c.code = 0
		c.setStatus(st, desc)
	case o.agentIncomplete:
		// "at least inform the admin that the agent is mis-behaving"
		c.setStatus(c.status, "Ignoring incomplete line from agent")
	case o.set:
		for _, b := range o.before {
			c.code = b.code
			c.setStatus(b.status, b.desc)
		}
		c.code = o.code
		c.setStatus(o.status, o.desc)
	default:
		return
	}
	c.finish()
}

// probeState snapshots what a probe reads of the server.
func (c *Check) probeState() probeState {
	s := c.srv
	st := probeState{serverUp: s.nextState != StateStopped, now: s.w.now()}
	if c.probe.sendState && !c.agent {
		st.stateHeader = s.stateHeader()
	}
	return st
}

// stateHeader is httpchk_build_status_header(): the X-Haproxy-Server-State
// value "http-check send-state" sends (configuration.txt section 4.2).
func (s *Server) stateHeader() string {
	c := s.check
	var state string
	switch {
	case !c.enabled:
		state = "no check"
	case s.curState != StateStopped:
		full := c.health == c.up()
		switch {
		case s.curState == StateStopping && full:
			state = "NOLB"
		case s.curState == StateStopping:
			state = fmt.Sprintf("NOLB %d/%d", c.health-c.rise+1, c.fall)
		case full:
			state = "UP"
		default:
			state = fmt.Sprintf("UP %d/%d", c.health-c.rise+1, c.fall)
		}
	case c.health > 0:
		state = fmt.Sprintf("DOWN %d/%d", c.health, c.rise)
	default:
		state = "DOWN"
	}
	addr, port := s.cfg.Addr.String(), ""
	if p := c.probe; p.unixPath == "" {
		addr, port = p.srvAddr.String(), fmt.Sprint(p.srvPort)
	}
	sessions, queued := s.load()
	be := s.be
	total := 0
	for _, o := range be.servers {
		total += o.sessionsOnly()
	}
	h := fmt.Sprintf("%s; address=%s; port=%s; name=%s; node=%s; weight=%d/%d; scur=%d/%d; qcur=%d",
		state, addr, port, s.id(), s.w.node, s.uweight, be.totalWeight(), sessions, total, queued)
	if s.curState == StateStarting && s.slowstart > 0 {
		el := s.now() - s.lastChange
		if ss := int64(s.slowstart / time.Second); ss > 0 && el >= 0 && el < ss {
			h += fmt.Sprintf("; throttle=%d%%", max(1, 100*el/ss))
		}
	}
	return h
}

func (s *Server) sessionsOnly() int {
	n, _ := s.load()
	return n
}

// totalWeight is lbprm.tot_weight in user units: the active servers'
// weights, or the backups' when no active server is usable (only the
// first one without "option allbackups").
func (b *Backend) totalWeight() int {
	act, bck := 0, 0
	first := true
	for _, s := range b.servers {
		if !s.usable() {
			continue
		}
		if !s.backup {
			act += s.uweight
			continue
		}
		if b.allBackups || first {
			bck += s.uweight
			first = false
		}
	}
	if a, _ := b.counts(); a > 0 {
		return act
	}
	return bck
}
