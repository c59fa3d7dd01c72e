package config

import (
	"math"
	"net/netip"
	"strings"
	"time"
)

// connOpts is a checker's connection (conn_opts_t): where it connects,
// from where, and how long it waits.
type connOpts struct {
	dst             netip.Addr
	dstPort         uint16
	bindTo          netip.Addr
	bindPort        uint16
	bindIf          string
	connTO          *uint64
	fwmark          uint32
	dstSet, portSet bool
}

// vchecker is a checker while it is read (checker_t).
type vchecker struct {
	m                                   Checker
	vs                                  *vserver
	rs                                  *vrserver
	co                                  *connOpts
	hosts                               []*connOpts
	retry                               *uint64
	delayBeforeRetry, warmup, delayLoop *uint64
	alpha                               Tri
	script                              *Script
	dequeued                            bool
}

// vfilecheck is a FILE_CHECK entry of a real server.
type vfilecheck struct {
	file    *TrackFile
	weight  *int
	reverse bool
}

func (c *lvsReader) curChecker() *vchecker { return c.checkers[len(c.checkers)-1] }

// queue is queue_checker(): a new checker of the current real server,
// connecting by default to the real server.
func (c *lvsReader) queue(kind string, withConn bool) *vchecker {
	vs, rs := c.curVS(), c.curRS()
	ch := &vchecker{m: Checker{Type: kind}, vs: vs, rs: rs}
	if withConn {
		ch.co = &connOpts{dst: rs.addr.Addr(), dstPort: rs.addr.Port()}
	}
	c.checkers = append(c.checkers, ch)
	return ch
}

// dequeue is dequeue_new_checker(): the current checker is dropped.
func (c *lvsReader) dequeue() {
	if n := len(c.checkers); n > 0 {
		c.checkers[n-1].dequeued = true
		c.checkers = c.checkers[:n-1]
	}
}

// checkConnOpts refuses a link-local IPv6 destination without bind_if.
func (p *pass) checkConnOpts(co *connOpts) bool {
	if co.dst.Is6() && co.dst.IsLinkLocalUnicast() && co.bindIf == "" {
		p.report(ClassGeneral, "Checker link local address %s requires a bind_if", co.dst)
		return false
	}
	return true
}

