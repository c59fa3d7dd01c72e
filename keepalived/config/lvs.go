package config

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// lvsReader holds what the checker process builds while reading
// (check_data in keepalived).
type lvsReader struct {
	ssl        *SSLContext
	vsgs       []*vsgroup
	vss        []*vserver
	checkers   []*vchecker
	trackFiles *trackFiles
	bfds       []string

	miscUserSet bool
	bfdChecker  *vchecker
	smtpSaved   *connOpts

	// phantoms stand in for empty lists (phantom.go).
	phantomVS *vserver
	phantomRS *vrserver
}

// vserver is a virtual_server while it is read.
type vserver struct {
	m                        VirtualServer
	af                       int
	addr                     netip.AddrPort
	fwmark                   *uint32
	vsgname                  string
	vsg                      *vsgroup
	proto                    int // 0, 6 (TCP), 17 (UDP), 132 (SCTP)
	sched                    string
	ops                      bool
	fwd                      Forwarding
	persist                  uint32
	retry                    *uint64
	quorum                   uint64
	hyster                   uint64
	weight                   int64
	hasuspend                bool
	ssvr                     *vrserver
	rs                       []*vrserver
	connTO                   uint64
	delayLoop                uint64
	delayBeforeRetry, warmup *uint64
}

// vrserver is a real or sorry server while it is read.
type vrserver struct {
	m                                   RealServer
	addr                                netip.AddrPort
	weight                              *int64
	fwd                                 Forwarding
	inhibit                             Tri
	alpha                               Tri
	retry                               *uint64
	connTO                              *uint64
	delayLoop, warmup, delayBeforeRetry *uint64
	files                               []*vfilecheck
	bfds                                []string
}

// vsgroup is a virtual_server_group while it is read.
type vsgroup struct {
	m                       VirtualServerGroup
	haveV4, haveV6, fwNoFam bool
	addrs, marks            int
}

// readChecker is the checker process's reading and its checks
// (check_daemon.c start_check with -t).
func (l *loader) readChecker() {
	p := newPass(l, ReadingChecker)
	c := &lvsReader{trackFiles: &trackFiles{}}
	g := &globalReader{g: &l.cfg.Global}
	var kws []*keyword
	kws = append(kws, g.keywords(false)...)
	kws = append(kws, checkRoots(true, c)...)
	kws = append(kws, vrrpRoots(false, nil)...)
	kws = append(kws, bfdRoots(ReadingChecker, true, &bfdReader{checker: &c.bfds})...)
	kws = append(kws, trackFileRoots(true, c.trackFiles)...)
	p.guarded(kws)
	c.linkGroups(p)
	c.validate(p)
	c.export(l.cfg)
}

// checkRoots is init_check_keywords().
func checkRoots(active bool, c *lvsReader) []*keyword {
	if !active {
		c = &lvsReader{trackFiles: &trackFiles{}}
	}
	return []*keyword{
		root(active, block("SSL", c.sslStart, nil,
			kw("password", func(p *pass, l *line) { c.sslFile(p, l, &c.ssl.Password, "password") }),
			kw("ca", func(p *pass, l *line) { c.sslFile(p, l, &c.ssl.CA, "cafile") }),
			kw("certificate", func(p *pass, l *line) { c.sslFile(p, l, &c.ssl.Certificate, "certfile") }),
			kw("key", func(p *pass, l *line) { c.sslFile(p, l, &c.ssl.Key, "keyfile") }))),
		root(active, kw("virtual_server_group", c.vsgHandler)),
		root(active, block("virtual_server", c.vsStart, c.vsEnd, c.vsKeywords()...)),
	}
}

func (c *lvsReader) sslStart(p *pass, l *line) {
	if c.ssl != nil {
		p.report(ClassGeneral, "SSL context already specified - replacing")
	}
	c.ssl = &SSLContext{}
}

func (c *lvsReader) sslFile(p *pass, l *line, dst *string, what string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "SSL %s missing", what)
		return
	}
	if *dst != "" {
		p.report(ClassGeneral, "SSL %s already specified - replacing", what)
	}
	*dst = l.words[1]
}

