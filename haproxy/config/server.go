package config

import (
	"fmt"
	"strconv"
	"strings"

	"hakeep/parser"
	"hakeep/proxy"
)

// srvCtx is what a server keyword parser works on.
type srvCtx struct {
	l   *loader
	ln  *line
	s   *pxState
	srv *proxy.Server
	// isDefault is a default-server line; template a server-template.
	isDefault, template bool
}

// srvKeyword is one server option (configuration.txt section 5.2): its
// number of arguments (skip, -1 for a variable count), whether
// default-server accepts it, and its parser returning ERR_* bits and
// 2.6's message.
type srvKeyword struct {
	skip      int
	defaultOK bool
	parse     func(c *srvCtx, cur int) (errCode, string, int)
}

// pxServer is "server", "default-server" and "server-template"
// (parse_server() in src/server.c). While it runs, 2.6 prefixes every
// message with the line's place, and with the server once it exists.
func pxServer(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	kw := ln.arg(0)
	isDefault := kw == "default-server"
	template := kw == "server-template"
	l.msgCtx.line(ln.pos)
	defer l.msgCtx.clear()

	if !isDefault && s.isDef() {
		l.alertf(ln.pos, "'%s' not allowed in 'defaults' section.", kw)
		return errFatalAlert
	}
	if pp.failIfNotCap(s, ln, proxy.CapBackend, kw, "") {
		return errFatalAlert
	}

	var srv *proxy.Server
	cur := 1
	if !isDefault {
		if template {
			if ln.arg(3) == "" {
				l.alertf(ln.pos, "'%s' expects <prefix> <nb | range> <addr>[:<port>] as arguments.", kw)
				return errFatalAlert
			}
		} else if ln.arg(2) == "" {
			l.alertf(ln.pos, "'%s' expects <name> and <addr>[:<port>] as arguments.", kw)
			return errFatalAlert
		}
		name := ln.arg(1)
		var bad byte
		var ok bool
		if template {
			bad, ok = invalidPrefixChar(name)
		} else {
			bad, ok = invalidChar(name)
		}
		if !ok {
			what := "name"
			if template {
				what = "prefix"
			}
			l.alertf(ln.pos, "character '%s' is not permitted in %s %s '%s'.", cChar(bad), kw, what, name)
			return errFatalAlert
		}
		cur = 2
		lo, hi := 0, 0
		if template {
			var ok bool
			lo, hi, ok = templateRange(ln.arg(2))
			if !ok {
				l.alertf(ln.pos, "Wrong %s number or range arg '%s'.", kw, ln.arg(2))
				return errFatalAlert
			}
			cur = 3
		}
		srv = pp.servers.clone(s.p.DefaultServer)
		srv.Name, srv.File, srv.Line = name, ln.pos.File, ln.pos.Line
		srv.ID = 0
		if template {
			srv.Name = ""
		}
		// The server exists from here on: messages name it.
		l.msgCtx.named(s.name(), srvLabel(srv, template))
		r, msg := l.parseAddress(ln.arg(cur), "", paPortOK|paPortOfs|paStream|paXprt|paConnect, true)
		if msg != "" {
			l.alertf(ln.pos, "%s", strings.TrimRight(msg, "\n"))
			return errFatalAlert
		}
		srv.Addr = r.addr
		cur++
		c := &srvCtx{l: l, ln: ln, s: s, srv: srv, template: template}
		if ec := c.parseKeywords(cur); ec&errFatal != 0 {
			return ec
		}
		if srv.Check.Enabled && srv.Track != "" {
			l.alertf(ln.pos, "unable to enable checks and tracking at the same time!")
			return errFatalAlert
		}
		if srv.Agent.Enabled && srv.Agent.Port == 0 {
			l.alertf(ln.pos, "server %s does not have agent port. Agent check has been disabled.", srv.Name)
			return errFatalAlert
		}
		if template {
			for i := lo; i <= hi; i++ {
				t := pp.servers.clone(srv)
				t.Name = name + strconv.Itoa(i)
				pp.addServer(s, t, ln)
			}
		} else {
			pp.addServer(s, srv, ln)
		}
		return 0
	}
	srv = s.p.DefaultServer
	if s.sharedDefaultServer {
		srv = cloneServer(srv)
		s.p.DefaultServer, s.sharedDefaultServer = srv, false
	}
	if srv == nil {
		srv = presetServer()
		s.p.DefaultServer = srv
	}
	c := &srvCtx{l: l, ln: ln, s: s, srv: srv, isDefault: true}
	return c.parseKeywords(cur)
}

// srvPos is where a server was declared.
func srvPos(srv *proxy.Server) parser.Pos { return parser.Pos{File: srv.File, Line: srv.Line} }