// commonKeywords are install_checker_common_keywords(); conn adds the
// connection keywords.
func (c *lvsReader) commonKeywords(conn bool) []*keyword {
	var kws []*keyword
	if conn {
		kws = append(kws,
			kw("connect_ip", func(p *pass, l *line) {
				co := c.curChecker().co
				a, ok := p.sockaddr(l.slot(1), "")
				if !ok {
					p.report(ClassGeneral, "Invalid connect_ip address %s - ignoring", l.slot(1))
					co.dst = netip.Addr{}
					return
				}
				if co.bindTo.IsValid() && co.bindTo.Is4() != a.Addr().Is4() {
					p.report(ClassGeneral, "connect_ip address %s does not match address family of bindto - skipping", l.slot(1))
					co.dst = netip.Addr{}
					return
				}
				co.dst, co.dstSet = a.Addr(), true
			}),
			kw("connect_port", func(p *pass, l *line) {
				v, ok := p.readUnsigned(l.slot(1), 1, 65535, true)
				if !ok {
					p.report(ClassGeneral, "Invalid checker connect_port '%s'", l.slot(1))
					return
				}
				co := c.curChecker().co
				co.dstPort, co.portSet = uint16(v), true
			}),
			kw("bindto", func(p *pass, l *line) {
				co := c.curChecker().co
				a, ok := p.sockaddr(l.slot(1), "")
				if !ok {
					p.report(ClassGeneral, "Invalid bindto address %s - ignoring", l.slot(1))
					co.bindTo = netip.Addr{}
					return
				}
				if co.dst.IsValid() && co.dst.Is4() != a.Addr().Is4() {
					p.report(ClassGeneral, "bindto address %s does not match address family of connect_ip - skipping", l.slot(1))
					co.bindTo = netip.Addr{}
					return
				}
				co.bindTo = a.Addr()
			}),
			kw("bind_port", func(p *pass, l *line) {
				v, ok := p.readUnsigned(l.slot(1), 1, 65535, true)
				if !ok {
					p.report(ClassGeneral, "Invalid checker bind_port '%s'", l.slot(1))
					return
				}
				c.curChecker().co.bindPort = uint16(v)
			}),
			kw("bind_if", func(p *pass, l *line) {
				if len(l.slot(1)) > ifNameSize-1 {
					p.report(ClassGeneral, "Interface name %s is too long - ignoring", l.slot(1))
					return
				}
				c.curChecker().co.bindIf = l.slot(1)
			}),
			kw("connect_timeout", func(p *pass, l *line) {
				v, ok := p.readTimer(l.slot(1), 1, math.MaxUint32, true)
				if !ok {
					p.report(ClassGeneral, "connect_timeout %s invalid - ignoring", l.slot(1))
					return
				}
				c.curChecker().co.connTO = &v
			}),
			kw("fwmark", func(p *pass, l *line) {
				v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
				if !ok {
					p.report(ClassGeneral, "Invalid fwmark connection value '%s'", l.slot(1))
					return
				}
				c.curChecker().co.fwmark = uint32(v)
			}),
		)
	}
	timer := func(name, errf string, min uint64, set func(ch *vchecker, v uint64)) *keyword {
		return kw(name, func(p *pass, l *line) {
			v, ok := p.readTimer(l.slot(1), min, 0, true)
			if !ok {
				p.report(ClassGeneral, errf, l.slot(1))
				return
			}
			set(c.curChecker(), v)
		})
	}
	return append(kws,
		kw("retry", c.retry),
		timer("delay_before_retry", "Invalid delay_before_retry connection value '%s'", 0, func(ch *vchecker, v uint64) { ch.delayBeforeRetry = &v }),
		timer("warmup", "Invalid warmup connection value '%s'", 0, func(ch *vchecker, v uint64) { ch.warmup = &v }),
		timer("delay_loop", "delay_loop '%s' is invalid - ignoring", 1, func(ch *vchecker, v uint64) { ch.delayLoop = &v }),
		kw("alpha", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid alpha parameter %s"); ok {
				c.curChecker().alpha = tri(b)
			}
		}),
		kw("log_all_failures", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid log_all_failures parameter %s"); ok {
				c.curChecker().m.LogAllFailures = b
			}
		}),
	)
}

func (c *lvsReader) retry(p *pass, l *line) {
	v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
	if !ok {
		p.report(ClassGeneral, "Invalid retry connection value '%s'", l.slot(1))
		return
	}
	c.curChecker().retry = &v
}

// nbGetRetry is the keyword retry had before keepalived 1.3; 2.2.7 keeps
// it in HTTP_GET and SSL_GET only, with this warning (check_http.c).
func (c *lvsReader) nbGetRetry(p *pass, l *line) {
	p.report(ClassGeneral, "nb_get_retry is deprecated - please use 'retry'")
	v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
	if !ok {
		p.report(ClassGeneral, "Invalid nb_get_retry value '%s'", l.slot(1))
		return
	}
	c.curChecker().retry = &v
}

// nbGetRetryCompat is nb_get_retry in the other checkers, where 2.2.7
// says "Unknown keyword": hakeep accepts it with its old meaning and the
// HTTP_GET warning, one message at the same place (so -t gives the same
// verdict); a bad value is ignored without a second message, as 2.2.7
// reads none.
func (c *lvsReader) nbGetRetryCompat(p *pass, l *line) {
	p.report(ClassGeneral, "nb_get_retry is deprecated - please use 'retry'")
	if l.n() < 2 {
		return
	}
	v, end, overflow := ctoul(l.words[1])
	if end != len(l.words[1]) || overflow || v > math.MaxUint32 {
		return
	}
	c.curChecker().retry = &v
}

