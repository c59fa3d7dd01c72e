package config

import (
	"os"
	"strings"
	"time"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/auth"
)

// The sections besides global and proxies (configuration.txt sections
// 3.4-3.10, 5.3.2, 6, 10): each is a small parser keeping its current
// section like 2.6's static variables do.

func (l *loader) addAuxSections() {
	l.sections["userlist"] = &userlistParser{l: l}
	l.sections["peers"] = &peersParser{l: l}
	l.sections["mailers"] = &mailersParser{l: l}
	l.sections["resolvers"] = &resolversParser{l: l}
	l.sections["http-errors"] = &httpErrorsParser{l: l}
	l.sections["cache"] = &cacheParser{l: l}
	l.sections["ring"] = &ringParser{l: l}
	l.sections["program"] = &programParser{l: l}
	l.sections["fcgi-app"] = &fcgiParser{l: l}
	l.sections["log-forward"] = &logForwardParser{l: l}
	l.sections["namespace_list"] = &namespaceParser{l: l}
}

// auxUnknown is the usual "unknown keyword" alert of these sections.
func (l *loader) auxUnknown(ln *line, section string) errCode {
	l.alert(ln, "unknown keyword '%s' in '%s' section", ln.arg(0), section)
	return errFatalAlert
}

// sectionName checks a section's name like most of 2.6's section parsers:
// present and made of name characters. Both failures abort.
func (l *loader) sectionName(ln *line, missing string) bool {
	if ln.arg(1) == "" {
		l.alert(ln, "%s", missing)
		return false
	}
	if bad, ok := invalidChar(ln.arg(1)); !ok {
		l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
		return false
	}
	return true
}

// timeArg parses "<kw> <sub> <time>" delays of the auxiliary sections,
// with their shared messages.
func (l *loader) timeArg(ln *line, i int, what string) (uint32, bool) {
	v := ln.arg(i)
	if v == "" {
		l.alert(ln, "'%s' expects <time> as argument.", what)
		return 0, false
	}
	n, te, ok := l.parseTimeWarn(ln, v, unitMS)
	switch {
	case te.over:
		l.alertNS(ln, "timer overflow in argument <%s> to <%s>, maximum value is 2147483647 ms (~24.8 days).", v, what)
		return 0, false
	case te.under:
		l.alertNS(ln, "timer underflow in argument <%s> to <%s>, minimum non-null value is 1 ms.", v, what)
		return 0, false
	case !ok:
		l.alertNS(ln, "unexpected character '%s' in argument to <%s>.", charAt(v, te.at), what)
		return 0, false
	}
	return n, true
}

// userlistParser is cfg_parse_users().
type userlistParser struct {
	l   *loader
	cur *proxy.Userlist
}

func (p *userlistParser) post() errCode { return 0 }

