// Package vrrpmap turns the VRRP side of a checked keepalived.conf
// (keepalived/config's model, with keepalived's defaults and checks
// already applied) into the VRRP engine's configuration (vrrp.Config).
//
// What the engine does not run yet (routes and rules with options it
// does not install, use_ipvlan, track_bfd, vrf) keeps
// its "not yet" status in keepalived/config/status.go; Map reports each
// such setting it meets in Result.Skipped, which the daemon logs.
package vrrpmap

import (
	"net"
	"net/netip"
	"strconv"
	"time"

	"hakeep/keepalived/config"
	"hakeep/vrrp"
	"hakeep/vrrp/wire"
)

// Result is the engine configuration and what could not be mapped.
type Result struct {
	Config vrrp.Config
	// Skipped names settings the engine does not implement, one line each,
	// as "(VI_1) virtual_routes".
	Skipped []string
}

// Map maps the model.
func Map(c *config.Config) Result {
	m := mapper{c: c}
	m.out.Config.Global = m.global()
	for _, in := range c.VRRP.Instances {
		m.out.Config.Instances = append(m.out.Config.Instances, m.instance(in))
	}
	for _, g := range c.VRRP.SyncGroups {
		m.out.Config.SyncGroups = append(m.out.Config.SyncGroups, m.group(g))
	}
	m.out.Config.Static = vrrp.StaticConfig{Addresses: vips(c.VRRP.StaticAddresses),
		Routes: m.routes("", c.VRRP.StaticRoutes), Rules: m.rules("", c.VRRP.StaticRules)}
	return m.out
}

type mapper struct {
	c   *config.Config
	out Result
}

func (m *mapper) skip(name, what string) {
	if name != "" {
		what = "(" + name + ") " + what
	}
	m.out.Skipped = append(m.out.Skipped, what)
}

// delay maps an optional keepalived delay whose 0 means "none" onto the
// engine's convention (0: default, negative: none).
func delay(d *time.Duration) time.Duration {
	switch {
	case d == nil:
		return 0
	case *d == 0:
		return -1
	}
	return *d
}

func count(n *int) int {
	switch {
	case n == nil:
		return 0
	case *n == 0:
		return -1
	}
	return *n
}

func (m *mapper) global() vrrp.GlobalConfig {
	g := m.c.Global
	return vrrp.GlobalConfig{
		Version:      uint8(g.VRRPVersion),
		McastGroup4:  g.McastGroup4,
		McastGroup6:  g.McastGroup6,
		StartupDelay: g.VRRPStartupDelay,
		GARP: vrrp.GARPConfig{
			MasterDelay: delay(g.GARPMasterDelay), MasterRepeat: g.GARPMasterRepeat,
			MasterRefresh: delay(g.GARPMasterRefresh), MasterRefreshRepeat: g.GARPRefreshRepeat,
			LowerPrioDelay: delay(g.GARPLowerPrioDelay), LowerPrioRepeat: count(g.GARPLowerPrioRepeat),
			Interval: g.GARPInterval, NAInterval: g.GNAInterval,
		},
		SkipCheckAdvAddr:        g.SkipCheckAdvAddr,
		CheckUnicastSrc:         g.CheckUnicastSrc,
		HigherPrioSendAdvert:    g.HigherPrioSendAdvert.Bool(false),
		LowerPrioNoAdvert:       g.LowerPrioNoAdvert.Bool(false),
		FIFOWriteStatesOnReload: g.FIFOWriteStatesOnReload,
		LogUnknownVRIDs:         g.LogUnknownVRIDs,
	}
}

