package check

import (
	"strconv"
	"strings"
)

// expectAgentReply is the first half of tcpcheck_agent_expect_reply(): it
// takes the agent's line (up to the first CR or LF); the line is applied
// to the server under the lock by applyAgent.
func expectAgentReply(x *checkRun, r *rule, lastRead bool) evalRet {
	end := -1
	for i, c := range x.in {
		if c == 0 {
			break
		}
		if c == '\n' || c == '\r' {
			end = i
			break
		}
	}
	if end < 0 {
		if !lastRead {
			return evalWait
		}
		x.out.agentIncomplete = true
		return evalStop
	}
	line := string(x.in[:end])
	x.out.agentLine = &line
	return evalStop
}

// applyAgent is the rest of tcpcheck_agent_expect_reply() (configuration
// section 5.2, "agent-check"): the words of the reply change the server's
// health, administrative state, weight and maxconn, and give the agent
// check its status and description. skip is true when the agent was
// disabled while its check ran: the reply is ignored.
func (c *Check) applyAgent(line string) (st Status, desc string, skip bool) {
	if !c.enabled {
		return 0, "", true
	}
	s := c.srv
	st = StatusChecked
	var hs, as, ps, cs, errWord, wrn string
	cmd := line
	for cmd != "" {
		ch := cmd[0]
		if ch == ' ' || ch == '\t' || ch == ',' {
			cmd = cmd[1:]
			continue
		}
		if ch == '#' {
			cmd = strings.TrimLeft(cmd[1:], "\t ")
			break
		}
		end := 1
		for end < len(cmd) && cmd[end] != '\t' && cmd[end] != ' ' && cmd[end] != '\n' && cmd[end] != ',' {
			end++
		}
		w := cmd[:end]
		if end < len(cmd) {
			cmd = cmd[end+1:]
		} else {
			cmd = ""
		}
		// the agent's own health moves (2.6: a "down" is not a failed
		// health check: chkfail does not count it, measured on 2.6.12)
		switch lw := strings.ToLower(w); {
		case lw == "up":
			c.health = c.up()
			st, hs = StatusL7OK, w
		case lw == "down" || lw == "stopped" || lw == "fail":
			c.health = 0
			st, hs = StatusL7STS, w
		case lw == "ready" || lw == "drain" || lw == "maint":
			as = w
		case w[0] >= '0' && w[0] <= '9' && strings.Contains(w, "%"):
			ps = w
		case strings.HasPrefix(lw, "maxconn:"):
			cs = w
		default:
			if errWord == "" {
				errWord = w
			}
		}
	}
	cmd = strings.TrimLeft(cmd, " \n")

	switch strings.ToLower(as) {
	case "drain":
		s.setAdminFlag(admFDrain, "")
	case "maint":
		s.setAdminFlag(admFMaint, "")
	case "ready":
		s.setReady()
	}
	if ps != "" {
		if msg := s.parseWeightChange(ps); wrn == "" {
			wrn = msg
		}
	}
	if cs != "" {
		if msg := s.parseMaxconnChange(cs[len("maxconn:"):]); wrn == "" {
			wrn = msg
		}
	}
	switch {
	case hs != "":
		// down reports stay as they are; an up report or none leaves
		// room for the error, then the warning
		msg := cmd
		if msg == "" || st == StatusL7OK {
			if errWord != "" {
				msg = errWord
			} else if wrn != "" {
				msg = wrn
			}
		}
		desc = "via agent : " + hs
		if msg != "" {
			desc += " (" + msg + ")"
		}
	case errWord != "":
		desc = "agent reports an error : " + errWord
	case wrn != "":
		desc = "agent warns : " + wrn
	}
	return st, desc, false
}

// parseWeightChange is server_parse_weight_change_request(): "N" or
// "N%" of the initial weight; the message is a refusal.
func (s *Server) parseWeightChange(str string) string {
	if str == "" {
		return "Require <weight> or <weight%>.\n"
	}
	n, rest := leadingInt(str)
	if len(rest) == len(str) {
		return "Empty weight string empty or preceded by garbage"
	}
	w := n
	switch {
	case rest == "%":
		if w < 0 {
			return "Relative weight must be positive.\n"
		}
		if w > 25600 {
			w = 25600
		}
		w = int64(s.iweight) * w / 100
		if w > 256 {
			w = 256
		}
	case w < 0 || w > 256:
		return "Absolute weight can only be between 0 and 256 inclusive.\n"
	case rest != "":
		return "Trailing garbage in weight string"
	}
	if w != 0 && int(w) != s.iweight && !s.be.dynamicLB {
		return "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n"
	}
	s.setWeight(int(w))
	return ""
}

// parseMaxconnChange is server_parse_maxconn_change_request().
func (s *Server) parseMaxconnChange(str string) string {
	if str == "" {
		return "Require <maxconn>.\n"
	}
	n, rest := leadingInt(str)
	if len(rest) == len(str) {
		return "maxconn string empty or preceded by garbage"
	}
	if rest != "" {
		return "Trailing garbage in maxconn string"
	}
	if s.maxconn == s.minconn {
		s.minconn = int(n)
	}
	s.maxconn = int(n)
	if m, ok := s.target.(MaxconnSetter); ok {
		m.SetMaxconn(s.maxconn)
	}
	return ""
}

// leadingInt is strtol(str, &end, 10): the number and what follows it.
func leadingInt(s string) (int64, string) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	i := 0
	if i < len(t) && (t[i] == '-' || t[i] == '+') {
		i++
	}
	j := i
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j == i {
		return 0, s
	}
	n, err := strconv.ParseInt(t[:j], 10, 64)
	if err != nil {
		n = 1<<63 - 1
		if t[0] == '-' {
			n = -n - 1
		}
	}
	return n, t[j:]
}