func (p *userlistParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "userlist":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <name> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alertNS(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		for _, u := range l.cfg.Userlists {
			if u.Name == ln.arg(1) {
				l.warnNS(ln, "ignoring duplicated userlist '%s'.", ln.arg(1))
				p.cur = nil
				return errWarn
			}
		}
		p.cur = &proxy.Userlist{Name: ln.arg(1)}
		l.cfg.Userlists = append(l.cfg.Userlists, p.cur)
		return 0
	case "group":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <name> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alertNS(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		if p.cur == nil {
			return 0
		}
		for _, g := range p.cur.Groups {
			if g.Name == ln.arg(1) {
				l.warnNS(ln, "ignoring duplicated group '%s' in userlist '%s'.", ln.arg(1), p.cur.Name)
				return errAlert
			}
		}
		g := proxy.UserGroup{Name: ln.arg(1)}
		for cur := 2; ln.arg(cur) != ""; cur += 2 {
			if ln.arg(cur) != "users" {
				l.alertNS(ln, "'%s' only supports 'users' option.", ln.arg(0))
				return errFatalAlert
			}
			g.Users = append(g.Users, strings.Split(ln.arg(cur+1), ",")...)
		}
		p.cur.Groups = append(p.cur.Groups, g)
		return 0
	case "user":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <name> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if p.cur == nil {
			return 0
		}
		for _, u := range p.cur.Users {
			if u.Name == ln.arg(1) {
				l.warnNS(ln, "ignoring duplicated user '%s' in userlist '%s'.", ln.arg(1), p.cur.Name)
				return errAlert
			}
		}
		u := proxy.User{Name: ln.arg(1)}
		for cur := 2; ln.arg(cur) != ""; cur += 2 {
			switch ln.arg(cur) {
			case "password":
				u.Password = ln.arg(cur + 1)
				if !cryptSupported(u.Password) {
					l.alertNS(ln, "the encrypted password used for user '%s' is not supported by crypt(3).", u.Name)
					return errFatalAlert
				}
				if !auth.Computes(u.Password) {
					// valid for 2.6, but proxy/auth cannot check it: say
					// so rather than refuse the user's every login
					// silently (hakeep's notice, not a 2.6 warning)
					l.msgs = append(l.msgs, Message{Severity: parser.SevWarning, Pos: ln.pos, Hakeep: true,
						Text: ctxPrefix + "parsing " + ln.where() + " : the encrypted password of user '" + u.Name +
							"' uses a crypt(3) scheme hakeep does not compute yet (only $1$, $5$ and $6$); this user cannot authenticate."})
				}
			case "insecure-password":
				u.Password, u.Insecure = ln.arg(cur+1), true
			case "groups":
				u.Groups = append(u.Groups, strings.Split(ln.arg(cur+1), ",")...)
			default:
				l.alertNS(ln, "'%s' only supports 'password', 'insecure-password' and 'groups' options.", ln.arg(0))
				return errFatalAlert
			}
		}
		p.cur.Users = append(p.cur.Users, u)
		return 0
	}
	l.alertNS(ln, "unknown keyword '%s' in '%s' section", ln.arg(0), "users")
	return errFatalAlert
}

// cryptSupported tells whether glibc's crypt(3) accepts a hash: 2.6 calls
// crypt() with the hash as salt and refuses a NULL result. DES hashes
// (13 characters of [./0-9A-Za-z]) and the $id$ forms glibc knows work.
func cryptSupported(h string) bool {
	for _, pfx := range []string{"$1$", "$5$", "$6$", "$2a$", "$2b$", "$2y$", "$y$", "$gy$", "$7$", "$sha1$", "$md5"} {
		if strings.HasPrefix(h, pfx) {
			return true
		}
	}
	if strings.HasPrefix(h, "$") {
		return false
	}
	if len(h) < 2 {
		return false
	}
	for i := 0; i < 2; i++ {
		c := h[i]
		if !(c == '.' || c == '/' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// peersParser is cfg_parse_peers().
type peersParser struct {
	l          *loader
	cur        *proxy.Peers
	pos        parser.Pos
	bindLine   bool
	peerLine   bool
	localSeen  bool
	localPos   parser.Pos
	usedIDs    map[int]*proxy.Bind
	defaultSrv *proxy.Server
}

func (p *peersParser) post() errCode { return 0 }

// localPeerName is this process' peer name: "localpeer" or the host name.
func (l *loader) localPeerName() string {
	if l.opts.LocalPeer != "" {
		return l.opts.LocalPeer
	}
	if l.cfg.Global.LocalPeer != "" {
		return l.cfg.Global.LocalPeer
	}
	h, _ := os.Hostname()
	return h
}

func (p *peersParser) parse(ln *line) errCode {
	l := p.l
	var ec errCode
	switch ln.arg(0) {
	case "peers":
		p.bindLine, p.peerLine, p.localSeen = false, false, false
		if ln.arg(1) == "" {
			l.alert(ln, "missing name for peers section.")
			return errAlert | errAbort
		}
		if l.tooManyArgs(ln, 1, 0, &ec) {
			return ec
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errAlert | errAbort
		}
		for i, other := range l.cfg.Peers {
			if other.Name == ln.arg(1) {
				pos := l.peersPos[i]
				l.alertf(ln.pos, "Parsing %s: peers section '%s' has the same name as another peers section declared at %s:%d.", ln.where(), ln.arg(1), pos.File, pos.Line)
				ec |= errFatalAlert
			}
		}
		p.cur = &proxy.Peers{Name: ln.arg(1)}
		p.pos = ln.pos
		p.usedIDs = map[int]*proxy.Bind{}
		l.cfg.Peers = append(l.cfg.Peers, p.cur)
		l.peersPos = append(l.peersPos, ln.pos)
		return ec
	case "bind", "default-bind":
		cur := 1
		if ln.arg(0) == "bind" {
			if p.peerLine {
				l.alert(ln, "mixing \"peer\" and \"bind\" line is forbidden")
				return errFatalAlert
			}
			if p.cur.Bind != nil {
				l.alert(ln, "One listener per \"peers\" section is authorized but another is already configured at [%s:%d].", p.cur.Bind.File, p.cur.Bind.Line)
				ec |= errFatal
			}
			b := &proxy.Bind{Spec: ln.arg(1), File: ln.pos.File, Line: ln.pos.Line}
			_, msg := l.parseListenAddrs(b, ln.arg(1), l.cfg.Global.UnixBind.Prefix, false)
			if msg != "" {
				l.alert(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), indentMsg(strings.TrimRight(msg, "\n"), 2))
				return ec | errFatal
			}
			p.cur.Bind = b
			p.bindLine = true
			cur = 2
			c := &bindCtx{l: l, ln: ln, b: b, usedIDs: p.usedIDs, nAddrs: 1}
			return ec | c.parseArgs(cur, "peers")
		}
		b := &proxy.Bind{}
		c := &bindCtx{l: l, ln: ln, b: b, usedIDs: p.usedIDs, nAddrs: 1}
		return c.parseArgs(cur, "peers")
	case "default-server":
		s := p.state()
		return pxServer(l.proxies, s, ln)
	case "log":
		return 0
	case "peer", "server":
		isPeer := ln.arg(0) == "peer"
		local := ln.arg(1) == l.localPeerName()
		if isPeer {
			if p.bindLine {
				l.alert(ln, "mixing \"peer\" and \"bind\" line is forbidden")
				return errFatalAlert
			}
			p.peerLine = true
		}
		if local && p.localSeen && !(p.cur.Bind != nil && !isPeer) {
			l.alert(ln, "'%s %s' : local peer name already referenced at %s:%d. %s", ln.arg(0), ln.arg(1), p.localPos.File, p.localPos.Line, ln.arg(1))
			return errFatal
		}
		s := p.state()
		if !isPeer && local {
			// the local peer's "server" line has no address
			if ln.arg(2) != "" {
				// still parsed as a server without address
			}
		} else if ln.arg(2) == "" {
			return 0
		}
		before := len(s.p.Servers)
		ec |= pxServer(l.proxies, s, ln)
		if ec&errFatal != 0 || len(s.p.Servers) == before {
			return ec
		}
		srv := s.p.Servers[len(s.p.Servers)-1]
		peer := &proxy.Peer{Name: ln.arg(1), Addr: srv.Addr, Local: local, Server: srv}
		p.cur.Peers = append(p.cur.Peers, peer)
		if local {
			p.localSeen, p.localPos = true, ln.pos
		}
		if srv.Check.Enabled || srv.Agent.Enabled || srv.Resolvers != "" || len(srv.InitAddr) > 0 {
			l.warn(ln, "'%s %s' : init_addr, resolvers, check and agent are ignored for peers.", ln.arg(0), ln.arg(1))
			ec |= errWarn
		}
		if local && isPeer {
			b := &proxy.Bind{Spec: ln.arg(2), File: ln.pos.File, Line: ln.pos.Line}
			if p.cur.Bind != nil {
				l.alert(ln, "One listener per \"peers\" section is authorized but another is already configured at [%s:%d].", p.cur.Bind.File, p.cur.Bind.Line)
				ec |= errFatal
			}
			if _, msg := l.parseListenAddrs(b, ln.arg(2), l.cfg.Global.UnixBind.Prefix, false); msg != "" {
				l.alert(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), indentMsg(strings.TrimRight(msg, "\n"), 2))
				return ec | errFatal
			}
			p.cur.Bind = b
		}
		return ec
	case "table":
		if other := l.findTable(ln.arg(1)); other != nil {
			l.alert(ln, "stick-table name '%s' conflicts with table declared in %s '%s' at %s:%d.", ln.arg(1), other.owner, other.ownerName, other.pos.File, other.pos.Line)
			return errFatalAlert
		}
		t, code := l.parseStickTable(ln, p.cur.Name+"/"+ln.arg(1), true)
		if t == nil {
			return code
		}
		t.NetName = ln.arg(1)
		t.PeersRef = p.cur
		p.cur.Tables = append(p.cur.Tables, t)
		l.tables = append(l.tables, &tableRef{t: t, owner: "peers", ownerName: p.cur.Name, pos: ln.pos, peers: p.cur})
		return code
	case "disabled":
		p.cur.Disabled = true
		return 0
	case "enabled":
		p.cur.Disabled = false
		return 0
	case "shards":
		p.cur.Shards = atoi(ln.arg(1))
		return 0
	}
	return l.auxUnknown(ln, "peers")
}

// state is the pseudo-backend that holds a peers section's servers.
func (p *peersParser) state() *pxState {
	s := p.l.peersStates[p.cur]
	if s == nil {
		s = p.l.proxies.newProxy(p.cur.Name, proxy.CapBackend, p.pos, nil)
		s.p.DefaultServer = presetServer()
		p.l.peersStates[p.cur] = s
	}
	return s
}

// mailersParser is cfg_parse_mailers().
type mailersParser struct {
	l   *loader
	cur *proxy.Mailers
}

func (p *mailersParser) post() errCode { return 0 }

func (p *mailersParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "mailers":
		if ln.arg(1) == "" {
			l.alert(ln, "missing name for mailers section.")
			return errAlert | errAbort
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errAlert | errAbort
		}
		var ec errCode
		for i, m := range l.cfg.Mailers {
			if m.Name == ln.arg(1) {
				pos := l.mailersPos[i]
				l.alertf(ln.pos, "Parsing %s: mailers section '%s' has the same name as another mailers section declared at %s:%d.", ln.where(), ln.arg(1), pos.File, pos.Line)
				ec |= errFatalAlert
			}
		}
		p.cur = &proxy.Mailers{Name: ln.arg(1), Timeout: 10000 * 1e6}
		l.cfg.Mailers = append(l.cfg.Mailers, p.cur)
		l.mailersPos = append(l.mailersPos, ln.pos)
		return ec
	case "mailer":
		if ln.arg(2) == "" {
			l.alert(ln, "'%s' expects <name> and <addr>[:<port>] as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in server name '%s'.", bad, ln.arg(1))
			return errFatalAlert
		}
		r, msg := l.parseAddress(ln.arg(2), "", paResolve|paPortOK|paPortMand|paStream|paXprt|paConnect, false)
		if msg != "" {
			l.alert(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), strings.TrimRight(msg, "\n"))
			return errFatalAlert
		}
		if r.addr.Family != proxy.FamilyInet {
			l.alert(ln, "'%s %s' : TCP not supported for this address family.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		p.cur.Mailers = append(p.cur.Mailers, proxy.Mailer{Name: ln.arg(1), Addr: r.addr})
		return 0
	case "timeout":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects 'mail' and <time> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if ln.arg(1) != "mail" {
			l.alert(ln, "'%s' expects 'mail' and <time> as arguments got '%s'.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		v, ok := l.timeArg(ln, 2, ln.arg(0)+" "+ln.arg(1))
		if !ok {
			return errFatalAlert
		}
		p.cur.Timeout = durationOf(v, unitMS)
		return 0
	}
	return l.auxUnknown(ln, "mailers")
}

// resolversParser is cfg_parse_resolvers() (src/resolvers.c).
type resolversParser struct {
	l   *loader
	cur *proxy.Resolvers
	pos parser.Pos
}

func (p *resolversParser) post() errCode {
	if p.cur != nil && len(p.cur.Nameservers) == 0 && !p.cur.ParseResolvConf {
		p.l.warnf(p.pos, "resolvers '%s' [%s:%d] has no nameservers configured!", p.cur.Name, p.pos.File, p.pos.Line)
		p.cur = nil
		return errWarn
	}
	p.cur = nil
	return 0
}

func (p *resolversParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "resolvers":
		if ln.arg(1) == "" {
			l.alert(ln, "missing name for resolvers section.")
			return errAlert | errAbort
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errAlert | errAbort
		}
		for i, r := range l.cfg.Resolvers {
			if r.Name == ln.arg(1) {
				pos := l.resolversPos[i]
				l.alertf(ln.pos, "Parsing %s: resolvers '%s' has same name as another resolvers (declared at %s:%d).", ln.where(), ln.arg(1), pos.File, pos.Line)
				return errAlert | errAbort
			}
		}
		p.cur = &proxy.Resolvers{Name: ln.arg(1), AcceptedPayloadSize: 512, ResolveRetries: 3,
			Hold: map[string]time.Duration{}, TimeoutResolve: 1000 * 1e6, TimeoutRetry: 1000 * 1e6}
		p.pos = ln.pos
		l.cfg.Resolvers = append(l.cfg.Resolvers, p.cur)
		l.resolversPos = append(l.resolversPos, ln.pos)
		return 0
	case "nameserver":
		if ln.arg(2) == "" {
			l.alert(ln, "'%s' expects <name> and <addr>[:<port>] as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in server name '%s'.", bad, ln.arg(1))
			return errFatalAlert
		}
		for _, ns := range p.cur.Nameservers {
			if ns.Name == ln.arg(1) {
				l.alertf(ln.pos, "Parsing %s: nameserver '%s' has same name as another nameserver (declared at %s:%d).", ln.where(), ln.arg(1), ln.pos.File, ln.pos.Line)
				return errFatalAlert
			}
		}
		r, msg := l.parseAddress(ln.arg(2), "", paResolve|paPortOK|paPortMand|paDgram|paStream|paDefaultDgram, false)
		if msg != "" {
			l.alert(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), strings.TrimRight(msg, "\n"))
			return errFatalAlert
		}
		p.cur.Nameservers = append(p.cur.Nameservers, proxy.Nameserver{Name: ln.arg(1), Addr: r.addr})
		return 0
	case "parse-resolv-conf":
		p.cur.ParseResolvConf = true
		return 0
	case "hold":
		if ln.arg(2) == "" {
			l.alert(ln, "'%s' expects an <event> and a <time> as arguments.", ln.arg(0))
			l.alertf(parser.Pos{}, "<event> can be either 'valid', 'nx', 'refused', 'timeout', or 'other'")
			return errFatalAlert
		}
		v, ok := l.timeArg(ln, 2, ln.arg(0))
		if !ok {
			return errFatalAlert
		}
		switch ln.arg(1) {
		case "nx", "other", "refused", "timeout", "valid", "obsolete":
			p.cur.Hold[ln.arg(1)] = durationOf(v, unitMS)
		default:
			l.alert(ln, "'%s' unknown <event>: '%s', expects either 'nx', 'timeout', 'valid', 'obsolete' or 'other'.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		return 0
	case "accepted_payload_size":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects <nb> as argument.", ln.arg(0))
			return errFatalAlert
		}
		n := atoi(ln.arg(1))
		if n < 512 || n > 65535 {
			l.alert(ln, "'%s' must be between %d and %d inclusive (was %s).", ln.arg(0), 512, 65535, ln.arg(1))
			return errFatalAlert
		}
		p.cur.AcceptedPayloadSize = n
		return 0
	case "resolution_pool_size":
		l.alert(ln, "'%s' directive is not supported anymore (it never appeared in a stable release).", ln.arg(0))
		return errFatalAlert
	case "resolve_retries":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects <nb> as argument.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.ResolveRetries = atoi(ln.arg(1))
		return 0
	case "timeout":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects 'retry' or 'resolve' and <time> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		if ln.arg(1) != "retry" && ln.arg(1) != "resolve" {
			l.alert(ln, "'%s' expects 'retry' or 'resolve' and <time> as arguments got '%s'.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		v, ok := l.timeArg(ln, 2, ln.arg(0)+" "+ln.arg(1))
		if !ok {
			return errFatalAlert
		}
		if ln.arg(1) == "retry" {
			p.cur.TimeoutRetry = durationOf(v, unitMS)
		} else {
			p.cur.TimeoutResolve = durationOf(v, unitMS)
		}
		return 0
	}
	return l.auxUnknown(ln, "resolvers")
}

// httpErrorsParser is cfg_parse_http_errors() (src/http_htx.c).
type httpErrorsParser struct {
	l   *loader
	cur *proxy.HTTPErrors
}

func (p *httpErrorsParser) post() errCode { return 0 }

func (p *httpErrorsParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "http-errors":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects <name> as argument.", ln.arg(0))
			return errFatalAlert | errAbort
		}
		for _, e := range l.cfg.HTTPErrors {
			if e.Name == ln.arg(1) {
				l.alert(ln, "http-errors section '%s' already exists.", ln.arg(1))
				return errFatalAlert | errAbort
			}
		}
		p.cur = &proxy.HTTPErrors{Name: ln.arg(1), Files: map[int]*proxy.ErrorReply{}}
		l.cfg.HTTPErrors = append(l.cfg.HTTPErrors, p.cur)
		return 0
	case "errorfile":
		if ln.arg(1) == "" || ln.arg(2) == "" {
			l.alert(ln, "%s : expects <status_code> and <file> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		code := atoi(ln.arg(1))
		if !handledStatus(code) {
			l.alert(ln, "%s : status code '%d' not handled.", ln.arg(0), code)
			return errFatalAlert
		}
		data, msg := l.loadErrorFile(ln.arg(2))
		if msg != "" {
			l.alert(ln, "%s : %s", ln.arg(0), msg)
			return errFatalAlert
		}
		p.cur.Files[code] = &proxy.ErrorReply{Status: code, Raw: data, File: ln.arg(2)}
		return 0
	}
	return l.auxUnknown(ln, "http-errors")
}

// cacheParser is cfg_parse_cache() (src/cache.c).
type cacheParser struct {
	l   *loader
	cur *proxy.Cache
	pos parser.Pos
}

func (p *cacheParser) post() errCode {
	if p.cur == nil {
		return 0
	}
	c := p.cur
	p.cur = nil
	if c.MaxObjectSize == 0 {
		c.MaxObjectSize = c.TotalMaxSize / 256
	}
	if c.MaxObjectSize > c.TotalMaxSize/2 {
		p.l.alertNS(&line{pos: p.pos}, "\"max-object-size\" is limited to an half of \"total-max-size\" => %d", c.TotalMaxSize/2)
		return errFatalAlert
	}
	p.l.cfg.Caches = append(p.l.cfg.Caches, c)
	return 0
}

func (p *cacheParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "cache":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects a <name> argument", ln.arg(0))
			return errAlert | errAbort
		}
		name := ln.arg(1)
		var ec errCode
		if len(name) > 32 {
			name = name[:32]
			l.warnNS(ln, "cache name is limited to 32 characters, truncate to '%s'.", name)
			ec |= errWarn
		}
		for _, c := range l.cfg.Caches {
			if c.Name == name {
				l.alertNS(ln, "Duplicate cache name '%s'.", name)
				return ec | errAlert | errAbort
			}
		}
		p.cur = &proxy.Cache{Name: name, TotalMaxSize: 1 << 20, MaxAge: 60 * 1e9, MaxSecondaryEntries: 10}
		p.pos = ln.pos
		return ec
	case "total-max-size":
		v := atol(ln.arg(1))
		if v <= 0 || ln.arg(1) == "" {
			l.warnNS(ln, "total-max-size wrong value '%s'", ln.arg(1))
			return errAbort
		}
		if v > 4095 {
			l.warnNS(ln, "\"total-max-size\" (%s) must not be greater than %d", ln.arg(1), 4095)
			return errAbort
		}
		p.cur.TotalMaxSize = int(v) << 20
		return 0
	case "max-age":
		if ln.arg(1) == "" {
			l.warnNS(ln, "'%s' expects an age parameter in seconds.", ln.arg(0))
			return errWarn
		}
		p.cur.MaxAge = durationOf(uint32(atoi(ln.arg(1))), unitS)
		return 0
	case "max-object-size":
		if ln.arg(1) == "" {
			l.warnNS(ln, "'%s' expects a maximum file size parameter in bytes.", ln.arg(0))
			return errWarn
		}
		v, rest := strtoul(ln.arg(1))
		if rest != "" || v > 1<<31-1 {
			l.warnNS(ln, "max-object-size wrong value '%s'", ln.arg(1))
			return errAbort
		}
		p.cur.MaxObjectSize = int(v)
		return 0
	case "process-vary":
		switch ln.arg(1) {
		case "on":
			p.cur.ProcessVary = true
		case "off":
			p.cur.ProcessVary = false
		default:
			l.warnNS(ln, "'%s' expects \"on\" or \"off\" (enable or disable vary processing).", ln.arg(0))
			return errWarn
		}
		return 0
	case "max-secondary-entries":
		v := atoi(ln.arg(1))
		if ln.arg(1) == "" || v <= 0 {
			l.warnNS(ln, "'%s' expects a strictly positive number.", ln.arg(0))
			return errWarn
		}
		p.cur.MaxSecondaryEntries = v
		return 0
	case "":
		return 0
	}
	l.alert(ln, "unknown keyword '%s' in 'cache' section", ln.arg(0))
	return errFatalAlert | errAbort
}

// ringParser is cfg_parse_ring() (src/sink.c).
type ringParser struct {
	l   *loader
	cur *proxy.Ring
}

func (p *ringParser) post() errCode { return 0 }

func (p *ringParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "ring":
		if ln.arg(1) == "" {
			l.alert(ln, "missing ring name.")
			return errFatalAlert
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "invalid ring name '%s' (character '%c' is not permitted).", ln.arg(1), bad)
			return errFatalAlert
		}
		for _, r := range l.cfg.Rings {
			if r.Name == ln.arg(1) {
				l.alert(ln, "sink named '%s' already exists.", ln.arg(1))
				return errFatalAlert
			}
		}
		p.cur = &proxy.Ring{Name: ln.arg(1), Format: "raw", MaxLen: 1024, Size: 16384}
		l.cfg.Rings = append(l.cfg.Rings, p.cur)
		return 0
	}
	if p.cur == nil {
		return 0
	}
	switch ln.arg(0) {
	case "size":
		n := atol(ln.arg(1))
		if n <= 0 {
			l.alert(ln, "invalid size '%s' for new sink buffer.", ln.arg(1))
			return errFatalAlert
		}
		p.cur.Size = int(n)
	case "backing-file":
	case "server":
		s := l.ringStates[p.cur]
		if s == nil {
			s = l.proxies.newProxy(p.cur.Name, proxy.CapBackend, ln.pos, nil)
			s.p.DefaultServer = presetServer()
			l.ringStates[p.cur] = s
		}
		before := len(s.p.Servers)
		ec := pxServer(l.proxies, s, ln)
		if len(s.p.Servers) > before {
			p.cur.Servers = append(p.cur.Servers, s.p.Servers[len(s.p.Servers)-1])
		}
		return ec
	case "timeout":
		if ln.arg(1) != "connect" && ln.arg(1) != "server" {
			l.alert(ln, "unable to set timeout '%s'.", ln.arg(1))
			return errFatalAlert
		}
		v, ok := l.timeArg(ln, 2, ln.arg(0)+" "+ln.arg(1))
		if !ok {
			return errFatalAlert
		}
		if ln.arg(1) == "connect" {
			p.cur.TimeoutConnect = durationOf(v, unitMS)
		} else {
			p.cur.TimeoutServer = durationOf(v, unitMS)
		}
	case "format":
		if indexOf(logFormats(), ln.arg(1)) < 0 {
			l.alert(ln, "unknown format '%s'.", ln.arg(1))
			return errFatalAlert
		}
		p.cur.Format = ln.arg(1)
	case "maxlen":
		n := atol(ln.arg(1))
		if n <= 0 {
			l.alert(ln, "invalid size '%s' for new sink buffer.", ln.arg(1))
			return errFatalAlert
		}
		p.cur.MaxLen = int(n)
	case "description":
		if ln.arg(1) == "" {
			l.alert(ln, "missing ring description text.")
			return errFatalAlert
		}
		p.cur.Description = ln.arg(1)
	default:
		l.alert(ln, "unknown statement '%s'.", ln.arg(0))
		return errFatalAlert
	}
	return 0
}

// programParser is cfg_parse_program() (src/mworker-prog.c).
type programParser struct {
	l   *loader
	cur *proxy.Program
}

func (p *programParser) post() errCode { return 0 }

func (p *programParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "program":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects an <id> argument", ln.arg(0))
			return errAlert | errAbort
		}
		for _, pr := range l.cfg.Programs {
			if pr.Name == ln.arg(1) {
				l.alertNS(ln, "'%s' program section already exists in the configuration.", ln.arg(1))
				return errAlert | errAbort
			}
		}
		p.cur = &proxy.Program{Name: ln.arg(1)}
		l.cfg.Programs = append(l.cfg.Programs, p.cur)
		l.programPos = append(l.programPos, ln.pos)
		return 0
	case "command":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects a command with optional arguments separated in words.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.Command = ln.from(1)
		return 0
	case "option":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects an option name.", ln.arg(0))
			return errFatalAlert
		}
		if ln.arg(1) != "start-on-reload" {
			l.alert(ln, "unknown option '%s'.", ln.arg(1))
			return errFatalAlert
		}
		p.cur.StartOnReload = ln.kwm != kwmNo
		return 0
	case "user":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects a user name.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.User = ln.arg(1)
		return 0
	case "group":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects a group name.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.Group = ln.arg(1)
		return 0
	}
	l.alert(ln, "unknown keyword '%s' in '%s' section", ln.arg(0), "program")
	return errFatalAlert
}

