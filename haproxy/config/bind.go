package config

import (
	"fmt"
	"strings"

	"hakeep/proxy"
)

// bindCtx is what a bind keyword parser works on: the line, the Bind
// being built and the frontend's listener ids (bind_kws parsers receive
// the bind_conf and its frontend).
type bindCtx struct {
	l  *loader
	ln *line
	b  *proxy.Bind
	// usedIDs maps listener ids of the frontend to their bind line.
	usedIDs map[int]*proxy.Bind
	// nAddrs counts the listeners the address part created.
	nAddrs int
}

// bindKeyword is one bind option: its number of arguments (skip) and its
// parser, which returns ERR_* bits and 2.6's message.
type bindKeyword struct {
	skip  int
	parse func(c *bindCtx, cur int) (errCode, string)
}

// parseBind is the "bind" line of a frontend, listen, log-forward or peers
// section (cfg_parse_listen(): str2listener() then
// bind_parse_args_list()). dgram selects str2receiver() (dgram-bind).
func (l *loader) parseBind(ln *line, section string, usedIDs map[int]*proxy.Bind, dgram bool) (*proxy.Bind, errCode) {
	b := &proxy.Bind{Spec: ln.arg(1), File: ln.pos.File, Line: ln.pos.Line}
	ub := l.cfg.Global.UnixBind
	b.UID, b.GID, b.Mode = ub.UID, ub.GID, ub.Mode
	n, msg := l.parseListenAddrs(b, ln.arg(1), ub.Prefix, dgram)
	if msg != "" {
		l.alert(ln, "'%s' : %s", ln.arg(0), indentMsg(strings.TrimRight(msg, "\n"), 2))
		return nil, errFatalAlert
	}
	c := &bindCtx{l: l, ln: ln, b: b, usedIDs: usedIDs, nAddrs: n}
	return b, c.parseArgs(2, section)
}

// parseListenAddrs is str2listener(): comma-separated addresses, each
// with a mandatory port or port range.
func (l *loader) parseListenAddrs(b *proxy.Bind, spec, pfx string, dgram bool) (int, string) {
	opts := paResolve | paPortOK | paPortMand | paPortRange | paSocketFD | paXprt
	if dgram {
		opts |= paDgram
	} else {
		opts |= paStream
	}
	n := 0
	for _, s := range strings.Split(spec, ",") {
		if s == "" {
			// strchr() walking: an empty element ends the list.
			break
		}
		r, msg := l.parseAddress(s, pfx, opts, false)
		if msg != "" {
			return n, msg
		}
		if msg := needsProtoErr(r, s); msg != "" {
			return n, msg
		}
		if r.addr.Family == proxy.FamilyInet {
			r.addr.PortOffset = false
		}
		b.Addrs = append(b.Addrs, r.addr)
		if r.addr.PortHigh > r.addr.PortLow {
			n += r.addr.PortHigh - r.addr.PortLow + 1
		} else {
			n++
		}
	}
	return n, ""
}

// indentMsg is indent_msg(): continuation lines of a multi-line message
// are indented.
func indentMsg(msg string, n int) string {
	if !strings.Contains(msg, "\n") {
		return msg
	}
	pad := strings.Repeat(" ", n)
	return "\n" + pad + strings.ReplaceAll(msg, "\n", "\n"+pad)
}

// parseArgs is bind_parse_args_list().
func (c *bindCtx) parseArgs(cur int, section string) errCode {
	var ec errCode
	l, ln := c.l, c.ln
	head := fmt.Sprintf("'%s %s' in section '%s'", ln.arg(0), ln.arg(1), section)
	for ln.arg(cur) != "" {
		name := ln.arg(cur)
		kw, ok := l.kw.bind[name]
		if !ok {
			if best := bestMatch(name, bindKeywordOrder()); best != "" {
				l.alert(ln, "%s: unknown keyword '%s'; did you mean '%s' maybe ?", head, name, best)
			} else {
				l.alert(ln, "%s: unknown keyword '%s'.", head, name)
			}
			return ec | errFatalAlert
		}
		code, msg := kw.parse(c, cur)
		ec |= code
		if code != 0 {
			switch {
			case msg != "" && code&(errWarn|errAlert) == errWarn:
				l.warn(ln, "%s : %s", head, indentMsg(strings.TrimRight(msg, "\n"), 2))
			case msg != "":
				l.alert(ln, "%s : %s", head, indentMsg(strings.TrimRight(msg, "\n"), 2))
			default:
				l.alert(ln, "%s : error encountered while processing '%s'.", head, name)
			}
			if code&errFatal != 0 {
				return ec
			}
		}
		if code&errFatal == 0 {
			l.support("bind", name, ln)
		}
		cur += 1 + kw.skip
	}
	return ec
}

// ssl returns the line's TLS settings, created on first use.
func (c *bindCtx) ssl() *proxy.BindSSL {
	if c.b.SSL == nil {
		c.b.SSL = &proxy.BindSSL{}
	}
	return c.b.SSL
}

func (c *bindCtx) arg(i int) string { return c.ln.arg(i) }

// bindMissing is the common "'<kw>' : missing <what>" failure.
func (c *bindCtx) missing(cur int, what string) (errCode, string) {
	return errFatalAlert, fmt.Sprintf("'%s' : missing %s", c.arg(cur), what)
}

// bindFlag builds a keyword without argument.
func bindFlag(set func(c *bindCtx)) bindKeyword {
	return bindKeyword{0, func(c *bindCtx, cur int) (errCode, string) {
		set(c)
		return 0, ""
	}}
}

// bindValue builds a keyword with one value that must be present.
func bindValue(what string, set func(c *bindCtx, v string) (errCode, string)) bindKeyword {
	return bindKeyword{1, func(c *bindCtx, cur int) (errCode, string) {
		if c.arg(cur+1) == "" {
			return c.missing(cur, what)
		}
		if set == nil {
			return 0, ""
		}
		return set(c, c.arg(cur+1))
	}}
}