func (c *lvsReader) curVS() *vserver {
	if len(c.vss) == 0 {
		if c.phantomVS == nil {
			c.phantomVS = &vserver{}
		}
		return c.phantomVS
	}
	return c.vss[len(c.vss)-1]
}

func (c *lvsReader) curRS() *vrserver {
	vs := c.curVS()
	if len(vs.rs) == 0 {
		if c.phantomRS == nil {
			c.phantomRS = &vrserver{}
		}
		return c.phantomRS
	}
	return vs.rs[len(vs.rs)-1]
}

// vsgHandler reads a virtual_server_group and its entries.
func (c *lvsReader) vsgHandler(p *pass, l *line) {
	g := &vsgroup{m: VirtualServerGroup{Name: l.slot(1)}}
	c.vsgs = append(c.vsgs, g)
	// alloc_value_block does not expect a name after the keyword:
	// vsg_handler gives it the words after the name behind an empty
	// first word, which its complaints then read (a missing parameter).
	block := &line{words: append([]string{""}, l.words[2:]...), pos: l.pos, raw: l.raw, noKeyword: true}
	p.valueBlock(block, func(w *line) { c.vsgEntry(p, g, w) })
	switch {
	case len(g.m.Entries) == 0:
		p.report(ClassGeneral, "virtual server group %s has no entries - removing", g.m.Name)
		c.vsgs = c.vsgs[:len(c.vsgs)-1]
	case g.haveV4 && g.haveV6 && g.fwNoFam:
		p.report(ClassGeneral, "virtual server group %s cannot have IPv4, IPv6 and fwmark without family - removing", g.m.Name)
		c.vsgs = c.vsgs[:len(c.vsgs)-1]
	}
}

// inetStor is inet_stor() (lib/utils.c): the end of a range "ADDR-N",
// the last byte of an IPv4 address in decimal or the last 16 bits of an
// IPv6 one in hex. Trailing characters are an error with -t and a
// warning otherwise.
func (p *pass) inetStor(addr string, dash int) (uint64, bool) {
	base, limit := uint64(10), uint64(255)
	if strings.Contains(addr, ":") {
		base, limit = 16, 0xffff
	}
	text := addr[dash+1:]
	n, end, overflow := ctoulBase(text, base)
	// strtoul() leaves endptr at the start when it reads no digit.
	rest := text[end:]
	if end == 0 {
		rest = text
	}
	switch {
	case rest != "":
		p.report(ClassInvalidNumber, "%sVirtual server group range '%s' has extra characters at end '%s'", p.warn(true), addr, rest)
		return n, !p.opts.ConfigTest
	case overflow || n > limit:
		p.report(ClassInvalidNumber, "Virtual server group range '%s' end '%s' too large", addr, text)
		return 0, false
	}
	return n, true
}