// fcgiParser is cfg_parse_fcgi_app() (src/fcgi-app.c).
type fcgiParser struct {
	l   *loader
	cur *proxy.FCGIApp
}

func (p *fcgiParser) post() errCode { return 0 }

func (p *fcgiParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "fcgi-app":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <name> as argument.", ln.arg(0))
			return errAlert | errAbort
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alertNS(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errAlert | errAbort
		}
		for _, a := range l.cfg.FCGIApps {
			if a.Name == ln.arg(1) {
				l.alertf(ln.pos, "Parsing %s: fcgi-app section '%s' has the same name as another one declared at %s:%d.", ln.where(), ln.arg(1), ln.pos.File, ln.pos.Line)
				return errFatalAlert
			}
		}
		p.cur = &proxy.FCGIApp{Name: ln.arg(1), MaxReqs: 1}
		l.cfg.FCGIApps = append(l.cfg.FCGIApps, p.cur)
		return 0
	case "docroot":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <path> as argument.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.DocRoot = ln.arg(1)
	case "path-info":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <regex> as argument.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.PathInfo = ln.arg(1)
	case "index":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <filename> as argument.", ln.arg(0))
			return errFatalAlert
		}
		p.cur.Index = ln.arg(1)
	case "acl":
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in acl name '%s'.", bad, ln.arg(1))
			return errFatalAlert
		}
	case "set-param":
		if ln.arg(1) == "" || ln.arg(2) == "" {
			l.alertNS(ln, "'%s' expects <name> and <value> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		fp := proxy.FCGIParam{Name: ln.arg(1), Format: ln.arg(2)}
		if ln.arg(3) == "if" || ln.arg(3) == "unless" {
			fp.Cond = &proxy.Condition{Unless: ln.arg(3) == "unless", Words: ln.from(4)}
		}
		p.cur.SetParams = append(p.cur.SetParams, fp)
	case "pass-header":
		if ln.arg(1) == "" {
			l.alertNS(ln, "'%s' expects <name> as arguments.", ln.arg(0))
			return errFatalAlert
		}
		fh := proxy.FCGIHeader{Name: ln.arg(1)}
		if ln.arg(2) == "if" || ln.arg(2) == "unless" {
			fh.Cond = &proxy.Condition{Unless: ln.arg(2) == "unless", Words: ln.from(3)}
		}
		p.cur.PassHeaders = append(p.cur.PassHeaders, fh)
	case "option":
		on := ln.kwm != kwmNo
		switch ln.arg(1) {
		case "keep-conn":
			p.cur.KeepConn = on
		case "get-values":
			p.cur.GetValues = on
		case "mpxs-conns":
			p.cur.MpxsConns = on
		case "max-reqs":
			if ln.kwm != kwmStd {
				l.alertNS(ln, "negation/default is not supported for option '%s'.", ln.arg(1))
				return errFatalAlert
			}
			if ln.arg(2) == "" {
				l.alertNS(ln, "option '%s' expects an integer argument.", ln.arg(1))
				return errFatalAlert
			}
			p.cur.MaxReqs = atoi(ln.arg(2))
		default:
			l.alert(ln, "unknown option '%s'.", ln.arg(1))
			return errFatalAlert
		}
	case "log-stderr":
		targets, msg, ok := l.parseLogTarget(ln, p.cur.Logs, false)
		if !ok {
			l.alert(ln, "%s : %s", ln.arg(0), msg)
			return errFatalAlert
		}
		p.cur.Logs = targets
	default:
		l.alertNS(ln, "unknown keyword '%s' in '%s' section", ln.arg(0), "fcgi-app")
		return errFatalAlert
	}
	return 0
}