// connEnd ends a checker with a connection: it is dropped when its
// connection cannot work.
func (c *lvsReader) connEnd(p *pass) {
	if !p.checkConnOpts(c.curChecker().co) {
		c.dequeue()
	}
}

// checkerKeywords is install_checkers_keyword().
func (c *lvsReader) checkerKeywords() []*keyword {
	with := func(kws []*keyword, more ...*keyword) []*keyword {
		return append(append([]*keyword(nil), kws...), more...)
	}
	common := c.commonKeywords(true)
	legacy := kw("nb_get_retry", c.nbGetRetryCompat)
	return []*keyword{
		block("MISC_CHECK", c.miscStart, c.miscEnd, with(c.commonKeywords(false), legacy,
			kw("misc_path", c.miscPath),
			kw("misc_timeout", func(p *pass, l *line) {
				ch := c.miscChecker()
				if ch == nil {
					return
				}
				v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
				if !ok {
					p.report(ClassGeneral, "Invalid misc_timeout value '%s'", l.slot(1))
					return
				}
				ch.m.Misc.Timeout = time.Duration(v) * time.Second
			}),
			kw("misc_dynamic", func(p *pass, l *line) {
				if ch := c.miscChecker(); ch != nil {
					ch.m.Misc.Dynamic = true
				}
			}),
			kw("user", c.miscUser))...),
		block("SMTP_CHECK", c.smtpStart, c.smtpEnd, with(
			[]*keyword{kw("helo_name", func(p *pass, l *line) {
				if l.n() < 2 {
					p.report(ClassGeneral, "SMTP_CHECK helo name missing")
					return
				}
				c.curChecker().m.SMTP.HeloName = l.words[1]
			})},
			append(common, legacy,
				block("host", c.smtpHostStart, c.smtpHostEnd, c.commonKeywords(true)...))...)...),
		block("TCP_CHECK", func(p *pass, l *line) { c.queue("TCP_CHECK", true) }, c.connEnd, with(common, legacy)...),
		block("PING_CHECK", func(p *pass, l *line) { c.queue("PING_CHECK", true) }, c.connEnd, with(common, legacy)...),
		block("UDP_CHECK", c.udpStart, c.udpEnd, with(common, legacy,
			kw("payload", func(p *pass, l *line) {
				if l.n() == 1 {
					p.report(ClassGeneral, "UDP_CHECK payload requires a payload")
					return
				}
				data, _, ok := hexString(strings.Join(l.words[1:], " "), false)
				if !ok {
					p.report(ClassGeneral, "Invalid hex string for UDP_CHECK payload")
					return
				}
				c.curChecker().m.UDP.Payload = data
			}),
			kw("require_reply", func(p *pass, l *line) {
				u := c.curChecker().m.UDP
				u.RequireReply = true
				if l.n() == 1 {
					return
				}
				data, mask, ok := hexString(strings.Join(l.words[1:], " "), true)
				if !ok {
					p.report(ClassGeneral, "Invalid hex string for UDP_CHECK reply")
					return
				}
				u.Reply, u.ReplyMask = data, mask
			}),
			kw("min_reply_length", func(p *pass, l *line) { c.udpLength(p, l, "min") }),
			kw("max_reply_length", func(p *pass, l *line) { c.udpLength(p, l, "max") }))...),
		c.httpKeyword("HTTP_GET", common),
		c.httpKeyword("SSL_GET", common),
		block("DNS_CHECK", c.dnsStart, c.dnsEnd, with(common, legacy,
			kw("type", func(p *pass, l *line) {
				t := strings.ToUpper(l.slot(1))
				switch t {
				case "A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY":
					c.curChecker().m.DNS.Type = t
				default:
					p.report(ClassGeneral, "Unknown DNS check type %s - ignoring", l.slot(1))
				}
			}),
			kw("name", c.dnsName))...),
		block("FILE_CHECK", c.fileStart, c.fileEnd,
			kw("track_file", c.fileTrack),
			kw("weight", c.fileWeight)),
		block("BFD_CHECK", c.bfdStart, c.bfdEnd,
			kw("name", c.bfdName),
			kw("alpha", func(p *pass, l *line) {
				if c.bfdChecker == nil {
					return
				}
				if b, ok := optBool(p, l, "Invalid alpha parameter %s"); ok {
					c.bfdChecker.alpha = tri(b)
				}
			})),
	}
}

