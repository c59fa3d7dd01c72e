package check

import (
	"fmt"
	"strconv"
)

// CheckStats are a check's "show stat" columns (check_* or agent_*). They
// are filled only while the check is enabled and not paused.
type CheckStats struct {
	Shown bool
	// Status is check_status: "L4OK", or "* L4OK" while a check runs.
	Status string
	// Code is check_code, for the statuses that carry one.
	Code    int
	HasCode bool
	// Duration is check_duration in milliseconds, once a check ran.
	Duration    int64
	HasDuration bool
	// Desc is check_desc, the status' description; Last is last_chk,
	// the check's own message.
	Desc, Last         string
	Rise, Fall, Health int
}

// ServerStats are the check-driven "show stat" fields of a server line
// (stats_fill_sv_stats() in src/stats.c).
type ServerStats struct {
	// Status is the status column: "UP", "UP 1/3", "DOWN", "NOLB",
	// "MAINT", "MAINT (via b/s)", "DRAIN", "no check", ...
	Status string
	// Weight is the user weight (uweight); load balancing reports the
	// effective weight.
	Weight int
	// Counters exists when the health check is enabled: chkfail,
	// chkdown, downtime.
	Counters          bool
	ChkFail, ChkDown  uint64
	LastChg, DownTime int64
	Tracked           string
	Check, Agent      CheckStats
	// HanaFail is hanafail, shown with "observe".
	HanaFail     uint64
	HasHanaFail  bool
	State        State
	Maint, Drain bool
}

// Stats returns the server's check-driven stats fields.
func (s *Server) Stats() ServerStats {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	now := s.now()
	ref := s
	for ref.track != nil {
		ref = ref.track
	}
	out := ServerStats{Status: s.statusText(ref), Weight: s.uweight, LastChg: now - s.lastChange,
		State: s.curState, Maint: s.curAdmin&admMaint != 0, Drain: s.curAdmin&admDrain != 0}
	if s.check.enabled {
		out.Counters = true
		out.ChkFail, out.ChkDown = s.failedChecks, s.downTrans
		out.DownTime = s.downtime(now)
	}
	if s.track != nil {
		out.Tracked = s.track.id()
	}
	out.Check = s.check.stats(ref.check)
	out.Agent = s.agent.stats(s.agent)
	if ref.observe != observeNone {
		out.HanaFail, out.HasHanaFail = s.failedHana, true
	}
	return out
}

// downtime is srv_downtime().
func (s *Server) downtime(now int64) int64 {
	if s.curState != StateStopped || s.lastChange >= now {
		return s.downTime
	}
	return now - s.lastChange + s.downTime
}

func (c *Check) stats(ref *Check) CheckStats {
	if !c.enabled || c.paused {
		return CheckStats{}
	}
	st := CheckStats{Shown: true, Status: c.status.Info(), Desc: c.status.Description(), Last: c.desc,
		Rise: ref.rise, Fall: ref.fall, Health: ref.health}
	if c.inProgress {
		st.Status = "* " + st.Status
	}
	if c.status.HasCode() {
		st.Code, st.HasCode = c.code, true
	}
	if c.status.hasDuration() {
		st.Duration, st.HasDuration = c.duration, true
	}
	return st
}

// statusText is the status column (srv_hlt_st[] and its MAINT forms).
func (s *Server) statusText(ref *Server) string {
	switch {
	case s.curAdmin&admRMaint != 0:
		return "MAINT (resolution)"
	case s.curAdmin&admIMaint != 0:
		return "MAINT (via " + s.track.id() + ")"
	case s.curAdmin&admMaint != 0:
		return "MAINT"
	}
	rc, ra := ref.check, ref.agent
	var f string
	switch s.curState {
	case StateRunning, StateStarting:
		f = "UP"
		if rc.enabled && rc.health < rc.up() {
			f = "UP %d/%d"
		}
		if s.curAdmin&admDrain != 0 {
			switch {
			case ra.enabled:
				f = "DRAIN (agent)"
			case f == "UP %d/%d":
				f = "DRAIN %d/%d"
			default:
				f = "DRAIN"
			}
		}
		if f == "UP" && !rc.enabled {
			f = "no check"
		}
	case StateStopping:
		if (!s.check.enabled && s.track == nil) || rc.health == rc.up() {
			f = "NOLB"
		} else {
			f = "NOLB %d/%d"
		}
	default:
		switch {
		case ra.enabled && ra.health == 0:
			f = "DOWN (agent)"
		case rc.enabled && rc.health == 0:
			f = "DOWN"
		case ra.enabled || rc.enabled:
			f = "DOWN %d/%d"
		default:
			f = "DOWN"
		}
	}
	a, b := rc.health, rc.rise
	if ref.curState != StateStopped {
		a, b = rc.health-rc.rise+1, rc.fall
	}
	if f == "UP %d/%d" || f == "DOWN %d/%d" || f == "NOLB %d/%d" || f == "DRAIN %d/%d" {
		return fmt.Sprintf(f, a, b)
	}
	return f
}

// Fields renders the fields as "show stat" CSV values, by column name.
func (st ServerStats) Fields() map[string]string {
	m := map[string]string{"status": st.Status, "lastchg": strconv.FormatInt(st.LastChg, 10),
		"tracked": st.Tracked, "uweight": strconv.Itoa(st.Weight)}
	if st.Counters {
		m["chkfail"] = strconv.FormatUint(st.ChkFail, 10)
		m["chkdown"] = strconv.FormatUint(st.ChkDown, 10)
		m["downtime"] = strconv.FormatInt(st.DownTime, 10)
	} else {
		m["chkfail"], m["chkdown"], m["downtime"] = "", "", ""
	}
	if st.HasHanaFail {
		m["hanafail"] = strconv.FormatUint(st.HanaFail, 10)
	} else {
		m["hanafail"] = ""
	}
	put := func(prefix, last string, c CheckStats) {
		m[prefix+"_status"], m[prefix+"_code"], m[prefix+"_duration"] = "", "", ""
		m[prefix+"_desc"], m[last] = "", ""
		m[prefix+"_rise"], m[prefix+"_fall"], m[prefix+"_health"] = "", "", ""
		if !c.Shown {
			return
		}
		m[prefix+"_status"] = c.Status
		if c.HasCode {
			m[prefix+"_code"] = strconv.Itoa(c.Code)
		}
		if c.HasDuration {
			// an unsigned field in 2.6: -1 (no duration, HANA) wraps
			m[prefix+"_duration"] = strconv.FormatUint(uint64(c.Duration), 10)
		}
		m[prefix+"_desc"], m[last] = c.Desc, c.Last
		m[prefix+"_rise"], m[prefix+"_fall"], m[prefix+"_health"] = strconv.Itoa(c.Rise), strconv.Itoa(c.Fall), strconv.Itoa(c.Health)
	}
	put("check", "last_chk", st.Check)
	put("agent", "last_agt", st.Agent)
	return m
}
