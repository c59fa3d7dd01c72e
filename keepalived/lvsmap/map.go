// Package lvsmap turns the LVS side of a checked keepalived.conf
// (keepalived/config's model, with keepalived's checks applied) into the
// IPVS engine's configuration (hakeep/ipvs/lvs): virtual servers with
// their addresses, groups, scheduler, flags and persistence; real servers
// with their forwarding; checkers with the settings they inherit from
// their real and virtual servers and keepalived's per-checker defaults
// (check_data.c's validate_check_config()).
package lvsmap

import (
	"encoding/hex"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"hakeep/ipvs"
	"hakeep/ipvs/lvs"
	"hakeep/keepalived/config"
)

// Result is the engine's configuration and what could not be mapped.
type Result struct {
	Config lvs.Config
	// SyncDaemonInstance is the VRRP instance lvs_sync_daemon follows;
	// the VRRP side runs the daemons then (SyncDaemon is in Config
	// otherwise).
	SyncDaemonInstance string
	SyncDaemon         *ipvs.Daemon
	// Skipped names what the engine does not run, one line each, for
	// the daemon to log.
	Skipped []string
}

// Defaults of keepalived 2.2.7 (check_api.c, check_data.c).
const (
	defaultDelayLoop      = 60 * time.Second // KEEPALIVED_DEFAULT_DELAY
	defaultConnectTimeout = 5 * time.Second
)

// Map maps the model.
func Map(c *config.Config) Result {
	m := mapper{c: c, groups: map[string]*lvs.Group{}, groupUse: map[string]int{}}
	g := c.Global
	m.out.Config.Timeouts = ipvs.Timeouts{TCP: g.LVSTimeouts.TCP, TCPFin: g.LVSTimeouts.TCPFin, UDP: g.LVSTimeouts.UDP}
	if d := g.LVSSyncDaemon; d != nil {
		sd := &ipvs.Daemon{Interface: d.Interface, MaxLen: d.MaxLen, Port: d.Port, TTL: d.TTL, Group: d.Group}
		if d.SyncID != nil {
			sd.SyncID = uint32(*d.SyncID)
		}
		m.out.SyncDaemon = sd
		if d.Instance != "" {
			m.out.SyncDaemonInstance = d.Instance
		} else {
			m.out.Config.SyncDaemon = sd
		}
	}
	m.out.Config.Flush = g.LVSFlush
	switch g.LVSFlushOnStop {
	case "full":
		m.out.Config.FlushOnStop = lvs.FlushFull
	case "VS":
		m.out.Config.FlushOnStop = lvs.FlushVS
	}
	m.out.Config.LogAllFailures = g.CheckerLogAllFailures
	m.out.Config.RSInitNotifies = g.RSInitNotifies
	m.out.Config.NoCheckerEmails = g.NoCheckerEmails
	for _, grp := range c.LVS.VirtualServerGroups {
		m.groups[grp.Name] = group(grp)
	}
	for _, vs := range c.LVS.VirtualServers {
		m.out.Config.VirtualServers = append(m.out.Config.VirtualServers, m.virtualServer(vs))
	}
	return m.out
}

type mapper struct {
	c        *config.Config
	out      Result
	groups   map[string]*lvs.Group
	groupUse map[string]int
}

func (m *mapper) skip(what string) { m.out.Skipped = append(m.out.Skipped, what) }

func family(f int) ipvs.Family {
	switch f {
	case 4:
		return ipvs.IPv4
	case 6:
		return ipvs.IPv6
	}
	return 0
}

func group(g *config.VirtualServerGroup) *lvs.Group {
	out := &lvs.Group{Name: g.Name}
	for _, e := range g.Entries {
		ge := lvs.GroupEntry{From: e.From, To: e.To, Port: e.Port, Family: family(e.Family)}
		if e.Fwmark != nil {
			ge.FWMark = *e.Fwmark
		}
		out.Entries = append(out.Entries, ge)
	}
	return out
}

