// Package dump writes keepalived 2.2.7's dump files in its formats, which
// monitoring tools parse: /tmp/keepalived.data (SIGUSR1, the VRRP
// process's view, vrrp_print.c), /tmp/keepalived_parent.data (the
// parent's global definitions), /tmp/keepalived.stats (SIGUSR2) and
// /tmp/keepalived.json (the JSON signal, vrrp_json.c).
package dump

import (
	"fmt"
	"io"
	"time"

	"hakeep/keepalived/config"
)

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func tf(b bool) string { return yesNo(b, "true", "false") }

func triStr(t config.Tri) string {
	switch t {
	case config.True:
		return "true"
	case config.False:
		return "false"
	}
	return "unset"
}

func secs(d *time.Duration, def int64) int64 {
	if d == nil {
		return def
	}
	return int64(*d / time.Second)
}

// GlobalOptions are what the global section needs besides the
// configuration.
type GlobalOptions struct {
	// VRRP is set for the VRRP process's copy, which resolves the
	// defaults it uses (default interface, lower priority GARPs); the
	// parent prints them unresolved.
	VRRP bool
	// Hostname is the default smtp_helo_name and router_id.
	Hostname string
	// DefaultInterface is the interface keepalived picks when none is
	// configured (the first one with an address).
	DefaultInterface string
	// Umask is the process umask.
	Umask int
	// ScriptUID and ScriptGID are the default script user keepalived
	// resolved (script_user, else keepalived_script, else root).
	ScriptUID, ScriptGID uint32
}