// miscChecker is the MISC_CHECK being read, nil once keepalived dropped it.
func (c *lvsReader) miscChecker() *vchecker {
	if len(c.checkers) == 0 {
		return nil
	}
	ch := c.curChecker()
	if ch.m.Misc == nil {
		return nil
	}
	return ch
}

func (c *lvsReader) miscStart(p *pass, l *line) {
	ch := c.queue("MISC_CHECK", false)
	ch.m.Misc = &MiscCheck{}
	c.miscUserSet = false
}

func (c *lvsReader) miscPath(p *pass, l *line) {
	ch := c.miscChecker()
	if ch == nil {
		return
	}
	// set_script_params_array() leaves the script as it was when the
	// line has no command.
	words := p.quotedEscaped(l.raw)
	if len(words) >= 2 {
		if args := p.quotedEscaped(words[1]); len(args) > 0 {
			ch.script = &Script{Args: args, Line: l.raw}
		}
	}
}

func (c *lvsReader) miscUser(p *pass, l *line) {
	ch := c.miscChecker()
	if ch == nil {
		return
	}
	if l.n() < 2 {
		p.report(ClassGeneral, "No user specified for misc checker script %s", cmdStr(ch.script))
		return
	}
	uid, gid, ok := p.uidGid(l.words[1], l.opt(2))
	if !ok {
		p.report(ClassGeneral, "Failed to set uid/gid for misc checker script %s - removing", cmdStr(ch.script))
		c.dequeue()
		return
	}
	if ch.script == nil {
		ch.script = &Script{}
	}
	ch.script.User, ch.script.Group, ch.script.UID, ch.script.GID = l.words[1], l.opt(2), uid, gid
	c.miscUserSet = true
}

func (c *lvsReader) miscEnd(p *pass) {
	ch := c.miscChecker()
	if ch == nil {
		return
	}
	if ch.script == nil || len(ch.script.Args) == 0 {
		p.report(ClassGeneral, "No script path has been specified for MISC_CHECKER - skipping")
		c.dequeue()
		return
	}
	if !c.miscUserSet {
		uid, gid, fail := p.defaultScriptUser()
		if fail {
			p.report(ClassGeneral, "Unable to set default user for misc script %s - removing", cmdStr(ch.script))
			c.dequeue()
			return
		}
		ch.script.UID, ch.script.GID = uid, gid
	}
	ch.m.Misc.Script = ch.script
}