func protocol(p string) ipvs.Protocol {
	switch p {
	case "TCP":
		return ipvs.TCP
	case "UDP":
		return ipvs.UDP
	case "SCTP":
		return ipvs.SCTP
	}
	return 0
}

// virtualServer maps one virtual_server.
func (m *mapper) virtualServer(v *config.VirtualServer) *lvs.VirtualServer {
	g := m.c.Global
	vs := &lvs.VirtualServer{
		Family: family(v.Family), Protocol: protocol(v.Protocol), Scheduler: v.Scheduler,
		Timeout: uint32(v.PersistenceTimeout / time.Second), PE: v.PersistenceEngine,
		HASuspend: v.HASuspend, Omega: v.Omega, Quorum: int64(v.Quorum), Hysteresis: int64(v.Hysteresis),
		QuorumUp: script(v.QuorumUp), QuorumDown: script(v.QuorumDown),
		SMTPAlert: v.SMTPAlert.Bool(checkerAlertDefault(g, false)),
		DelayLoop: v.DelayLoop,
	}
	switch {
	case v.Group != "":
		vs.Group = m.groups[v.Group]
		vs.GroupIndex = m.groupUse[v.Group]
		m.groupUse[v.Group]++
	case v.Fwmark != nil:
		vs.FWMark = *v.Fwmark
	default:
		vs.Addr = v.Addr
		if v.Addr.Addr().Is6() {
			vs.Family = ipvs.IPv6
		} else {
			vs.Family = ipvs.IPv4
		}
	}
	byAddr := vs.Group == nil && vs.FWMark == 0
	if vs.Group != nil {
		for _, e := range vs.Group.Entries {
			byAddr = byAddr || e.FWMark == 0
		}
	}
	for _, f := range v.Flags {
		switch f {
		case "ops":
			// validate_check_config() resets it unless UDP.
			if !byAddr || vs.Protocol == ipvs.UDP {
				vs.Flags |= ipvs.FlagOnePacket
			}
		case "flag-1":
			vs.Flags |= ipvs.FlagSched1
		case "flag-2":
			vs.Flags |= ipvs.FlagSched2
		case "flag-3":
			vs.Flags |= ipvs.FlagSched3
		case "sh-fallback":
			vs.Flags |= ipvs.FlagSHFallback
		case "sh-port":
			vs.Flags |= ipvs.FlagSHPort
		case "mh-fallback":
			vs.Flags |= ipvs.FlagMHFallback
		case "mh-port":
			vs.Flags |= ipvs.FlagMHPort
		}
	}
	vs.Netmask, vs.Mask4 = granularity(v.PersistenceGranularity, v.Family)
	if v.SorryServer != nil {
		vs.SorryServer = m.realServer(v, v.SorryServer, true)
	}
	for _, r := range v.RealServers {
		vs.RealServers = append(vs.RealServers, m.realServer(v, r, false))
	}
	return vs
}

// checkerAlertDefault is how smtp_alert defaults for the checker
// process: smtp_alert_checker, else smtp_alert, else def (true for real
// servers, false for virtual servers).
func checkerAlertDefault(g config.Global, def bool) bool {
	switch {
	case g.SMTPAlertCheck != config.Unset:
		return g.SMTPAlertCheck == config.True
	case g.SMTPAlert != config.Unset:
		return g.SMTPAlert == config.True
	}
	return def
}

// granularity reads persistence_granularity as keepalived does for the
// virtual server's family (af 4, 6, or 0 when the value decides): an
// IPv6 prefix length, or an IPv4 netmask as inet_aton() reads it, which
// need not be a prefix ("33" is 0.0.0.33).
func granularity(s string, af int) (prefix int, mask4 uint32) {
	if s == "" {
		return 0, 0
	}
	if af == 6 || (af == 0 && !strings.Contains(s, ".")) {
		n, _ := strconv.Atoi(s)
		return n, 0
	}
	m, ok := inetAton(s)
	if !ok {
		return 0, 0
	}
	n := bits.LeadingZeros32(^m)
	if n == 32 || m == ^uint32(0)<<(32-n) {
		return n, 0
	}
	return 0, m
}