// vsgEntry is alloc_vsg_entry(): fwmark N [inet|inet6], ADDR[/MASK] or
// ADDR-END (a range of the last byte or two bytes) with a port.
func (c *lvsReader) vsgEntry(p *pass, g *vsgroup, w *line) {
	first := w.slot(0)
	if first == "fwmark" {
		v, ok := p.readUnsigned(w.slot(1), 0, math.MaxUint32, true)
		if !ok {
			p.report(ClassGeneral, "(%s): fwmark '%s' must be in [0, %d] - ignoring", g.m.Name, w.slot(1), uint64(math.MaxUint32))
			return
		}
		mark := uint32(v)
		e := VSGEntry{Fwmark: &mark}
		if w.n() > 2 {
			switch w.words[2] {
			case "inet":
				e.Family, g.haveV4 = 4, true
			case "inet6":
				e.Family, g.haveV6 = 6, true
			default:
				p.report(ClassGeneral, "(%s): fwmark '%d' family %s unknown - ignoring", g.m.Name, mark, w.words[2])
				return
			}
		} else {
			g.fwNoFam = true
		}
		g.m.Entries = append(g.m.Entries, e)
		g.marks++
		return
	}
	port := ""
	if w.n() >= 2 && strings.Trim(w.words[1], "0") != "" {
		port = w.words[1]
	}
	a, ok := p.sockaddr(first, port)
	if !ok {
		pp := ""
		if port != "" {
			pp = "/port"
		}
		sep := ""
		if port != "" {
			sep = "/"
		}
		p.report(ClassGeneral, "Invalid virtual server group IP address %s %s%s%s - skipping", first, pp, sep, port)
		return
	}
	e := VSGEntry{From: a.Addr(), To: a.Addr(), Port: a.Port()}
	if i := strings.IndexByte(first, '/'); i >= 0 {
		n, end, _ := ctoul(first[i+1:])
		bits := 32
		if a.Addr().Is6() {
			bits = 128
		}
		if end < len(first[i+1:]) || n == 0 || n > uint64(bits) {
			p.report(ClassGeneral, "Invalid netmask - %s - skipping", first)
			return
		}
		pfx := netip.PrefixFrom(a.Addr(), int(n))
		if pfx.Masked().Addr() != a.Addr() {
			p.report(ClassGeneral, "Address mask bits not empty - %s - skipping", first)
			return
		}
		e.To = lastAddr(pfx)
	} else if j := strings.IndexByte(first, '-'); j >= 0 && ((a.Addr().Is4() && strings.Contains(first[j+1:], ".")) || (a.Addr().Is6() && strings.Contains(first[j+1:], ":"))) {
		end, ok := p.sockaddr(first[j+1:], port)
		if !ok {
			p.report(ClassGeneral, "Invalid range end %s - skipping", first)
			return
		}
		if end.Addr().Is4() != a.Addr().Is4() {
			p.report(ClassGeneral, "Range address families do not match %s - skipping", first)
			return
		}
		if end.Addr().Less(a.Addr()) {
			p.report(ClassGeneral, "Address range end is less than address range start - %s - skipping", first)
			return
		}
		e.To = end.Addr()
	} else if j >= 0 {
		n, ok := p.inetStor(first, j)
		if !ok {
			return
		}
		b := a.Addr().AsSlice()
		var start uint64
		if a.Addr().Is4() {
			start = uint64(b[3])
			b[3] = byte(n)
		} else {
			start = uint64(b[14])<<8 | uint64(b[15])
			b[14], b[15] = byte(n>>8), byte(n)
		}
		if start >= n {
			p.report(ClassGeneral, "Address range end is not greater than address range start - %s - skipping", first)
			return
		}
		e.To, _ = netip.AddrFromSlice(b)
	}
	e.Family = family(a.Addr())
	if e.Family == 4 {
		g.haveV4 = true
	} else {
		g.haveV6 = true
	}
	g.m.Entries = append(g.m.Entries, e)
	g.addrs++
}

// lastAddr is the last address of a prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// vsStart is vs_handler / alloc_vs().
func (c *lvsReader) vsStart(p *pass, l *line) {
	p1, p2 := l.slot(1), l.opt(2)
	vs := &vserver{quorum: 1, weight: 1, connTO: 5 * timerHz, delayLoop: 60 * timerHz}
	switch {
	case p1 == "group":
		vs.vsgname = p2
	case p1 == "fwmark":
		v, ok := p.readUnsigned(p2, 0, math.MaxUint32, true)
		if !ok {
			p.report(ClassGeneral, "virtual server fwmark '%s' must be in [0, %d] - ignoring", p2, uint64(math.MaxUint32))
			p.skipBlock(true)
			return
		}
		mark := uint32(v)
		vs.fwmark = &mark
	default:
		port := ""
		if l.n() >= 3 && strings.Trim(p2, "0") != "" {
			port = p2
		}
		a, ok := p.sockaddr(p1, port)
		if !ok {
			pp, sep := "", ""
			if port != "" {
				pp, sep = "/port", "/"
			}
			p.report(ClassGeneral, "Invalid virtual server IP address%s %s%s%s - skipping", pp, p1, sep, port)
			p.skipBlock(true)
			return
		}
		vs.addr = a
		vs.af = family(a.Addr())
	}
	c.vss = append(c.vss, vs)
}