func (m *mapper) instance(in *config.Instance) vrrp.InstanceConfig {
	g := m.c.Global
	ic := vrrp.InstanceConfig{
		Name:             in.Name,
		Interface:        in.Interface,
		VRID:             uint8(in.VRID),
		Version:          uint8(in.Version),
		Priority:         uint8(in.Priority),
		AdvertInt:        in.AdvertInt,
		InitialMaster:    in.State == "MASTER",
		Nopreempt:        !in.Preempt,
		PreemptDelay:     in.PreemptDelay,
		Auth:             auth(in.AuthType, in.AuthPass),
		VIPs:             vips(in.VIPs),
		ExcludedVIPs:     vips(in.EVIPs),
		McastSrc:         in.McastSrcIP,
		UnicastSrc:       in.UnicastSrcIP,
		McastGroup:       in.McastDstIP,
		CheckUnicastSrc:  in.CheckUnicastSrc,
		DontTrackPrimary: in.DontTrackPrimary,
		Notify: vrrp.Notify{
			Master: script(in.NotifyMaster), Backup: script(in.NotifyBackup), Fault: script(in.NotifyFault),
			Stop: script(in.NotifyStop), Deleted: script(in.NotifyDeleted), DeletedSet: in.NotifyDeletedSet,
			MasterRxLowerPri: script(in.NotifyMasterRxLowerPri), Generic: script(in.Notify),
		},
		SMTPAlert:             smtpAlert(in.SMTPAlert, g),
		NotifyPriorityChanges: in.NotifyPriorityChanges.Bool(g.NotifyPriorityChanges),
		GARP: vrrp.GARPConfig{
			MasterDelay: delay(in.GARPMasterDelay), MasterRepeat: in.GARPMasterRepeat,
			MasterRefresh: delay(in.GARPMasterRefresh), MasterRefreshRepeat: in.GARPRefreshRepeat,
			LowerPrioDelay: delay(in.GARPLowerPrioDelay), LowerPrioRepeat: count(in.GARPLowerPrioRepeat),
		},
		SkipCheckAdvAddr:     in.SkipCheckAdvAddr,
		HigherPrioSendAdvert: in.HigherPrioSendAdvert.Bool(g.HigherPrioSendAdvert.Bool(false)),
		LowerPrioNoAdvert:    in.LowerPrioNoAdvert.Bool(g.LowerPrioNoAdvert.Bool(false)),
		PromoteSecondaries:   in.PromoteSecondaries,
		DownTimerAdverts:     in.DownTimerAdverts,
		Strict:               in.StrictMode == config.True,
		Accept:               in.Accept.Bool(true),
		ConfigFaults:         in.Faults,
		OldUnicastChecksum:   in.OldUnicastChecksum == "config",
	}
	for _, p := range in.UnicastPeers {
		ic.UnicastPeers = append(ic.UnicastPeers, vrrp.Peer{Addr: p.Addr, MinTTL: p.MinTTL, MaxTTL: p.MaxTTL})
	}
	if in.UnicastTTL > 0 {
		ic.UnicastTTL = uint8(in.UnicastTTL)
	}
	if ic.Strict {
		// vrrp_strict (vrrp_complete_instance): no answer to a lower
		// priority advert and no lower priority GARPs unless configured.
		if in.LowerPrioNoAdvert == config.Unset {
			ic.LowerPrioNoAdvert = true
		}
		if in.GARPLowerPrioRepeat == nil {
			ic.GARP.LowerPrioRepeat = -1
		}
		if in.GARPLowerPrioDelay == nil {
			ic.GARP.LowerPrioDelay = -1
		}
	}
	if in.UseVMAC {
		v := &vrrp.VMACConfig{Name: in.VMACName, XmitBase: in.VMACXmitBase}
		if in.VMACAddr != "" {
			if mac, err := net.ParseMAC(in.VMACAddr); err == nil {
				v.MAC = mac
			}
		}
		ic.VMAC = v
	}
	ic.TrackInterfaces, ic.TrackScripts, ic.TrackFiles, ic.TrackProcesses =
		m.tracks(in.TrackInterfaces, in.TrackScripts, in.TrackFiles, in.TrackProcesses)
	ic.Routes, ic.Rules = m.routes(in.Name, in.Routes), m.rules(in.Name, in.Rules)
	for _, s := range []struct {
		set  bool
		what string
	}{
		{in.UseIPVLAN, "use_ipvlan"}, {len(in.TrackBFDs) > 0, "track_bfd"}, {in.VRF != "", "vrf"},
		{in.UseVMACAddr, "use_vmac_addr"},
	} {
		if s.set {
			m.skip(in.Name, s.what)
		}
	}
	return ic
}

func (m *mapper) group(g *config.SyncGroup) vrrp.SyncGroupConfig {
	sg := vrrp.SyncGroupConfig{
		Name: g.Name, Instances: g.Instances,
		Notify: vrrp.Notify{Master: script(g.NotifyMaster), Backup: script(g.NotifyBackup), Fault: script(g.NotifyFault),
			Stop: script(g.NotifyStop), Generic: script(g.Notify)},
		SMTPAlert:      smtpAlert(g.SMTPAlert, m.c.Global),
		TrackingWeight: g.TrackingWeight,
	}
	sg.TrackInterfaces, sg.TrackScripts, sg.TrackFiles, sg.TrackProcesses =
		m.tracks(g.TrackInterfaces, g.TrackScripts, g.TrackFiles, g.TrackProcesses)
	if len(g.TrackBFDs) > 0 {
		m.skip(g.Name, "track_bfd")
	}
	return sg
}