// srvLabel is the server's name in messages (a template has none yet:
// 2.6 prints "(null)").
func srvLabel(srv *proxy.Server, template bool) string {
	if template {
		return "(null)"
	}
	return srv.Name
}

func (pp *proxyParser) addServer(s *pxState, srv *proxy.Server, ln *line) {
	s.p.Servers = append(s.p.Servers, srv)
}

// templateRange is _srv_parse_tmpl_range(): "<n>" means 1..n, "<lo>-<hi>"
// that range.
func templateRange(arg string) (int, int, bool) {
	lo := atoi(arg)
	hi := 0
	if i := strings.IndexByte(arg, '-'); i >= 0 {
		hi = atoi(arg[i+1:])
	} else {
		hi, lo = lo, 1
	}
	if lo < 0 || hi < lo {
		return 0, 0, false
	}
	return lo, hi, true
}

// parseKeywords runs the server options from word cur (_srv_parse_kw()).
func (c *srvCtx) parseKeywords(cur int) errCode {
	l, ln := c.l, c.ln
	var ec errCode
	for ln.arg(cur) != "" {
		name := ln.arg(cur)
		kw, ok := l.kw.server[name]
		if !ok {
			hint := ""
			if c.isDefault {
				hint = " Hint: no address was expected for this server."
			}
			if best := bestMatch(name, srvKeywordOrder(), srvExtraWords()); best != "" {
				l.alertf(ln.pos, "unknown keyword '%s'; did you mean '%s' maybe ?%s", name, best, hint)
			} else {
				l.alertf(ln.pos, "unknown keyword '%s'.%s", name, hint)
			}
			return ec | errFatalAlert
		}
		if c.isDefault && !kw.defaultOK {
			l.alertf(ln.pos, "'%s' option is not accepted in default-server sections", name)
			ec |= errAlert
			cur += 1 + max(kw.skip, 0)
			continue
		}
		code, msg, n := kw.parse(c, cur)
		if code != 0 {
			if msg == "" {
				msg = "error encountered while processing '" + name + "'"
			}
			msg = indentMsg(strings.TrimRight(msg, "\n"), 2) + "."
			if code&errWarn != 0 && code&errAlert == 0 {
				l.warnf(ln.pos, "%s", msg)
			} else {
				l.alertf(ln.pos, "%s", msg)
			}
		}
		ec |= code
		if code&errFatal != 0 {
			return ec
		}
		l.support("server", name, ln)
		if kw.skip >= 0 {
			cur += 1 + kw.skip
		} else {
			cur = n
		}
	}
	return ec
}

func (c *srvCtx) arg(i int) string { return c.ln.arg(i) }

func (c *srvCtx) ssl() *proxy.ServerSSL {
	if c.srv.SSL == nil {
		c.srv.SSL = &proxy.ServerSSL{}
	}
	return c.srv.SSL
}

// srvKeywordOrder is the server keywords in 2.6's registration order
// (cfgparse-ssl.c, server.c, check.c, cfgparse-tcp.c): the candidates of
// srv_find_best_kw(), before extra_kw_list.
func srvKeywordOrder() []string {
	return []string{
		"allow-0rtt", "alpn", "ca-file", "check-alpn", "check-sni", "check-ssl", "ciphers",
		"ciphersuites", "crl-file", "crt", "force-sslv3", "force-tlsv10", "force-tlsv11",
		"force-tlsv12", "force-tlsv13", "no-check-ssl", "no-send-proxy-v2-ssl",
		"no-send-proxy-v2-ssl-cn", "no-ssl", "no-ssl-reuse", "no-sslv3", "no-tlsv10",
		"no-tlsv11", "no-tlsv12", "no-tlsv13", "no-tls-tickets", "npn", "send-proxy-v2-ssl",
		"send-proxy-v2-ssl-cn", "sni", "ssl", "ssl-min-ver", "ssl-max-ver", "ssl-reuse",
		"tls-tickets", "verify", "verifyhost",
		"backup", "cookie", "disabled", "enabled", "error-limit", "ws", "id", "init-addr",
		"log-proto", "maxconn", "maxqueue", "max-reuse", "minconn", "namespace", "no-backup",
		"no-send-proxy", "no-send-proxy-v2", "no-tfo", "non-stick", "observe", "on-error",
		"on-marked-down", "on-marked-up", "pool-low-conn", "pool-max-conn", "pool-purge-delay",
		"proto", "proxy-v2-options", "redir", "resolve-net", "resolve-opts", "resolve-prefer",
		"resolvers", "send-proxy", "send-proxy-v2", "slowstart", "source", "stick", "tfo",
		"track", "socks4", "usesrc", "weight",
		"addr", "agent-addr", "agent-check", "agent-inter", "agent-port", "agent-send", "check",
		"check-proto", "check-send-proxy", "check-via-socks4", "no-agent-check", "no-check",
		"no-check-send-proxy", "rise", "fall", "inter", "fastinter", "downinter", "port",
		"tcp-ut",
	}
}