// cmdStr is cmd_str(): the script's words, each quoted.
func cmdStr(s *Script) string {
	if s == nil {
		return ""
	}
	// cmd_str() writes into a MAXBUF buffer and gives NULL when the
	// words would not fit.
	const maxBuf = 1024
	n := 0
	for _, a := range s.Args {
		n += len(a) + 3
	}
	if n > maxBuf {
		return "(null)"
	}
	var b strings.Builder
	for i, a := range s.Args {
		if i > 0 {
			b.WriteByte(' ')
		}
		// A first word that is only a redirection stays unquoted.
		if i > 0 || a == "" || (a[0] != '<' && a[0] != '>') {
			b.WriteString("'" + a + "'")
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}

func (c *lvsReader) smtpStart(p *pass, l *line) {
	ch := c.queue("SMTP_CHECK", true)
	ch.m.SMTP = &SMTPCheck{}
	// keepalived starts with an unset destination to see what is set.
	ch.co.dst, ch.co.dstPort = netip.Addr{}, 0
}

func (c *lvsReader) smtpHostStart(p *pass, l *line) {
	ch := c.curChecker()
	c.smtpSaved = ch.co
	ch.co = &connOpts{dst: ch.rs.addr.Addr(), dstPort: ch.rs.addr.Port()}
}

func (c *lvsReader) smtpHostEnd(p *pass) {
	ch := c.curChecker()
	if p.checkConnOpts(ch.co) {
		ch.hosts = append(ch.hosts, ch.co)
	}
	ch.co = c.smtpSaved
}

func (c *lvsReader) smtpEnd(p *pass) {
	ch := c.curChecker()
	if ch.m.SMTP.HeloName == "" {
		ch.m.SMTP.HeloName = "smtpchecker.keepalived.org"
	}
	if len(ch.hosts) > 0 {
		p.logf("The SMTP_CHECK host block is deprecated. Please define additional checkers.")
	}
	co := ch.co
	if co.dst.IsValid() || co.dstPort != 0 || co.bindTo.IsValid() || co.bindPort != 0 || co.bindIf != "" ||
		len(ch.hosts) == 0 || co.fwmark != 0 || co.connTO != nil {
		if !co.dst.IsValid() {
			co.dst = ch.rs.addr.Addr()
		}
		if co.dstPort == 0 {
			co.dstPort = ch.rs.addr.Port()
		}
		if !p.checkConnOpts(co) {
			c.dequeue()
			return
		}
	} else {
		ch.co = ch.hosts[0]
		ch.hosts = ch.hosts[1:]
	}
}

func (c *lvsReader) udpStart(p *pass, l *line) {
	ch := c.queue("UDP_CHECK", true)
	ch.m.UDP = &UDPCheck{MaxReplyLength: 255}
}

func (c *lvsReader) udpLength(p *pass, l *line, which string) {
	v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint16, false)
	if !ok {
		p.report(ClassGeneral, "UDP_CHECK %s length %s not valid - must be between 0 & %d", which, l.slot(1), math.MaxUint16)
		return
	}
	if which == "min" {
		c.curChecker().m.UDP.MinReplyLength = int(v)
	} else {
		c.curChecker().m.UDP.MaxReplyLength = int(v)
	}
}

func (c *lvsReader) udpEnd(p *pass) {
	ch := c.curChecker()
	if !p.checkConnOpts(ch.co) {
		c.dequeue()
		return
	}
	if u := ch.m.UDP; u.MinReplyLength > u.MaxReplyLength {
		p.report(ClassGeneral, "UDP_CHECK min_reply length %d > max_reply_length %d - will always fail", u.MinReplyLength, u.MaxReplyLength)
	}
}

// hexString is read_hex_str(): hex digits in pairs, blanks between
// octets, and with wildcards 'x' nibbles marked in the mask.
func hexString(s string, wildcards bool) (data, mask []byte, ok bool) {
	val := func(ch byte) (byte, bool, bool) {
		switch {
		case ch >= '0' && ch <= '9':
			return ch - '0', false, true
		case ch >= 'a' && ch <= 'f':
			return ch - 'a' + 10, false, true
		case ch >= 'A' && ch <= 'F':
			return ch - 'A' + 10, false, true
		case wildcards && (ch == 'x' || ch == 'X'):
			return 0, true, true
		}
		return 0, false, false
	}
	usingMask := false
	for i := 0; ; {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			break
		}
		v, wild, good := val(s[i])
		i++
		if !good {
			return nil, nil, false
		}
		var m byte
		if wild {
			m, usingMask = 0x0f, true
		}
		if i < len(s) && s[i] != ' ' {
			v2, wild2, good2 := val(s[i])
			i++
			if !good2 {
				return nil, nil, false
			}
			v, m = v<<4|v2, m<<4
			if wild2 {
				m |= 0x0f
				usingMask = true
			}
		}
		data = append(data, v)
		mask = append(mask, m)
	}
	if len(data) == 0 {
		return nil, nil, false
	}
	if !usingMask {
		mask = nil
	}
	return data, mask, true
}