// logForwardParser is cfg_parse_log_forward() (src/log.c).
type logForwardParser struct {
	l   *loader
	cur *proxy.LogForward
	ids map[int]*proxy.Bind
}

// logForwardRef is a declared log-forward section.
type logForwardRef struct {
	name string
	pos  parser.Pos
}

func (l *loader) logForwardByName(name string) *logForwardRef {
	for _, r := range l.logForwards {
		if r.name == name {
			return r
		}
	}
	return nil
}

func (p *logForwardParser) post() errCode { return 0 }

func (p *logForwardParser) parse(ln *line) errCode {
	l := p.l
	switch ln.arg(0) {
	case "log-forward":
		if ln.arg(1) == "" {
			l.alert(ln, "missing name for ip-forward section.")
			return errAlert | errAbort
		}
		if bad, ok := invalidChar(ln.arg(1)); !ok {
			l.alert(ln, "character '%c' is not permitted in '%s' name '%s'.", bad, ln.arg(0), ln.arg(1))
			return errAlert | errAbort
		}
		var ec errCode
		if other := l.logForwardByName(ln.arg(1)); other != nil {
			l.alertf(ln.pos, "Parsing %s: log-forward section '%s' has the same name as another log-forward section declared at %s:%d.", ln.where(), ln.arg(1), other.pos.File, other.pos.Line)
			ec |= errFatalAlert
		}
		if other := l.proxies.find(ln.arg(1), proxy.CapListen); other != nil {
			l.alertf(ln.pos, "Parsing %s: log forward section '%s' has the same name as %s '%s' declared at %s:%d.", ln.where(), ln.arg(1), other.typeStr(), other.name(), other.pos.File, other.pos.Line)
			ec |= errFatalAlert
		}
		p.cur = &proxy.LogForward{Name: ln.arg(1)}
		p.ids = map[int]*proxy.Bind{}
		l.cfg.LogForwards = append(l.cfg.LogForwards, p.cur)
		l.logForwards = append(l.logForwards, &logForwardRef{name: ln.arg(1), pos: ln.pos})
		return ec
	case "maxconn", "backlog":
		if ln.arg(1) == "" {
			l.alert(ln, "'%s' expects an integer argument.", ln.arg(0))
			return errFatalAlert
		}
		if ln.arg(0) == "maxconn" {
			p.cur.MaxConn = int(atol(ln.arg(1)))
		} else {
			p.cur.Backlog = int(atol(ln.arg(1)))
		}
		return 0
	case "bind", "dgram-bind":
		dgram := ln.arg(0) == "dgram-bind"
		b := &proxy.Bind{Spec: ln.arg(1), File: ln.pos.File, Line: ln.pos.Line}
		if _, msg := l.parseListenAddrs(b, ln.arg(1), l.cfg.Global.UnixBind.Prefix, dgram); msg != "" {
			l.alert(ln, "'%s %s' : %s", ln.arg(0), ln.arg(1), indentMsg(strings.TrimRight(msg, "\n"), 2))
			return errFatalAlert
		}
		if dgram {
			p.cur.DgramBinds = append(p.cur.DgramBinds, b)
			for cur := 2; ln.arg(cur) != ""; cur++ {
				if ln.arg(cur) == "interface" || ln.arg(cur) == "namespace" || ln.arg(cur) == "name" {
					cur++
					continue
				}
				if ln.arg(cur) == "transparent" {
					continue
				}
				l.alert(ln, "unknown keyword '%s %s' in log-forward section.", ln.arg(0), ln.arg(cur))
				return errFatalAlert
			}
			return 0
		}
		p.cur.Binds = append(p.cur.Binds, b)
		c := &bindCtx{l: l, ln: ln, b: b, usedIDs: p.ids, nAddrs: 1}
		return c.parseArgs(2, "log-forward")
	case "log":
		targets, msg, ok := l.parseLogTarget(ln, p.cur.Logs, false)
		if !ok {
			l.alert(ln, "%s : %s", ln.arg(0), msg)
			return errFatalAlert
		}
		p.cur.Logs = targets
		return 0
	case "timeout":
		if ln.arg(1) != "client" {
			l.alert(ln, "unknown keyword '%s %s' in log-forward section.", ln.arg(0), ln.arg(1))
			return errFatalAlert
		}
		v, ok := l.timeArg(ln, 2, ln.arg(0)+" "+ln.arg(1))
		if !ok {
			return errFatalAlert
		}
		p.cur.TimeoutClient = durationOf(v, unitMS)
		return 0
	}
	l.alert(ln, "unknown keyword '%s' in log-forward section.", ln.arg(0))
	return errFatalAlert
}

// namespaceParser is cfg_parse_netns(): "namespace_list" then
// "namespace <name>" lines.
type namespaceParser struct{ l *loader }

func (p *namespaceParser) post() errCode { return 0 }

func (p *namespaceParser) parse(ln *line) errCode {
	switch ln.arg(0) {
	case "namespace_list":
		return 0
	case "namespace":
		if ln.arg(1) == "" {
			p.l.alert(ln, "namespace name is missing.")
			return errFatalAlert
		}
		return 0
	}
	p.l.alert(ln, "unknown keyword '%s' in '%s' section", ln.arg(0), "namespace_list")
	return errFatalAlert
}