// srvExtraWords is extra_kw_list of src/server.c: values that are also
// suggested.
func srvExtraWords() []string {
	return []string{"ipv4", "ipv6", "legacy", "octet-count", "fail-check", "sudden-death", "mark-down"}
}

// srvValue is an option with one argument checked for presence.
func srvValue(missing string, defaultOK bool, set func(c *srvCtx, v string) (errCode, string)) srvKeyword {
	return srvKeyword{1, defaultOK, func(c *srvCtx, cur int) (errCode, string, int) {
		v := c.arg(cur + 1)
		if v == "" && missing != "" {
			return errFatalAlert, fmt.Sprintf(missing, c.arg(cur)), 0
		}
		code, msg := set(c, v)
		return code, msg, 0
	}}
}

// srvFlag is an option without argument.
func srvFlag(defaultOK bool, set func(c *srvCtx)) srvKeyword {
	return srvKeyword{0, defaultOK, func(c *srvCtx, cur int) (errCode, string, int) {
		set(c)
		return 0, "", 0
	}}
}

// srvDelay is a delay option in milliseconds (inter, fastinter,
// downinter, agent-inter).
func srvDelay(set func(c *srvCtx, d uint32)) srvKeyword {
	return srvKeyword{1, true, func(c *srvCtx, cur int) (errCode, string, int) {
		v := c.arg(cur + 1)
		if v == "" {
			return errFatalAlert, fmt.Sprintf("'%s' expects a delay as argument.", c.arg(cur)), 0
		}
		d, te, ok := c.l.parseTimeWarn(c.ln, v, unitMS)
		switch {
		case te.over:
			return errFatalAlert, fmt.Sprintf("timer overflow in argument <%s> to <%s> of server %s, maximum value is 2147483647 ms (~24.8 days).", v, c.arg(cur), c.srv.Name), 0
		case te.under:
			return errFatalAlert, fmt.Sprintf("timer underflow in argument <%s> to <%s> of server %s, minimum non-null value is 1 ms.", v, c.arg(cur), c.srv.Name), 0
		case !ok:
			return errFatalAlert, fmt.Sprintf("unexpected character '%s' in 'agent-inter' argument of server %s.", charAt(v, te.at), c.srv.Name), 0
		}
		if d == 0 {
			return errFatalAlert, fmt.Sprintf("invalid value %d for argument '%s' of server %s.", d, c.arg(cur), c.srv.Name), 0
		}
		set(c, d)
		return 0, "", 0
	}}
}

// srvPositive is rise/fall/error-limit: an integer > 0.
func srvPositive(set func(c *srvCtx, v int)) srvKeyword {
	return srvKeyword{1, true, func(c *srvCtx, cur int) (errCode, string, int) {
		if c.arg(cur+1) == "" {
			return errFatalAlert, fmt.Sprintf("'%s' expects an integer argument.", c.arg(cur)), 0
		}
		v := int(int32(atol(c.arg(cur + 1))))
		if v <= 0 {
			if c.arg(cur) == "error-limit" {
				return errFatalAlert, fmt.Sprintf("%s has to be > 0.", c.arg(cur)), 0
			}
			return errFatalAlert, fmt.Sprintf("'%s' has to be > 0.", c.arg(cur)), 0
		}
		set(c, v)
		return 0, "", 0
	}}
}

// srvInt is an atol() integer option without check.
func srvInt(defaultOK bool, set func(c *srvCtx, v int)) srvKeyword {
	return srvKeyword{1, defaultOK, func(c *srvCtx, cur int) (errCode, string, int) {
		set(c, int(int32(atol(c.arg(cur+1)))))
		return 0, "", 0
	}}
}

// srvChoice is an option whose argument is one of a fixed set.
func srvChoice(defaultOK bool, msg string, choices []string, set func(c *srvCtx, v string)) srvKeyword {
	return srvKeyword{1, defaultOK, func(c *srvCtx, cur int) (errCode, string, int) {
		for _, ch := range choices {
			if c.arg(cur+1) == ch {
				set(c, ch)
				return 0, "", 0
			}
		}
		return errFatalAlert, fmt.Sprintf(msg, c.arg(cur), c.arg(cur+1)), 0
	}}
}