// Global writes the "------< Global definitions >------" section
// (global_data.c dump_global_data).
func Global(w io.Writer, g *config.Global, o GlobalOptions) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("------< Global definitions >------")
	ns := g.NetNamespace
	if ns == "" {
		ns = "(default)"
	}
	p(" Network namespace = %s", ns)
	ipvsNS := "(main namespace)"
	if g.NetNamespaceIPVS != nil {
		ipvsNS = *g.NetNamespaceIPVS
	}
	p(" Network namespace ipvs = %s", ipvsNS)
	if g.Instance != "" {
		p(" Instance name = %s", g.Instance)
	}
	rid := g.RouterID
	if rid == "" {
		rid = o.Hostname
	}
	p(" Router ID = %s", rid)
	if g.SMTPServer != "" {
		p(" Smtp server = %s", g.SMTPServer)
		port := g.SMTPPort
		if port == 0 {
			port = 25
		}
		p(" Smtp server port = %d", port)
		helo := g.SMTPHeloName
		if helo == "" {
			helo = o.Hostname
		}
		p(" Smtp HELO name = %s", helo)
		to := g.SMTPConnectTO
		if to == 0 {
			to = 30 * time.Second
		}
		p(" Smtp server connection timeout = %d", int64(to/time.Second))
		p(" Email notification from = %s", g.NotificationEmailFrom)
		p(" Email notification to:")
		for _, e := range g.NotificationEmail {
			p("   %s", e)
		}
	}
	p(" Default smtp_alert = %s", triStr(g.SMTPAlert))
	p(" Default smtp_alert_vrrp = %s", triStr(g.SMTPAlertVRRP))
	p(" Default smtp_alert_checker = %s", triStr(g.SMTPAlertCheck))
	p(" Checkers log all failures = %s", tf(g.CheckerLogAllFailures))
	if g.NoEmailFaults {
		p(" Send emails for fault transitions = off")
	}
	p(" No test config before reload")
	p(" Dynamic interfaces = %s", tf(g.DynamicInterfaces))
	if o.VRRP {
		di := g.DefaultInterface
		if di == "" {
			di = o.DefaultInterface
		}
		if di != "" {
			p(" Default interface = %s", di)
		}
	}
	p(" Disable local IGMP = %s", yesNo(g.DisableLocalIGMP, "yes", "no"))
	p(" LVS flush = %s", tf(g.LVSFlush))
	onStop := g.LVSFlushOnStop
	if onStop == "" {
		onStop = "disabled"
	}
	p(" LVS flush on stop = %s", onStop)
	fifo := func(what string, f config.NotifyFIFO) {
		if f.Name == "" {
			return
		}
		p(" %s notify fifo = %s, uid:gid %d:%d", what, f.Name, f.UID, f.GID)
		if f.Script != nil {
			p(" %s notify fifo script = %s, uid:gid %d:%d", what, cmdStr(f.Script.Args), f.Script.UID, f.Script.GID)
		}
	}
	fifo("Global", g.NotifyFIFO)
	fifo("VRRP", g.VRRPNotifyFIFO)
	fifo("LVS", g.LVSNotifyFIFO)
	p(" FIFO write vrrp states on reload = %s", tf(g.FIFOWriteStatesOnReload))
	p(" VRRP notify priority changes = %s", tf(g.NotifyPriorityChanges))
	g4, g6 := "224.0.0.18", "ff02::12"
	if g.McastGroup4.IsValid() {
		g4 = g.McastGroup4.String()
	}
	if g.McastGroup6.IsValid() {
		g6 = g.McastGroup6.String()
	}
	p(" VRRP IPv4 mcast group = %s", g4)
	p(" VRRP IPv6 mcast group = %s", g6)
	p(" Gratuitous ARP delay = %d", secs(g.GARPMasterDelay, 5))
	p(" Gratuitous ARP repeat = %d", orDefault(g.GARPMasterRepeat, 5))
	p(" Gratuitous ARP refresh timer = %d", secs(g.GARPMasterRefresh, 0))
	p(" Gratuitous ARP refresh repeat = %d", max(orDefault(g.GARPRefreshRepeat, 1), 0))
	// The parent prints the unset lower priority settings as the
	// unsigned -1 it keeps; the VRRP process has resolved them.
	lpDelay, lpRep := uint32(0xffffffff), uint32(0xffffffff)
	if o.VRRP {
		// The VRRP process has them follow the master delay and repeat.
		lpDelay, lpRep = uint32(secs(g.GARPMasterDelay, 5)), uint32(orDefault(g.GARPMasterRepeat, 5))
	}
	if g.GARPLowerPrioDelay != nil {
		lpDelay = uint32(*g.GARPLowerPrioDelay / time.Second)
	}
	if g.GARPLowerPrioRepeat != nil {
		lpRep = uint32(*g.GARPLowerPrioRepeat)
	}
	p(" Gratuitous ARP lower priority delay = %d", lpDelay)
	p(" Gratuitous ARP lower priority repeat = %d", lpRep)
	p(" Num adverts before down = %d", orDefault(g.DownTimerAdverts, 3))
	p(" Gratuitous ARP for each secondary VMAC = %ds", int64(g.GARPExtraIfDelay/time.Second))
	p(" Send advert after receive lower priority advert = %s", tf(!g.LowerPrioNoAdvert.Bool(false)))
	p(" Send advert after receive higher priority advert = %s", tf(g.HigherPrioSendAdvert.Bool(false)))
	p(" Gratuitous ARP interval = %f", g.GARPInterval.Seconds())
	p(" Gratuitous NA interval = %f", g.GNAInterval.Seconds())
	p(" VRRP default protocol version = %d", orDefault(g.VRRPVersion, 2))
	if g.NFTables != "" {
		p(" nftables table name = %s", g.NFTables)
	}
	p(" nftables with%s counters", yesNo(g.NFTablesCounters, "", "out"))
	p(" libnftnl version 1.2.3")
	p(" VRRP check unicast_src = %s", tf(g.CheckUnicastSrc))
	p(" VRRP skip check advert addresses = %s", tf(g.SkipCheckAdvAddr))
	p(" VRRP strict mode = %s", tf(g.VRRPStrict))
	if g.MaxAutoPriority != nil && *g.MaxAutoPriority < 0 {
		p(" Max auto priority = Disabled")
	} else {
		n := 0
		if g.MaxAutoPriority != nil {
			n = *g.MaxAutoPriority
		}
		p(" Max auto priority = %d", n)
	}
	minDelay := 1000000
	if g.MinAutoPriorityDelay != nil {
		minDelay = *g.MinAutoPriorityDelay
	}
	p(" Min auto priority delay = %d usecs", minDelay)
	for _, proc := range []string{"VRRP", "Checker", "BFD"} {
		p(" %s process priority = 0", proc)
		p(" %s don't swap = false", proc)
		p(" %s realtime priority = 0", proc)
		p(" %s realtime limit = 10000", proc)
	}
	p(" SNMP vrrp disabled")
	p(" SNMP checker disabled")
	p(" SNMP RFCv2 disabled")
	p(" SNMP RFCv3 disabled")
	p(" SNMP traps disabled")
	p(" SNMP socket = default (unix:/var/agentx/master)")
	p(" DBus disabled")
	p(" DBus service name = ")
	p(" Script security %s", yesNo(g.ScriptSecurity, "enabled", "disabled"))
	p(" Default script uid:gid %d:%d", o.ScriptUID, o.ScriptGID)
	for _, n := range []string{"vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs", "process_monitor_rcv_bufs",
		"lvs_netlink_cmd_rcv_bufs", "lvs_netlink_monitor_rcv_bufs"} {
		p(" %s = 0", n)
		p(" %s_force = 0", n)
	}
	p(" rs_init_notifies = %d", b2i(g.RSInitNotifies))
	p(" no_checker_emails = %d", b2i(g.NoCheckerEmails))
	mult := g.RxBufsMultiplier
	if mult == 0 {
		mult = 3
	}
	p(" rx_bufs_multiples = %d", mult)
	um := o.Umask
	if g.Umask != nil {
		um = int(*g.Umask)
	}
	p(" umask = 0%o", um)
	if g.VRRPStartupDelay > 0 {
		p(" vrrp_startup_delay = %g", g.VRRPStartupDelay.Seconds())
	}
	if g.LogUnknownVRIDs {
		p(" log_unknown_vrids")
	}
	if g.VMACPrefix != "" {
		p(" VMAC prefix = %s", g.VMACPrefix)
	}
	if g.VMACAddrPrefix != "" {
		p(" VMAC address prefix = %s", g.VMACAddrPrefix)
	}
}

func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
