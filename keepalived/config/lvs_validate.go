package config

import (
	"net/netip"
	"time"
)

// linkGroups is link_vsg_to_vs(): virtual servers naming a group get it,
// and lose it when the group is missing or of another family (keepalived
// only logs these).
func (c *lvsReader) linkGroups(p *pass) {
	var kept []*vserver
	for _, vs := range c.vss {
		if vs.vsgname == "" {
			kept = append(kept, vs)
			continue
		}
		for _, g := range c.vsgs {
			if g.m.Name == vs.vsgname {
				vs.vsg = g
				break
			}
		}
		g := vs.vsg
		if g == nil {
			p.logf("Virtual server group %s specified but not configured - ignoring virtual server %s", vs.vsgname, vs)
			c.dropCheckers(vs)
			continue
		}
		gaf := 0
		if g.haveV4 != g.haveV6 {
			gaf = 6
			if g.haveV4 {
				gaf = 4
			}
		}
		switch {
		case g.haveV4 && g.haveV6 && vs.af != 0:
			p.logf("%s: virtual server group with IPv4 & IPv6 doesn't match virtual server %s - ignoring", vs.vsgname, vs)
			c.dropCheckers(vs)
			continue
		case (g.haveV4 && vs.af == 6) || (g.haveV6 && vs.af == 4):
			p.logf("%s: address family doesn't match virtual server %s - ignoring", vs.vsgname, vs)
			c.dropCheckers(vs)
			continue
		case gaf != 0:
			if vs.af == 0 {
				vs.af = gaf
			} else if gaf != vs.af {
				p.logf("%s: address family doesn't match virtual server %s - ignoring", vs.vsgname, vs)
				c.dropCheckers(vs)
				continue
			}
		case vs.af == 0 && g.fwNoFam:
			p.logf("%s: Virtual server %s address family cannot be determined, defaulting to IPv4", vs.vsgname, vs)
		}
		kept = append(kept, vs)
	}
	c.vss = kept
}

func (c *lvsReader) dropCheckers(vs *vserver) {
	var kept []*vchecker
	for _, ch := range c.checkers {
		if ch.vs != vs {
			kept = append(kept, ch)
		}
	}
	c.checkers = kept
}

