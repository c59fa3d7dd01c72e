package check

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
)

// The runtime API's server commands that act on checks (management.txt
// section 9.3: "enable/disable health", "enable/disable agent", "set
// server ... health|agent|check-port|check-addr|agent-addr|agent-port|
// agent-send|state|weight", "set maxconn server"). Errors carry 2.6's
// answer text (checked against 2.6.12's CLI where e2e/checks plays them);
// warnings are returned as a message with a nil error.

// EnableHealth is "enable health <b>/<s>".
func (s *Server) EnableHealth() error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if !s.check.configured {
		return errors.New("Health check was not configured on this server, cannot enable.\n")
	}
	s.check.enabled = true
	return nil
}

// DisableHealth is "disable health <b>/<s>".
func (s *Server) DisableHealth() {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	s.check.enabled = false
}

// EnableAgent is "enable agent <b>/<s>".
func (s *Server) EnableAgent() error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if !s.agent.configured {
		return errors.New("Agent was not configured on this server, cannot enable.\n")
	}
	s.agent.enabled = true
	return nil
}

// DisableAgent is "disable agent <b>/<s>".
func (s *Server) DisableAgent() {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	s.agent.enabled = false
}

// SetHealth is "set server <b>/<s> health up|stopping|down".
func (s *Server) SetHealth(state string) (warning string, err error) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if s.track != nil {
		return "cannot change health on a tracking server.\n", nil
	}
	c := s.check
	switch state {
	case "up":
		c.health = c.up()
		s.setRunning("changed from CLI", nil)
	case "stopping":
		c.health = c.up()
		s.setStopping("changed from CLI", nil)
	case "down":
		c.health = 0
		s.setStopped("changed from CLI", nil)
	default:
		return "", errors.New("'set server <srv> health' expects 'up', 'stopping', or 'down'.\n")
	}
	return "", nil
}

// SetAgent is "set server <b>/<s> agent up|down".
func (s *Server) SetAgent(state string) (warning string, err error) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	a := s.agent
	if !a.enabled {
		return "agent checks are not enabled on this server.\n", nil
	}
	switch state {
	case "up":
		a.health = a.up()
		s.setRunning("changed from CLI", nil)
	case "down":
		a.health = 0
		s.setStopped("changed from CLI", nil)
	default:
		return "", errors.New("'set server <srv> agent' expects 'up' or 'down'.\n")
	}
	return "", nil
}

// SetAdmin is "set server <b>/<s> state ready|drain|maint" (and the
// deprecated "enable/disable server").
func (s *Server) SetAdmin(state string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	switch state {
	case "ready":
		s.setReady()
	case "drain":
		s.setAdminFlag(admFDrain, "")
	case "maint":
		s.setAdminFlag(admFMaint, "")
	default:
		return errors.New("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n")
	}
	return nil
}

// SetWeight is "set server <b>/<s> weight <w>[%]" and "set weight".
func (s *Server) SetWeight(w string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if msg := s.parseWeightChange(w); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// SetMaxconn is "set maxconn server <b>/<s> <n>".
func (s *Server) SetMaxconn(v string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if msg := s.parseMaxconnChange(v); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// SetCheckPort is "set server <b>/<s> check-port <port>".
func (s *Server) SetCheckPort(v string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return errors.New("provided port is not an integer")
	}
	if n < 0 || n > 65535 {
		return errors.New("provided port is invalid")
	}
	if s.cfg.Addr.PortOffset && n == 0 {
		return errors.New("can't unset 'port' since MAPPORTS is in use.\n")
	}
	s.check.probe.port = int(n)
	return nil
}

// SetCheckAddr is "set server <b>/<s> check-addr <ip> [port <port>]".
func (s *Server) SetCheckAddr(ip string, port string) error {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return errors.New("invalid addr '" + ip + "'")
	}
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	s.check.probe.addr = a
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil {
			return errors.New("provided port is not an integer")
		}
		if n < 0 || n > 65535 {
			return errors.New("provided port is invalid")
		}
		s.check.probe.port = n
	}
	return nil
}

// SetAgentAddr is "set server <b>/<s> agent-addr <addr>".
func (s *Server) SetAgentAddr(ip string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if !s.agent.enabled {
		return errors.New("agent checks are not enabled on this server")
	}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return errors.New("incorrect addr address given for agent.\n")
	}
	s.agent.probe.addr = a
	return nil
}

// SetAgentPort is "set server <b>/<s> agent-port <port>".
func (s *Server) SetAgentPort(v string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if !s.agent.enabled {
		return errors.New("agent checks are not enabled on this server")
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return errors.New("provided port is not an integer")
	}
	if n < 1 || n > 65535 {
		return errors.New("provided port is invalid")
	}
	s.agent.probe.port = n
	return nil
}

// SetAgentSend is "set server <b>/<s> agent-send <string>".
func (s *Server) SetAgentSend(v string) error {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if !s.agent.enabled {
		return errors.New("agent checks are not enabled on this server.\n")
	}
	rs := *s.agent.probe.rs
	rs.vars = []presetVar{{"check.agent_string", strValue(v)}}
	s.agent.probe.rs = &rs
	return nil
}