func (c *lvsReader) dnsStart(p *pass, l *line) {
	ch := c.queue("DNS_CHECK", true)
	ch.m.DNS = &DNSCheck{Type: "SOA"}
}

// dnsEmptyLabel is check_dns.c's test for an empty label, which looks at
// the character after the first one as if the name began with a dot:
// "a.b" fails it as "..b" would.
func dnsEmptyLabel(name string) bool {
	if len(name) > 1 && name[0] == '.' {
		return true
	}
	for i := 0; i >= 0; {
		if i+1 < len(name) && name[i+1] == '.' {
			return true
		}
		j := strings.IndexByte(name[min(i+1, len(name)):], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func (c *lvsReader) dnsName(p *pass, l *line) {
	d := c.curChecker().m.DNS
	if d.Name != "" {
		p.report(ClassGeneral, "DNS_CHECK name already specified - ignoring")
		return
	}
	name := l.slot(1)
	bad := dnsEmptyLabel(name)
	if bad {
		p.report(ClassGeneral, "DNS_CHECK name '%s' has empty label - ignoring", name)
		return
	}
	d.Name = name
}

func (c *lvsReader) dnsEnd(p *pass) {
	if !p.checkConnOpts(c.curChecker().co) {
		c.dequeue()
	}
}

func (c *lvsReader) fileStart(p *pass, l *line) {
	rs := c.curRS()
	rs.files = append(rs.files, &vfilecheck{})
}

func (c *lvsReader) fileTrack(p *pass, l *line) {
	rs := c.curRS()
	fc := rs.files[len(rs.files)-1]
	name := l.slot(1)
	for _, f := range c.trackFiles.files {
		if f.Name == name {
			fc.file = f
			return
		}
	}
	p.report(ClassGeneral, "track_file %s not found", name)
}

func (c *lvsReader) fileWeight(p *pass, l *line) {
	rs := c.curRS()
	fc := rs.files[len(rs.files)-1]
	if l.n() < 2 {
		p.report(ClassGeneral, "track file weight missing")
		return
	}
	v, ok := p.readInt(l.words[1], -math.MaxInt32, math.MaxInt32, true)
	if !ok {
		p.report(ClassGeneral, "weight for track file must be in [%d..%d] inclusive. Ignoring...", -math.MaxInt32, math.MaxInt32)
		return
	}
	reverse := false
	if l.n() >= 3 {
		switch l.words[2] {
		case "reverse":
			reverse = true
		case "noreverse":
		default:
			p.report(ClassGeneral, "unknown track file weight option %s - ignoring", l.words[2])
			return
		}
	}
	w := int(v)
	fc.weight, fc.reverse = &w, reverse
}

func (c *lvsReader) fileEnd(p *pass) {
	rs := c.curRS()
	fc := rs.files[len(rs.files)-1]
	if fc.file == nil {
		p.report(ClassGeneral, "FILE_CHECK has no track_file specified - ignoring")
		rs.files = rs.files[:len(rs.files)-1]
		return
	}
	if fc.weight == nil {
		w := fc.file.Weight
		fc.weight, fc.reverse = &w, fc.file.Reverse
	}
}

func (c *lvsReader) bfdStart(p *pass, l *line) {
	c.bfdChecker = c.queue("BFD_CHECK", false)
}

func (c *lvsReader) bfdName(p *pass, l *line) {
	ch := c.bfdChecker
	if ch == nil {
		return
	}
	rsName := trio(ch.rs.addr, ch.vs.proto)
	name := l.opt(1)
	known := false
	for _, b := range c.bfds {
		if b == name {
			known = true
		}
	}
	bad := true
	switch {
	case l.n() != 2:
		p.report(ClassGeneral, "(%s) BFD_CHECK - No or too many names specified - skipping checker", rsName)
	case !known:
		p.report(ClassGeneral, "(%s) BFD_CHECK - BFD %s not configured", rsName, name)
	case ch.m.BFD != "":
		p.report(ClassGeneral, "(%s) BFD_CHECK - BFD %s already specified as %s", rsName, name, ch.m.BFD)
	case len(name) >= bfdNameMax:
		p.report(ClassGeneral, "(%s) BFD_CHECK - BFD name %s too long", rsName, name)
	default:
		bad = false
	}
	if !bad {
		for _, b := range ch.rs.bfds {
			if b == name {
				p.report(ClassGeneral, "(%s) BFD_CHECK - RS already monitoring %s", rsName, name)
				bad = true
				break
			}
		}
	}
	if bad {
		c.dequeue()
		c.bfdChecker = nil
		return
	}
	ch.m.BFD = name
}

func (c *lvsReader) bfdEnd(p *pass) {
	ch := c.bfdChecker
	if ch == nil {
		return
	}
	if ch.m.BFD == "" {
		p.report(ClassGeneral, "(%s) No name has been specified for BFD_CHECKER - skipping", trio(ch.rs.addr, ch.vs.proto))
		c.dequeue()
		c.bfdChecker = nil
		return
	}
	ch.rs.bfds = append(ch.rs.bfds, ch.m.BFD)
	c.bfdChecker = nil
}

// httpKeyword is HTTP_GET or SSL_GET with their url blocks.
func (c *lvsReader) httpKeyword(name string, common []*keyword) *keyword {
	url := func() *URL {
		h := c.curChecker().m.HTTP
		return h.URLs[len(h.URLs)-1]
	}
	kws := append(append([]*keyword(nil), common...),
		kw("nb_get_retry", c.nbGetRetry),
		kw("virtualhost", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "HTTP_GET virtualhost name missing")
				return
			}
			c.curChecker().m.HTTP.VirtualHost = l.words[1]
		}),
		kw("http_protocol", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "Missing http_protocol version")
				return
			}
			switch v := l.words[1]; v {
			case "1.0", "1.1", "1.0C", "1.0c":
				c.curChecker().m.HTTP.Protocol = strings.ToUpper(v)
			default:
				p.report(ClassGeneral, "Invalid http_protocol version %s", v)
			}
		}),
		kw("enable_sni", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid enable_sni parameter %s"); ok {
				c.curChecker().m.HTTP.EnableSNI = b
			}
		}),
		kw("fast_recovery", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid fast_recovery parameter %s"); ok {
				c.curChecker().m.HTTP.FastRecovery = b
			}
		}),
		block("url", func(p *pass, l *line) {
			h := c.curChecker().m.HTTP
			h.URLs = append(h.URLs, &URL{})
		}, c.urlEnd,
			kw("path", func(p *pass, l *line) { url().Path = l.slot(1) }),
			kw("digest", func(p *pass, l *line) { c.digest(p, l, url()) }),
			kw("status_code", func(p *pass, l *line) {
				u := url()
				for _, s := range l.words[1:] {
					if !validStatusRange(s) {
						p.report(ClassGeneral, "Invalid HTTP_GET status code '%s'", s)
						continue
					}
					u.StatusCodes = append(u.StatusCodes, s)
				}
			}),
			kw("virtualhost", func(p *pass, l *line) {
				if l.n() < 2 {
					p.report(ClassGeneral, "Missing HTTP_GET virtualhost name")
					return
				}
				url().VirtualHost = l.words[1]
			}),
			kw("regex", func(p *pass, l *line) {
				w := p.quotedEscaped(l.raw)
				if len(w) != 2 {
					p.logf("regex missing or too many fields")
					return
				}
				url().Regex = w[1]
			}),
			kw("regex_no_match", func(p *pass, l *line) { url().RegexNoMatch = true }),
			kw("regex_options", func(p *pass, l *line) { url().RegexOptions = append(url().RegexOptions, l.words[1:]...) }),
			kw("regex_min_offset", func(p *pass, l *line) { url().RegexMinOffset = regexOffset(p, l, "min") }),
			kw("regex_max_offset", func(p *pass, l *line) { url().RegexMaxOffset = regexOffset(p, l, "max") }),
			kw("regex_stack", func(p *pass, l *line) {
				if l.n() != 3 {
					p.logf("regex_stack requires start and max values")
				}
			})),
	)
	return block(name, func(p *pass, l *line) {
		ch := c.queue(name, true)
		ch.m.HTTP = &HTTPCheck{}
	}, c.httpEnd, kws...)
}