// inetAton is inet_aton(): one to four parts in decimal, octal (0) or
// hex (0x), the last filling the remaining bytes.
func inetAton(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, false
	}
	var vals []uint64
	for _, p := range parts {
		v, err := strconv.ParseUint(p, 0, 32)
		if err != nil || p == "" {
			return 0, false
		}
		vals = append(vals, v)
	}
	var out uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 255 {
			return 0, false
		}
		out |= v << (24 - 8*i)
	}
	last := vals[len(vals)-1]
	if last >= 1<<(32-8*(len(vals)-1)) {
		return 0, false
	}
	return uint32(out | last), true
}

func script(s *config.Script) *lvs.Script {
	if s == nil || s.Disabled {
		return nil
	}
	return &lvs.Script{Args: s.Args, UID: s.UID, GID: s.GID}
}

// forwarding maps lvs_method.
func forwarding(f config.Forwarding) (ipvs.FwdMethod, ipvs.TunnelType, uint16, ipvs.TunnelFlags) {
	var m ipvs.FwdMethod
	switch f.Method {
	case "DR":
		m = ipvs.DRoute
	case "TUN":
		m = ipvs.Tunnel
	default:
		return ipvs.Masq, 0, 0, 0
	}
	if m != ipvs.Tunnel {
		return m, 0, 0, 0
	}
	var t ipvs.TunnelType
	switch f.TunnelType {
	case "gue":
		t = ipvs.TunnelGUE
	case "gre":
		t = ipvs.TunnelGRE
	}
	var fl ipvs.TunnelFlags
	switch f.Checksum {
	case "csum":
		fl = ipvs.TunnelCsum
	case "remcsum":
		fl = ipvs.TunnelRemCsum
	}
	return m, t, f.TunnelPort, fl
}

// realServer maps a real_server (or the sorry_server).
func (m *mapper) realServer(v *config.VirtualServer, r *config.RealServer, sorry bool) *lvs.RealServer {
	rs := &lvs.RealServer{Addr: r.Addr, Weight: int64(r.Weight), NotifyUp: script(r.NotifyUp), NotifyDown: script(r.NotifyDown)}
	rs.Method, rs.TunnelType, rs.TunnelPort, rs.TunnelFlags = forwarding(r.Forwarding)
	if r.UThreshold != nil {
		rs.UThreshold = *r.UThreshold
	}
	if r.LThreshold != nil {
		rs.LThreshold = *r.LThreshold
	}
	if sorry {
		rs.Inhibit = r.Inhibit == config.True
		return rs
	}
	rs.Inhibit = r.Inhibit.Bool(v.Inhibit)
	rs.SMTPAlert = r.SMTPAlert.Bool(checkerAlertDefault(m.c.Global, true))
	for _, ck := range r.Checkers {
		if ck.Type == "SMTP_CHECK" && ck.SMTP != nil {
			// Each deprecated host block is a checker of its own.
			for _, h := range ck.SMTP.Hosts {
				hc := *ck
				hc.ConnectIP, hc.ConnectPort, hc.BindTo, hc.BindPort, hc.BindIf, hc.Fwmark = h.ConnectIP, h.ConnectPort, h.BindTo, h.BindPort, h.BindIf, h.Fwmark
				if h.ConnectTimeout != nil {
					hc.ConnectTimeout = h.ConnectTimeout
				}
				if c := m.checker(v, r, &hc); c != nil {
					rs.Checkers = append(rs.Checkers, c)
				}
			}
		}
		if c := m.checker(v, r, ck); c != nil {
			rs.Checkers = append(rs.Checkers, c)
		}
	}
	return rs
}

