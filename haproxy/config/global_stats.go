package config

import (
	"fmt"
	"strings"

	"hakeep/proxy"
)

// globalStats is the global "stats" keyword (cli_parse_global() in
// src/cli.c): runtime API sockets and their settings (configuration.txt
// section 3.1, "stats socket").
func globalStats(p *globalParser, ln *line) errCode {
	rc, msg := p.stats(ln)
	return p.registered(ln, rc, msg)
}

func (p *globalParser) stats(ln *line) (int, string) {
	st := &p.g.Stats
	switch ln.arg(1) {
	case "socket":
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("'%s %s' in global section expects an address or a path to a UNIX socket", ln.arg(0), ln.arg(1))
		}
		b := &proxy.Bind{Spec: ln.arg(2), File: ln.pos.File, Line: ln.pos.Line, Level: "operator"}
		ub := p.g.UnixBind
		b.UID, b.GID, b.Mode = ub.UID, ub.GID, ub.Mode
		// The CLI frontend ignores the unix-bind prefix.
		n, msg := p.l.parseListenAddrs(b, ln.arg(2), "", false)
		if msg != "" {
			return -1, fmt.Sprintf("parsing %s : '%s %s' : %s\n", ln.where(), ln.arg(0), ln.arg(1), msg)
		}
		c := &bindCtx{l: p.l, ln: ln, b: b, usedIDs: p.cliIDs(), nAddrs: n}
		for cur := 3; ln.arg(cur) != ""; {
			name := ln.arg(cur)
			kw, ok := p.l.kw.bind[name]
			if !ok {
				if best := bestMatch(name, bindKeywordOrder()); best != "" {
					return -1, fmt.Sprintf("'%s %s' : unknown keyword '%s'. Did you mean '%s' maybe ?", ln.arg(0), ln.arg(1), name, best)
				}
				return -1, fmt.Sprintf("'%s %s' : unknown keyword '%s'.", ln.arg(0), ln.arg(1), name)
			}
			code, msg := kw.parse(c, cur)
			if code&(errWarn|errFatal|errAlert) == errWarn && msg != "" {
				p.l.warn(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), indentMsg(strings.TrimRight(msg, "\n"), 2))
			}
			if code&^errWarn != 0 {
				if msg != "" {
					return -1, fmt.Sprintf("'%s %s' : '%s'", ln.arg(0), ln.arg(1), msg)
				}
				return -1, fmt.Sprintf("'%s %s' : error encountered while processing '%s'", ln.arg(0), ln.arg(1), name)
			}
			p.l.support("bind", name, ln)
			cur += 1 + kw.skip
		}
		st.Sockets = append(st.Sockets, b)
	case "timeout":
		v, te, ok := p.l.parseTimeWarn(ln, ln.arg(2), unitMS)
		switch {
		case te.over:
			return -1, fmt.Sprintf("timer overflow in argument '%s' to '%s %s' (maximum value is 2147483647 ms or ~24.8 days)", ln.arg(2), ln.arg(0), ln.arg(1))
		case te.under:
			return -1, fmt.Sprintf("timer underflow in argument '%s' to '%s %s' (minimum non-null value is 1 ms)", ln.arg(2), ln.arg(0), ln.arg(1))
		case !ok:
			ch := byte(0)
			if te.at < len(ln.arg(2)) {
				ch = ln.arg(2)[te.at]
			}
			return -1, fmt.Sprintf("'%s %s' : unexpected character '%s'", ln.arg(0), ln.arg(1), cChar(ch))
		}
		if v == 0 {
			return -1, fmt.Sprintf("'%s %s' expects a positive value", ln.arg(0), ln.arg(1))
		}
		st.Timeout = durationOf(v, unitMS)
	case "maxconn":
		v := int(int32(atol(ln.arg(2))))
		if v <= 0 {
			return -1, fmt.Sprintf("'%s %s' expects a positive value", ln.arg(0), ln.arg(1))
		}
		st.MaxConn = v
	case "bind-process":
		for cur := 2; ln.arg(cur) != ""; cur++ {
			if ln.arg(cur) == "all" {
				break
			}
			if _, _, msg := parseProcessNumber(ln.arg(cur), 1, false); msg != "" {
				return -1, fmt.Sprintf("'%s %s' : %s", ln.arg(0), ln.arg(1), msg)
			}
		}
		st.BindProcess = ln.joined(2)
	default:
		return -1, fmt.Sprintf("'%s' only supports 'socket', 'maxconn', 'bind-process' and 'timeout' (got '%s')", ln.arg(0), ln.arg(1))
	}
	return 0, ""
}

// cliIDs are the listener ids used on the runtime API frontend.
func (p *globalParser) cliIDs() map[int]*proxy.Bind {
	if p.cliUsedIDs == nil {
		p.cliUsedIDs = map[int]*proxy.Bind{}
	}
	return p.cliUsedIDs
}

// cChar renders a character as C's "%c" does (NUL prints nothing).
func cChar(c byte) string {
	if c == 0 {
		return ""
	}
	return string([]byte{c})
}