// vsEnd is vs_end_handler(): a sorry server or tunnelled real servers
// decide the family when nothing else did.
func (c *lvsReader) vsEnd(p *pass) {
	vs := c.curVS()
	if s := vs.ssvr; s != nil && s.fwd.Method != "TUN" {
		f := family(s.addr.Addr())
		if vs.af == 0 {
			vs.af = f
		} else if vs.af != f {
			p.report(ClassGeneral, "Address family of virtual server and sorry server %s don't match - skipping sorry server.", s.addr.Addr())
			vs.ssvr = nil
		}
	}
	if vs.af == 0 && vs.vsgname == "" {
		mixed := false
		if vs.ssvr != nil {
			vs.af = family(vs.ssvr.addr.Addr())
		}
		for _, rs := range vs.rs {
			f := family(rs.addr.Addr())
			if vs.af == 0 {
				vs.af = f
			} else if vs.af != f {
				mixed = true
				break
			}
		}
		if mixed || vs.af == 0 {
			vs.af = 4
		}
	}
}

func (c *lvsReader) vsKeywords() []*keyword {
	vsTimer := func(name, errf string, min uint64, set func(vs *vserver, v uint64)) *keyword {
		return kw(name, func(p *pass, l *line) {
			v, ok := p.readTimer(l.slot(1), min, 0, true)
			if !ok {
				p.report(ClassGeneral, errf, l.slot(1))
				return
			}
			set(c.curVS(), v)
		})
	}
	kws := []*keyword{
		kw("ip_family", c.ipFamily),
		kw("retry", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, math.MaxUint32, false)
			if !ok {
				p.report(ClassGeneral, "retry value invalid - %s", l.slot(1))
				return
			}
			c.curVS().retry = &v
		}),
		vsTimer("delay_before_retry", "virtual server delay before retry '%s' invalid - ignoring", 0, func(vs *vserver, v uint64) { vs.delayBeforeRetry = &v }),
		vsTimer("warmup", "virtual server warmup '%s' invalid - ignoring", 0, func(vs *vserver, v uint64) { vs.warmup = &v }),
		kw("connect_timeout", func(p *pass, l *line) {
			v, ok := p.readTimer(l.slot(1), 1, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "virtual server connect_timeout %s invalid - ignoring", l.slot(1))
				return
			}
			c.curVS().connTO = v
		}),
		vsTimer("delay_loop", "virtual server delay loop '%s' invalid - ignoring", 1, func(vs *vserver, v uint64) { vs.delayLoop = v }),
		kw("inhibit_on_failure", func(p *pass, l *line) { c.curVS().m.Inhibit = true }),
		kw("lb_algo", c.scheduler),
		kw("lvs_sched", c.scheduler),
	}
	for _, f := range []string{"hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback"} {
		kws = append(kws, kw(f, c.flag))
	}
	kws = append(kws,
		kw("lb_kind", func(p *pass, l *line) { vs := c.curVS(); c.forwarding(p, l, &vs.fwd, "virtual") }),
		kw("lvs_method", func(p *pass, l *line) { vs := c.curVS(); c.forwarding(p, l, &vs.fwd, "virtual") }),
		kw("persistence_engine", func(p *pass, l *line) {
			vs := c.curVS()
			s := l.slot(1)
			if len(s) > 16-1 {
				p.report(ClassGeneral, "persistence_name too long, truncating - %s", s)
				s = s[:15]
			}
			vs.m.PersistenceEngine = s
		}),
		kw("persistence_timeout", func(p *pass, l *line) {
			vs := c.curVS()
			if l.n() < 2 {
				vs.persist = 360
				return
			}
			v, ok := p.readUnsigned(l.words[1], 1, lvsMaxTimeout, false)
			if !ok {
				p.report(ClassGeneral, "persistence_timeout invalid")
				return
			}
			vs.persist = uint32(v)
		}),
		kw("persistence_granularity", c.granularity),
		kw("protocol", func(p *pass, l *line) {
			vs := c.curVS()
			switch s := l.slot(1); strings.ToUpper(s) {
			case "TCP":
				vs.proto = 6
			case "UDP":
				vs.proto = 17
			case "SCTP":
				vs.proto = 132
			default:
				p.report(ClassGeneral, "Unknown protocol %s - ignoring", s)
			}
		}),
		kw("ha_suspend", func(p *pass, l *line) { c.curVS().hasuspend = true }),
		kw("smtp_alert", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid virtual_server smtp_alert parameter %s"); ok {
				c.curVS().m.SMTPAlert = tri(b)
			}
		}),
		kw("virtualhost", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "virtual server virtualhost missing")
				return
			}
			c.curVS().m.VirtualHost = l.words[1]
		}),
		kw("snmp_name", func(p *pass, l *line) {
			if l.n() != 2 {
				p.report(ClassGeneral, "virtual server snmp_name missing or extra parameters")
				return
			}
			c.curVS().m.SNMPName = l.words[1]
		}),
		kw("alpha", func(p *pass, l *line) { c.curVS().m.Alpha = true }),
		kw("omega", func(p *pass, l *line) { c.curVS().m.Omega = true }),
		kw("quorum_up", func(p *pass, l *line) { c.quorumScript(p, l, "quorum_up", &c.curVS().m.QuorumUp) }),
		kw("quorum_down", func(p *pass, l *line) { c.quorumScript(p, l, "quorum_down", &c.curVS().m.QuorumDown) }),
		kw("quorum", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "Quorum %s must be in [1, %d]. Setting to 1.", l.slot(1), uint64(math.MaxUint32))
				v = 1
			}
			c.curVS().quorum = v
		}),
		kw("hysteresis", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "Hysteresis %s must be in [0, %d] - ignoring", l.slot(1), uint64(math.MaxUint32))
				return
			}
			c.curVS().hyster = v
		}),
		kw("weight", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "Virtual server weight %s is outside range 1-%d", l.slot(1), math.MaxInt32)
				return
			}
			c.curVS().weight = int64(v)
		}),
		kw("sorry_server", c.sorryServer),
		kw("sorry_server_inhibit", func(p *pass, l *line) {
			vs := c.curVS()
			if vs.ssvr == nil {
				p.report(ClassGeneral, "Ignoring sorry_server inhibit used before or without sorry_server")
				return
			}
			vs.ssvr.inhibit = True
		}),
		kw("sorry_server_lvs_method", func(p *pass, l *line) {
			vs := c.curVS()
			if vs.ssvr == nil {
				p.report(ClassGeneral, "sorry_server forwarding used without sorry_server")
				return
			}
			c.forwarding(p, l, &vs.ssvr.fwd, "sorry")
		}),
		block("real_server", c.rsStart, c.rsEnd, c.rsKeywords()...),
		// Obsolete since keepalived 1.x and refused by 2.2.7: it never
		// had an effect; hakeep accepts it with a warning.
		kw("nat_mask", func(p *pass, l *line) {
			p.report(ClassGeneral, "nat_mask is obsolete and has no effect - ignoring")
		}),
	)
	return kws
}