// checkerType maps a checker keyword.
func checkerType(t string) (lvs.CheckerType, bool) {
	switch t {
	case "TCP_CHECK":
		return lvs.TCPCheck, true
	case "HTTP_GET":
		return lvs.HTTPGet, true
	case "SSL_GET":
		return lvs.SSLGet, true
	case "MISC_CHECK":
		return lvs.MiscCheck, true
	case "SMTP_CHECK":
		return lvs.SMTPCheck, true
	case "DNS_CHECK":
		return lvs.DNSCheck, true
	case "UDP_CHECK":
		return lvs.UDPCheck, true
	case "PING_CHECK":
		return lvs.PingCheck, true
	case "FILE_CHECK":
		return lvs.FileCheck, true
	}
	return 0, false
}

// pick is the first set duration, else def.
func pick(def time.Duration, ds ...*time.Duration) time.Duration {
	for _, d := range ds {
		if d != nil {
			return *d
		}
	}
	return def
}

// checker maps one checker with its inherited settings.
func (m *mapper) checker(v *config.VirtualServer, r *config.RealServer, ck *config.Checker) *lvs.Checker {
	t, ok := checkerType(ck.Type)
	if !ok {
		m.skip(ck.Type + " on real server " + r.Addr.String())
		return nil
	}
	out := &lvs.Checker{Type: t}
	if t == lvs.FileCheck {
		return m.fileCheck(ck, out)
	}
	// validate_check_config(): the real server inherits from the virtual
	// server, the checker from the real server, then the checker type's
	// own defaults apply.
	out.Alpha = ck.Alpha.Bool(r.Alpha.Bool(v.Alpha))
	defRetry, defDBR := 1, time.Second
	switch t {
	case lvs.MiscCheck:
		defRetry = 0
	case lvs.DNSCheck:
		defRetry, defDBR = 3, 0
	case lvs.HTTPGet, lvs.SSLGet:
		defDBR = 3 * time.Second
	}
	switch {
	case ck.Retry != nil:
		out.Retry = *ck.Retry
	case r.Retry != nil:
		out.Retry = *r.Retry
	case v.Retry != nil:
		out.Retry = *v.Retry
	default:
		out.Retry = defRetry
	}
	vsLoop := v.DelayLoop
	if vsLoop == 0 {
		vsLoop = defaultDelayLoop
	}
	out.DelayLoop = pick(vsLoop, ck.DelayLoop, r.DelayLoop)
	out.Warmup = pick(out.DelayLoop, ck.Warmup, r.Warmup, v.Warmup)
	if defDBR == 0 {
		defDBR = out.DelayLoop
	}
	out.DelayBeforeRetry = pick(defDBR, ck.DelayBeforeRetry, r.DelayBeforeRetry, v.DelayBeforeRetry)
	out.LogAllFailures = ck.LogAllFailures
	vsTO := v.ConnectTimeout
	if vsTO == 0 {
		vsTO = defaultConnectTimeout
	}
	// The checker connects to the real server unless told otherwise.
	dst := r.Addr
	if ck.ConnectIP.IsValid() {
		dst = netip.AddrPortFrom(ck.ConnectIP, dst.Port())
	}
	if ck.ConnectPort != 0 {
		dst = netip.AddrPortFrom(dst.Addr(), ck.ConnectPort)
	}
	out.Conn = lvs.Conn{Dst: dst, BindTo: ck.BindTo, BindPort: ck.BindPort, BindIf: ck.BindIf, FWMark: ck.Fwmark,
		Timeout: pick(vsTO, ck.ConnectTimeout, r.ConnectTimeout)}
	switch t {
	case lvs.HTTPGet, lvs.SSLGet:
		out.HTTP = m.http(v, r, ck)
	case lvs.MiscCheck:
		if ck.Misc == nil || ck.Misc.Script == nil || ck.Misc.Script.Disabled {
			return nil
		}
		s := ck.Misc.Script
		out.Misc = &lvs.MiscConfig{Script: lvs.Script{Args: s.Args, UID: s.UID, GID: s.GID}, Timeout: ck.Misc.Timeout, Dynamic: ck.Misc.Dynamic}
	case lvs.SMTPCheck:
		out.SMTP = &lvs.SMTPConfig{HeloName: "smtpchecker.keepalived.org"}
		if ck.SMTP != nil && ck.SMTP.HeloName != "" {
			out.SMTP.HeloName = ck.SMTP.HeloName
		}
	case lvs.DNSCheck:
		out.DNS = &lvs.DNSConfig{Type: 6, Name: "."}
		if d := ck.DNS; d != nil {
			if d.Type != "" {
				out.DNS.Type = dnsTypes[d.Type]
			}
			if d.Name != "" {
				out.DNS.Name = d.Name
			}
		}
	case lvs.UDPCheck:
		out.UDP = &lvs.UDPConfig{MaxReplyLength: 255}
		if u := ck.UDP; u != nil {
			out.UDP = &lvs.UDPConfig{Payload: u.Payload, RequireReply: u.RequireReply, Reply: u.Reply, ReplyMask: u.ReplyMask,
				MinReplyLength: u.MinReplyLength, MaxReplyLength: u.MaxReplyLength}
		}
	}
	return out
}