// validate is validate_check_config() (check_data.c).
func (c *lvsReader) validate(p *pass) {
	var kept []*vserver
	for _, vs := range c.vss {
		if len(vs.rs) == 0 {
			p.report(ClassGeneral, "Virtual server %s has no real servers - ignoring", vs)
			c.dropCheckers(vs)
			continue
		}
		kept = append(kept, vs)
		marks := vs.fwmark != nil || (vs.vsg != nil && vs.vsg.marks > 0)
		if vs.hasuspend && marks {
			p.report(ClassGeneral, "Virtual server %s: cannot use ha_suspend with fwmarks - clearing ha_suspend", vs)
			vs.hasuspend = false
		}
		byAddr := (vs.vsg != nil && vs.vsg.addrs > 0) || (vs.vsg == nil && vs.fwmark == nil)
		if byAddr {
			if vs.proto == 0 {
				p.report(ClassGeneral, "Virtual server %s: no protocol set - defaulting to UDP", vs)
				vs.proto = 17
			}
			if vs.ops && vs.proto != 17 {
				p.report(ClassGeneral, "Virtual server %s: one packet scheduling requires UDP - resetting", vs)
				vs.ops = false
			}
			if vs.persist == 0 && vs.vsg == nil && vs.fwmark == nil && vs.addr.Port() == 0 {
				p.report(ClassGeneral, "Virtual server %s: zero port only valid for persistent services - setting", vs)
				vs.persist = 360
			}
		}
		if vs.persist == 0 && vs.vsg != nil {
			for _, e := range vs.vsg.m.Entries {
				if e.Fwmark == nil && e.Port == 0 {
					p.report(ClassGeneral, "Virtual server %s: zero port only valid for persistent services - setting", vs)
					vs.persist = 360
					break
				}
			}
		}
		if vs.proto != 0 && ((vs.vsg != nil && vs.vsg.addrs == 0 && vs.vsg.marks > 0) || (vs.vsg == nil && vs.fwmark != nil)) {
			p.report(ClassGeneral, "Warning: Virtual server %s: protocol specified for fwmark - protocol will be ignored", vs)
			vs.proto = 0
		}
		if vs.sched == "" {
			p.report(ClassGeneral, "Virtual server %s: no scheduler set, setting default '%s'", vs, "wlc")
			vs.sched = "wlc"
		}
		var sum int64
		var rsKept []*vrserver
		for _, rs := range vs.rs {
			dup := false
			for _, o := range rsKept {
				if o.addr == rs.addr {
					p.report(ClassGeneral, "VS %s: real server %s is duplicated - removing second rs", vs, trio(rs.addr, vs.proto))
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			rsKept = append(rsKept, rs)
			if rs.fwd.Method == "" {
				if vs.fwd.Method == "" {
					p.report(ClassGeneral, "Virtual server %s: no forwarding method set, setting default NAT", vs)
					vs.fwd.Method = "NAT"
				}
				rs.fwd = vs.fwd
			}
			if rs.weight == nil {
				w := vs.weight
				rs.weight = &w
			}
			sum += *rs.weight
			if s := vs.ssvr; s != nil && s.addr == rs.addr {
				rsInhibit := rs.inhibit.Bool(vs.m.Inhibit)
				if s.inhibit.Bool(false) != rsInhibit {
					verb := "clear"
					if rsInhibit {
						verb = "sett"
					}
					p.report(ClassGeneral, "Virtual server %s: real server %s matches sorry server, but inhibit setting differs, %sing on sorry server", vs, trio(rs.addr, vs.proto), verb)
					s.inhibit = tri(rsInhibit)
				}
			}
		}
		vs.rs = rsKept
		if s := vs.ssvr; s != nil && s.fwd.Method == "" {
			if vs.fwd.Method == "" {
				p.report(ClassGeneral, "Virtual server %s: no forwarding method set, setting default NAT", vs)
				vs.fwd.Method = "NAT"
			}
			s.fwd = vs.fwd
		}
		if vs.quorum > uint64(sum) {
			p.report(ClassGeneral, "Warning - quorum %d for %s exceeds total weight of real servers %d, reducing quorum to %d", vs.quorum, vs, sum, sum)
			vs.quorum = uint64(sum)
		}
		if vs.hyster >= vs.quorum {
			// Unsigned 32-bit arithmetic: a quorum of 0 gives 4294967295.
			h := uint32(vs.quorum) - 1
			p.report(ClassGeneral, "Virtual server %s: hysteresis %d >= quorum %d; setting hysteresis to %d", vs, vs.hyster, vs.quorum, h)
			vs.hyster = uint64(h)
		}
		c.checkPorts(p, vs)
	}
	c.vss = kept
	c.scriptSecurity(p)
}

// checkPorts compares real and virtual server ports: unless NAT, they
// must match, and fwmark services take no port.
func (c *lvsReader) checkPorts(p *pass, vs *vserver) {
	if vs.vsg != nil {
		if vs.vsg.marks > 0 {
			for _, rs := range vs.rs {
				if rs.fwd.Method != "NAT" && rs.addr.Port() != 0 {
					p.report(ClassGeneral, "WARNING - fwmark virtual server %s, real server %s has port specified - port will be ignored", vs, trio(rs.addr, vs.proto))
				}
			}
			if s := vs.ssvr; s != nil && s.fwd.Method != "NAT" && s.addr.Port() != 0 {
				p.report(ClassGeneral, "WARNING - fwmark virtual server %s, sorry server has port specified - port will be ignored", vs)
			}
		}
		for _, e := range vs.vsg.m.Entries {
			if e.Fwmark != nil {
				continue
			}
			for _, rs := range vs.rs {
				if rs.fwd.Method != "NAT" && rs.addr.Port() != 0 && e.Port != rs.addr.Port() {
					p.report(ClassGeneral, "virtual server %s:[%s] and real server %s ports don't match", vs, vsgeString(e), trio(rs.addr, vs.proto))
				}
			}
			if s := vs.ssvr; s != nil && s.fwd.Method != "NAT" && s.addr.Port() != 0 && e.Port != s.addr.Port() {
				p.report(ClassGeneral, "WARNING - virtual server %s, sorry server has port specified - port will be ignored", vs)
			}
		}
		return
	}
	for _, rs := range vs.rs {
		if rs.fwd.Method == "NAT" {
			if vs.fwmark == nil && rs.addr.Port() == 0 {
				rs.addr = withPort(rs.addr, vs.addr.Port())
			}
			continue
		}
		if vs.fwmark != nil {
			if rs.addr.Port() != 0 {
				p.report(ClassGeneral, "WARNING - fwmark virtual server %s, real server %s has port specified - clearing", vs, trio(rs.addr, vs.proto))
				rs.addr = withPort(rs.addr, 0)
			}
			continue
		}
		if rs.addr.Port() == 0 {
			rs.addr = withPort(rs.addr, vs.addr.Port())
		} else if rs.addr.Port() != vs.addr.Port() {
			p.report(ClassGeneral, "WARNING - virtual server %s and real server %s ports don't match - resetting", vs, trio(rs.addr, vs.proto))
			rs.addr = withPort(rs.addr, vs.addr.Port())
		}
	}
	if s := vs.ssvr; s != nil && s.fwd.Method != "NAT" {
		if vs.fwmark != nil {
			if s.addr.Port() != 0 {
				p.report(ClassGeneral, "WARNING - virtual server %s, sorry server has port specified - clearing", vs)
				s.addr = withPort(s.addr, 0)
			}
		} else if s.addr.Port() == 0 {
			s.addr = withPort(s.addr, vs.addr.Port())
		} else if s.addr.Port() != vs.addr.Port() {
			p.report(ClassGeneral, "WARNING - virtual server %s and sorry server ports don't match - resetting", vs)
			s.addr = withPort(s.addr, vs.addr.Port())
		}
	}
}

// vsgeString is format_vsge().
func vsgeString(e VSGEntry) string {
	if e.From != e.To {
		return e.From.String() + "-" + e.To.String() + "," + itoa(int(e.Port))
	}
	return e.From.String() + "," + itoa(int(e.Port))
}

// scriptSecurity is check_check_script_security().
func (c *lvsReader) scriptSecurity(p *pass) {
	if len(c.vss) == 0 {
		return
	}
	flags := 0
	var kept []*vchecker
	for _, ch := range c.checkers {
		if ch.m.Misc == nil {
			kept = append(kept, ch)
			continue
		}
		f := p.checkScript(ch.m.Misc.Script)
		flags |= f
		switch {
		case f&scInhibit != 0:
			p.logf("Disabling misc script %s due to insecure", cmdStr(ch.m.Misc.Script))
			continue
		case f&scNotFound != 0:
			p.logf("Disabling misc script %s since not found/accessible", cmdStr(ch.m.Misc.Script))
			continue
		case f&(scExecutable|scSystem) == 0:
			continue
		}
		kept = append(kept, ch)
	}
	c.checkers = kept
	for _, vs := range c.vss {
		flags |= p.checkNotifyScript(vs.m.QuorumUp)
		flags |= p.checkNotifyScript(vs.m.QuorumDown)
		for _, rs := range vs.rs {
			flags |= p.checkNotifyScript(rs.m.NotifyUp)
			flags |= p.checkNotifyScript(rs.m.NotifyDown)
		}
	}
	for _, f := range []*NotifyFIFO{&p.cfg.Global.NotifyFIFO, &p.cfg.Global.LVSNotifyFIFO} {
		if f.Script != nil && !f.Script.Disabled {
			flags |= p.checkNotifyScript(f.Script)
		}
	}
	if !p.cfg.Global.ScriptSecurity && flags&scIsScript != 0 {
		extra := ""
		if flags&scInsecure != 0 {
			extra = " There are insecure scripts."
		}
		p.report(ClassSecurity, "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.%s", extra)
	}
}

// export fills the LVS model.
func (c *lvsReader) export(cfg *Config) {
	m := &cfg.LVS
	m.SSL = c.ssl
	m.TrackFiles = c.trackFiles.files
	m.TrackedBFDs = c.bfds
	for _, g := range c.vsgs {
		gg := g.m
		m.VirtualServerGroups = append(m.VirtualServerGroups, &gg)
	}
	byRS := map[*vrserver][]*Checker{}
	for _, ch := range c.checkers {
		ck := ch.m
		if ch.retry != nil {
			n := int(*ch.retry)
			ck.Retry = &n
		}
		ck.DelayBeforeRetry, ck.Warmup, ck.DelayLoop = durPtr(ch.delayBeforeRetry), durPtr(ch.warmup), durPtr(ch.delayLoop)
		ck.Alpha = ch.alpha
		if co := ch.co; co != nil {
			if co.dstSet {
				ck.ConnectIP = co.dst
			}
			if co.portSet {
				ck.ConnectPort = co.dstPort
			}
			ck.BindTo, ck.BindPort, ck.BindIf, ck.Fwmark = co.bindTo, co.bindPort, co.bindIf, co.fwmark
			ck.ConnectTimeout = durPtr(co.connTO)
			for _, h := range ch.hosts {
				ck.SMTP.Hosts = append(ck.SMTP.Hosts, &Checker{Type: "SMTP_CHECK", ConnectIP: h.dst, ConnectPort: h.dstPort,
					BindTo: h.bindTo, BindPort: h.bindPort, BindIf: h.bindIf, ConnectTimeout: durPtr(h.connTO), Fwmark: h.fwmark})
			}
		}
		byRS[ch.rs] = append(byRS[ch.rs], &ck)
	}
	for _, vs := range c.vss {
		v := vs.m
		v.Addr, v.Fwmark, v.Group, v.Family = vs.addr, vs.fwmark, vs.vsgname, vs.af
		v.Protocol = map[int]string{6: "TCP", 17: "UDP", 132: "SCTP"}[vs.proto]
		v.Scheduler, v.Forwarding = vs.sched, vs.fwd
		v.PersistenceTimeout = time.Duration(vs.persist) * time.Second
		v.HASuspend = vs.hasuspend
		v.Quorum, v.Hysteresis, v.Weight = int(vs.quorum), int(vs.hyster), int(vs.weight)
		v.DelayLoop, v.ConnectTimeout = durationUS(vs.delayLoop), durationUS(vs.connTO)
		v.DelayBeforeRetry, v.Warmup = durPtr(vs.delayBeforeRetry), durPtr(vs.warmup)
		if vs.retry != nil {
			n := int(*vs.retry)
			v.Retry = &n
		}
		if s := vs.ssvr; s != nil {
			v.SorryServer = s.export(nil)
		}
		for _, rs := range vs.rs {
			v.RealServers = append(v.RealServers, rs.export(byRS[rs]))
		}
		m.VirtualServers = append(m.VirtualServers, &v)
	}
}

func (rs *vrserver) export(checkers []*Checker) *RealServer {
	r := rs.m
	r.Addr, r.Forwarding, r.Inhibit, r.Alpha = rs.addr, rs.fwd, rs.inhibit, rs.alpha
	if rs.weight != nil {
		r.Weight = int(*rs.weight)
	}
	if rs.retry != nil {
		n := int(*rs.retry)
		r.Retry = &n
	}
	r.DelayBeforeRetry, r.Warmup, r.ConnectTimeout, r.DelayLoop = durPtr(rs.delayBeforeRetry), durPtr(rs.warmup), durPtr(rs.connTO), durPtr(rs.delayLoop)
	r.Checkers = checkers
	for _, f := range rs.files {
		ck := &Checker{Type: "FILE_CHECK", File: &FileCheck{TrackFile: f.file.Name, Weight: f.weight, Reverse: f.reverse}}
		r.Checkers = append(r.Checkers, ck)
	}
	return &r
}

func durPtr(v *uint64) *time.Duration {
	if v == nil {
		return nil
	}
	d := durationUS(*v)
	return &d
}

func withPort(a netip.AddrPort, port uint16) netip.AddrPort {
	return netip.AddrPortFrom(a.Addr(), port)
}