// optBool reads an optional on/off word; no word means true.
func optBool(p *pass, l *line, invalid string) (bool, bool) {
	if l.n() < 2 {
		return true, true
	}
	b, ok := trueFalse(l.words[1])
	if !ok {
		p.report(ClassGeneral, invalid, l.words[1])
	}
	return b, ok
}

func (c *lvsReader) ipFamily(p *pass, l *line) {
	vs := c.curVS()
	var af int
	switch s := l.slot(1); s {
	case "inet":
		af = 4
	case "inet6":
		af = 6
	default:
		p.report(ClassGeneral, "unknown address family %s", s)
		return
	}
	if vs.af != 0 && af != vs.af {
		p.report(ClassGeneral, "Virtual server specified family %s conflicts with server family", l.words[1])
		return
	}
	vs.af = af
}

func (c *lvsReader) scheduler(p *pass, l *line) {
	vs := c.curVS()
	s := l.slot(1)
	switch s {
	case "rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos":
		vs.sched = s
	default:
		p.report(ClassGeneral, "Invalid lvs_scheduler '%s' - ignoring", s)
	}
}

// flag is the scheduler flag keywords (lbflags_handler): "hashed" sets
// nothing, and with a scheduler other than sh or mh it and the sh/mh
// flags are refused.
func (c *lvsReader) flag(p *pass, l *line) {
	vs := c.curVS()
	f := l.words[0]
	switch {
	case f == "ops":
		vs.ops = true
		vs.m.Flags = append(vs.m.Flags, f)
	case f == "flag-1" || f == "flag-2" || f == "flag-3":
		vs.m.Flags = append(vs.m.Flags, f)
	case vs.sched == "sh":
		if f == "sh-port" || f == "sh-fallback" {
			vs.m.Flags = append(vs.m.Flags, f)
		}
	case vs.sched == "mh":
		if f == "mh-port" || f == "mh-fallback" {
			vs.m.Flags = append(vs.m.Flags, f)
		}
	default:
		p.report(ClassGeneral, "%s only applies to sh scheduler - ignoring", f)
	}
}