// dnsTypes are DNS_CHECK's types (check_dns.c).
var dnsTypes = map[string]uint16{"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28, "RRSIG": 46, "DNSKEY": 48}

// fileCheck maps a FILE_CHECK: the track file and the weight it gives,
// the track_file's own when the FILE_CHECK has none.
func (m *mapper) fileCheck(ck *config.Checker, out *lvs.Checker) *lvs.Checker {
	f := ck.File
	if f == nil {
		return nil
	}
	for _, tf := range m.c.LVS.TrackFiles {
		if tf.Name != f.TrackFile {
			continue
		}
		out.File = &lvs.FileConfig{Name: tf.Name, Path: tf.Path, Weight: int64(tf.Weight), Reverse: tf.Reverse}
		if f.Weight != nil {
			out.File.Weight, out.File.Reverse = int64(*f.Weight), f.Reverse
		}
		return out
	}
	return nil
}

// http maps HTTP_GET and SSL_GET.
func (m *mapper) http(v *config.VirtualServer, r *config.RealServer, ck *config.Checker) *lvs.HTTPConfig {
	h := ck.HTTP
	out := &lvs.HTTPConfig{Protocol: h.Protocol, EnableSNI: h.EnableSNI, FastRecovery: h.FastRecovery}
	// http_request_thread(): the url's virtualhost, else the checker's,
	// the real server's, the virtual server's.
	for _, vh := range []string{h.VirtualHost, r.VirtualHost, v.VirtualHost} {
		if vh != "" {
			out.VirtualHost = vh
			break
		}
	}
	for _, vh := range []string{h.VirtualHost, v.VirtualHost} {
		if vh != "" {
			out.SNIHost = vh
			break
		}
	}
	if s := m.c.LVS.SSL; s != nil {
		out.TLS = &lvs.TLSFiles{Password: s.Password, CA: s.CA, Certificate: s.Certificate, Key: s.Key}
	}
	for _, u := range h.URLs {
		url := &lvs.URL{Path: u.Path, VirtualHost: u.VirtualHost, RegexNoMatch: u.RegexNoMatch, RegexMinOffset: u.RegexMinOffset}
		if u.RegexMaxOffset != 0 {
			// The offset is the last at which a match may start.
			url.RegexMaxOffset = u.RegexMaxOffset + 1
		}
		if d, err := hex.DecodeString(u.Digest); err == nil && len(d) == 16 {
			url.Digest = d
		}
		for _, s := range u.StatusCodes {
			lo, hi, _ := strings.Cut(s, "-")
			a, _ := strconv.Atoi(lo)
			b := a
			if hi != "" {
				b, _ = strconv.Atoi(hi)
			}
			url.Status = append(url.Status, lvs.StatusRange{From: a, To: b})
		}
		if u.Regex != "" {
			re, err := compileRegex(u.Regex, u.RegexOptions)
			if err != nil {
				m.skip("regex '" + u.Regex + "' of url " + u.Path + " on real server " + r.Addr.String() + ": " + err.Error())
			}
			url.Regex = re
		}
		out.URLs = append(out.URLs, url)
	}
	return out
}