func regexOffset(p *pass, l *line, which string) int {
	if l.n() != 2 {
		p.logf("Missing or too may options for regex_%s_offset", which)
		return 0
	}
	// strtoul(word, 10): what follows the digits makes it invalid.
	v, end, _ := ctoul(l.words[1])
	if end != len(l.words[1]) {
		p.logf("Invalid regex_%s_offset %s specified", which, l.words[1])
		return 0
	}
	return int(v)
}

// validStatusRange is an HTTP status code or range within 100-599.
func validStatusRange(s string) bool {
	lo, hi := s, s
	if i := strings.IndexByte(s, '-'); i >= 0 {
		lo, hi = s[:i], s[i+1:]
	}
	a, end1, _ := ctoul(lo)
	b, end2, _ := ctoul(hi)
	if end1 < len(lo) || end2 < len(hi) {
		return false
	}
	return a >= 100 && a <= 599 && b >= 100 && b <= 599 && a <= b
}

func (c *lvsReader) digest(p *pass, l *line, u *URL) {
	d := l.slot(1)
	if u.Digest != "" {
		p.report(ClassGeneral, "Digest '%s' is a duplicate", d)
		return
	}
	if len(d) != 32 {
		p.report(ClassGeneral, "digest '%s' character length should be %d rather than %d", d, 32, len(d))
		return
	}
	// keepalived reads the pairs from the end, cutting the string as it
	// goes, and names the part read when a pair is bad.
	for i := 15; i >= 0; i-- {
		if !isHexDigit(d[2*i]) || !isHexDigit(d[2*i+1]) {
			p.report(ClassGeneral, "Unable to interpret hex digit in '%s' at offset %d/%d", d[:2*i+2], 2*i, 2*i+1)
			return
		}
	}
	u.Digest = d
}

func (c *lvsReader) urlEnd(p *pass) {
	h := c.curChecker().m.HTTP
	u := h.URLs[len(h.URLs)-1]
	if u.Path == "" {
		p.report(ClassGeneral, "HTTP/SSL_GET checker url has no path - ignoring")
		h.URLs = h.URLs[:len(h.URLs)-1]
		return
	}
	if len(u.StatusCodes) == 0 {
		u.StatusCodes = []string{"200-299"}
	}
	if u.Regex == "" && (len(u.RegexOptions) > 0 || u.RegexNoMatch || u.RegexMinOffset != 0 || u.RegexMaxOffset != 0) {
		p.logf("regex parameters specified without regex")
		u.RegexOptions, u.RegexNoMatch, u.RegexMinOffset, u.RegexMaxOffset = nil, false, 0, 0
	}
}

func (c *lvsReader) httpEnd(p *pass) {
	ch := c.curChecker()
	if len(ch.m.HTTP.URLs) == 0 {
		p.report(ClassGeneral, "HTTP/SSL_GET checker has no urls specified - ignoring")
		c.dequeue()
		return
	}
	if !p.checkConnOpts(ch.co) {
		c.dequeue()
	}
}