// forwarding reads NAT, DR or TUN [type ipip|gue|gre] [port N] [csum...].
func (c *lvsReader) forwarding(p *pass, l *line, dst *Forwarding, kind string) {
	m := l.slot(1)
	switch m {
	case "NAT", "DR", "TUN":
	default:
		p.report(ClassGeneral, "PARSER : unknown [%s] routing method for %s server.", m, kind)
		return
	}
	f := Forwarding{Method: m, TunnelType: dst.TunnelType, TunnelPort: dst.TunnelPort, Checksum: dst.Checksum}
	tun, csum := "ipip", "nocsum"
	var port uint64
	for i := 2; i < l.n(); i++ {
		switch w := l.words[i]; w {
		case "type":
			if i+1 == l.n() {
				p.report(ClassGeneral, "Missing tunnel type for %s server.", kind)
				dst.Method = m
				return
			}
			switch t := l.words[i+1]; t {
			case "ipip", "gue", "gre":
				tun = t
			default:
				p.report(ClassGeneral, "Unknown tunnel type %s for %s server.", t, kind)
				dst.Method = m
				return
			}
			i++
		case "port":
			if i+1 == l.n() {
				p.report(ClassGeneral, "Missing port for %s server gue tunnel.", kind)
				dst.Method = m
				return
			}
			v, ok := p.readUnsigned(l.words[i+1], 1, 65535, false)
			if !ok {
				p.report(ClassGeneral, "Invalid gue tunnel port %s for %s server.", l.words[i+1], kind)
				dst.Method = m
				return
			}
			port = v
			i++
		case "nocsum", "csum", "remcsum":
			csum = w
		default:
			p.report(ClassGeneral, "Invalid tunnel option %s for %s server.", w, kind)
			dst.Method = m
			return
		}
	}
	if (tun == "gue") != (port != 0) {
		p.report(ClassGeneral, "gue tunnels require port, otherwise cannot have port.")
		dst.Method = m
		return
	}
	if tun == "ipip" && csum != "nocsum" {
		p.report(ClassGeneral, "ipip tunnels do not support checksum option.")
		dst.Method = m
		return
	}
	if tun == "gre" && csum == "remcsum" {
		p.report(ClassGeneral, "gre tunnels do not support remote checksum option.")
		dst.Method = m
		return
	}
	f.TunnelType, f.TunnelPort, f.Checksum = tun, uint16(port), csum
	*dst = f
}