func (m *mapper) tracks(ifs []config.TrackedInterface, scripts []config.TrackedScript, files []config.TrackedFile,
	procs []config.TrackedProcess) ([]vrrp.TrackInterface, []vrrp.TrackScript, []vrrp.TrackFile, []vrrp.TrackProcess) {
	var ti []vrrp.TrackInterface
	for _, t := range ifs {
		ti = append(ti, vrrp.TrackInterface{Name: t.Name, Weight: t.Weight, Reverse: t.Reverse})
	}
	var ts []vrrp.TrackScript
	for _, t := range scripts {
		for _, s := range m.c.VRRP.Scripts {
			if s.Name == t.Name && s.Script != nil && !s.Script.Disabled {
				ts = append(ts, vrrp.TrackScript{Script: vrrpScript(s), Weight: t.Weight, Reverse: t.Reverse})
			}
		}
	}
	var tf []vrrp.TrackFile
	for _, t := range files {
		for _, f := range m.c.VRRP.TrackFiles {
			if f.Name == t.Name {
				tf = append(tf, vrrp.TrackFile{Name: t.Name, Path: f.Path, Weight: t.Weight, Reverse: t.Reverse})
			}
		}
	}
	var tp []vrrp.TrackProcess
	for _, t := range procs {
		for _, p := range m.c.VRRP.TrackProcesses {
			if p.Name == t.Name {
				tp = append(tp, vrrp.TrackProcess{Process: process(p), Weight: t.Weight, Reverse: t.Reverse})
			}
		}
	}
	return ti, ts, tf, tp
}

func vrrpScript(s *config.VRRPScript) vrrp.ScriptConfig {
	return vrrp.ScriptConfig{Name: s.Name, Script: *script(s.Script), Interval: s.Interval, Timeout: s.Timeout,
		Rise: s.Rise, Fall: s.Fall, InitFail: s.InitFail}
}

func process(p *config.TrackProcess) vrrp.ProcessConfig {
	return vrrp.ProcessConfig{Name: p.Name, Process: p.Process, Params: p.Params, ParamMatch: p.ParamMatch,
		FullCommand: p.FullCommand, Quorum: p.Quorum, QuorumMax: p.QuorumMax, Delay: p.Delay,
		TerminateDelay: p.TerminateDelay, ForkDelay: p.ForkDelay}
}

// script maps a configured script; one keepalived's security checks
// disabled is not run.
func script(s *config.Script) *vrrp.Script {
	if s == nil || s.Disabled || len(s.Args) == 0 {
		return nil
	}
	return &vrrp.Script{Args: s.Args, UID: s.UID, GID: s.GID}
}

// smtpAlert resolves an instance's or group's smtp_alert as
// vrrp_complete_instance does: its own setting, else smtp_alert_vrrp,
// else smtp_alert, else off.
func smtpAlert(t config.Tri, g config.Global) bool {
	if t != config.Unset {
		return t == config.True
	}
	if g.SMTPAlertVRRP != config.Unset {
		return g.SMTPAlertVRRP == config.True
	}
	return g.SMTPAlert.Bool(false)
}

func auth(typ, pass string) vrrp.Auth {
	switch typ {
	case "PASS":
		return vrrp.Auth{Type: wire.AuthSimple, Password: pass}
	case "AH":
		return vrrp.Auth{Type: wire.AuthAH, Password: pass}
	}
	return vrrp.Auth{}
}

func vips(list []*config.IPAddress) []vrrp.VIP {
	var out []vrrp.VIP
	for _, a := range list {
		out = append(out, vip(a))
	}
	return out
}

// IFA_F_* flags (linux/if_addr.h) the address options set.
const (
	ifaNoDAD         = 0x02
	ifaHomeAddress   = 0x10
	ifaMngTmpAddr    = 0x100
	ifaNoPrefixRoute = 0x200
	ifaMcAutoJoin    = 0x400
)

func vip(a *config.IPAddress) vrrp.VIP {
	v := vrrp.VIP{Prefix: a.Addr, Dev: a.Device, Label: a.Label, Peer: a.Peer, PreferredLft: a.PreferredLft}
	v.Scope = scope(a.Scope)
	switch a.Broadcast {
	case "":
	case "+", "-":
		// ip-address(8): "+" sets the host bits, "-" clears them.
		v.Broadcast = broadcast(a.Addr, a.Broadcast == "+")
	default:
		v.Broadcast, _ = netip.ParseAddr(a.Broadcast)
	}
	for _, f := range []struct {
		on   bool
		flag uint32
	}{{a.Home, ifaHomeAddress}, {a.NoDAD, ifaNoDAD}, {a.MngTmpAddr, ifaMngTmpAddr},
		{a.NoPrefixRoute, ifaNoPrefixRoute}, {a.AutoJoin, ifaMcAutoJoin}} {
		if f.on {
			v.Flags |= f.flag
		}
	}
	return v
}

// scope is an address scope's number: a name from keepalived's defaults
// (rt_scopes) or a number; anything else is global.
func scope(s string) uint8 {
	switch s {
	case "", "global":
		return 0
	case "site":
		return 200
	case "link":
		return 253
	case "host":
		return 254
	case "nowhere":
		return 255
	}
	if n, err := strconv.ParseUint(s, 0, 8); err == nil {
		return uint8(n)
	}
	return 0
}

func broadcast(p netip.Prefix, ones bool) netip.Addr {
	a := p.Addr().As4()
	bits := p.Bits()
	for i := range 32 {
		if i < bits {
			continue
		}
		mask := byte(0x80) >> (i % 8)
		if ones {
			a[i/8] |= mask
		} else {
			a[i/8] &^= mask
		}
	}
	return netip.AddrFrom4(a)
}