func (c *lvsReader) granularity(p *pass, l *line) {
	vs := c.curVS()
	s := l.slot(1)
	af := vs.af
	if af == 0 {
		af = 6
		if strings.Contains(s, ".") {
			af = 4
		}
	}
	if af == 6 {
		if _, ok := p.readUnsigned(s, 1, 128, false); !ok {
			p.report(ClassGeneral, "Invalid IPv6 persistence_granularity specified - %s", s)
			return
		}
	} else if _, ok := inetAton(s); !ok {
		// getaddrinfo(AI_NUMERICHOST, AF_INET) reads it with inet_aton.
		p.report(ClassGeneral, "Invalid IPv4 persistence_granularity specified - %s", s)
		return
	}
	vs.m.PersistenceGranularity = s
	if vs.af == 0 {
		vs.af = af
	}
	if vs.persist == 0 {
		vs.persist = 360
	}
}

func (c *lvsReader) quorumScript(p *pass, l *line, name string, dst **Script) {
	vs := c.curVS()
	if *dst != nil {
		p.report(ClassGeneral, "(%s) %s script already specified - ignoring %s", cNull(vs.vsgname, vs.vsgname != ""), name, l.slot(1))
		return
	}
	*dst = p.notifyScript(l, 0, "quorum")
}

func (c *lvsReader) sorryServer(p *pass, l *line) {
	vs := c.curVS()
	ip, port := l.slot(1), l.opt(2)
	if strings.Trim(port, "0") == "" {
		port = ""
	}
	a, ok := p.sockaddr(ip, port)
	if !ok {
		p.report(ClassGeneral, "Invalid sorry server IP address %s - skipping", ip)
		return
	}
	w := int64(1)
	vs.ssvr = &vrserver{addr: a, fwd: vs.fwd, weight: &w}
}

// rsStart is rs_handler / alloc_rs().
func (c *lvsReader) rsStart(p *pass, l *line) {
	vs := c.curVS()
	ip, port := l.slot(1), l.opt(2)
	pstr := port
	if strings.Trim(port, "0") == "" {
		pstr = ""
	}
	a, ok := p.sockaddr(ip, pstr)
	if !ok {
		p.report(ClassGeneral, "Invalid real server ip address/port %s/%s - skipping", ip, cNull(port, l.n() >= 3))
		p.skipBlock(true)
		return
	}
	vs.rs = append(vs.rs, &vrserver{addr: a, fwd: vs.fwd})
}

// cNull renders a possibly missing C string the way glibc's printf does.
func cNull(s string, present bool) string {
	if !present {
		return "(null)"
	}
	return s
}

// rsEnd is rs_end_handler(): a real server's family must be the virtual
// server's, unless it is tunnelled.
func (c *lvsReader) rsEnd(p *pass) {
	if len(c.vss) == 0 {
		return
	}
	vs := c.curVS()
	if len(vs.rs) == 0 {
		return
	}
	rs := vs.rs[len(vs.rs)-1]
	if rs.fwd.Method == "TUN" {
		return
	}
	f := family(rs.addr.Addr())
	if vs.af == 0 {
		vs.af = f
	} else if vs.af != f {
		p.report(ClassGeneral, "Address family of virtual server and real server %s don't match - skipping real server.", rs.addr.Addr())
		vs.rs = vs.rs[:len(vs.rs)-1]
	}
}

func (c *lvsReader) rsKeywords() []*keyword {
	rsTimer := func(name, errf string, min, max uint64, set func(rs *vrserver, v uint64)) *keyword {
		return kw(name, func(p *pass, l *line) {
			v, ok := p.readTimer(l.slot(1), min, max, true)
			if !ok {
				p.report(ClassGeneral, errf, l.slot(1))
				return
			}
			set(c.curRS(), v)
		})
	}
	threshold := func(name string, set func(rs *vrserver, v uint32)) *keyword {
		return kw(name, func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "Invalid real_server %s '%s' - ignoring", name, l.slot(1))
				return
			}
			set(c.curRS(), uint32(v))
		})
	}
	notify := func(name string, get func(rs *vrserver) **Script) *keyword {
		return kw(name, func(p *pass, l *line) {
			dst := get(c.curRS())
			if *dst != nil {
				p.report(ClassGeneral, "(%s) %s script already specified - ignoring %s", cNull(c.curVS().vsgname, c.curVS().vsgname != ""), name, l.slot(1))
				return
			}
			*dst = p.notifyScript(l, 0, "notify")
		})
	}
	kws := []*keyword{
		kw("weight", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "Real server weight %s is outside range 0-%d", l.slot(1), math.MaxInt32)
				return
			}
			w := int64(v)
			c.curRS().weight = &w
		}),
		kw("lvs_method", func(p *pass, l *line) { rs := c.curRS(); c.forwarding(p, l, &rs.fwd, "real") }),
		threshold("uthreshold", func(rs *vrserver, v uint32) { rs.m.UThreshold = &v }),
		threshold("lthreshold", func(rs *vrserver, v uint32) { rs.m.LThreshold = &v }),
		kw("inhibit_on_failure", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid inhibit_on_failure parameter %s"); ok {
				c.curRS().inhibit = tri(b)
			}
		}),
		notify("notify_up", func(rs *vrserver) **Script { return &rs.m.NotifyUp }),
		notify("notify_down", func(rs *vrserver) **Script { return &rs.m.NotifyDown }),
		kw("alpha", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid alpha parameter %s"); ok {
				c.curRS().alpha = tri(b)
			}
		}),
		kw("retry", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, math.MaxUint32, false)
			if !ok {
				p.report(ClassGeneral, "retry value invalid - %s", l.slot(1))
				return
			}
			c.curRS().retry = &v
		}),
		rsTimer("delay_before_retry", "real server delay_before_retry '%s' invalid - ignoring", 0, 0, func(rs *vrserver, v uint64) { rs.delayBeforeRetry = &v }),
		rsTimer("warmup", "real server warmup '%s' invalid - ignoring", 0, 0, func(rs *vrserver, v uint64) { rs.warmup = &v }),
		rsTimer("connect_timeout", "real server connect_timeout %s invalid - ignoring", 1, math.MaxUint32, func(rs *vrserver, v uint64) { rs.connTO = &v }),
		rsTimer("delay_loop", "real server delay_loop '%s' invalid - ignoring", 1, 0, func(rs *vrserver, v uint64) { rs.delayLoop = &v }),
		kw("smtp_alert", func(p *pass, l *line) {
			if b, ok := optBool(p, l, "Invalid real_server smtp_alert parameter %s"); ok {
				c.curRS().m.SMTPAlert = tri(b)
			}
		}),
		kw("virtualhost", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "real server virtualhost missing")
				return
			}
			c.curRS().m.VirtualHost = l.words[1]
		}),
		kw("snmp_name", func(p *pass, l *line) {
			if l.n() != 2 {
				p.report(ClassGeneral, "real server snmp_name missing or extra parameters")
				return
			}
			c.curRS().m.SNMPName = l.words[1]
		}),
	}
	return append(kws, c.checkerKeywords()...)
}

// fmtAddr is inet_sockaddrtos(): the address alone.
func fmtAddr(a netip.AddrPort) string { return a.Addr().String() }

// fmtVS is format_vs(): how checker messages name a virtual server.
func (vs *vserver) String() string {
	switch {
	case vs.vsgname != "":
		return fmt.Sprintf("[%s]:%d", vs.vsgname, vs.addr.Port())
	case vs.fwmark != nil:
		return fmt.Sprintf("FWM %d", *vs.fwmark)
	}
	return trio(vs.addr, vs.proto)
}

// trio is inet_sockaddrtotrio(): [address]:protocol:port.
func trio(a netip.AddrPort, proto int) string {
	ps := map[int]string{6: "tcp", 17: "udp", 132: "sctp", 0: "none"}[proto]
	if ps == "" {
		ps = "?"
	}
	addr := "0.0.0.0"
	if a.Addr().IsValid() {
		addr = a.Addr().String()
	}
	return fmt.Sprintf("[%s]:%s:%d", addr, ps, a.Port())
}

func durationUS(v uint64) time.Duration { return time.Duration(v) * time.Microsecond }

func itoa(n int) string { return strconv.Itoa(n) }
