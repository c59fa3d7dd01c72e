package config

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// readParent is the parent process's reading: global_defs and the other
// global keywords, every other root keyword skipped (core/main.c
// global_init_keywords).
func (l *loader) readParent() {
	p := newPass(l, ReadingParent)
	g := &globalReader{g: &l.cfg.Global}
	var kws []*keyword
	kws = append(kws, g.keywords(true)...)
	kws = append(kws, vrrpRoots(false, nil)...)
	kws = append(kws, checkRoots(false, nil)...)
	kws = append(kws, bfdRoots(ReadingParent, false, nil)...)
	kws = append(kws, trackFileRoots(false, nil)...)
	p.guarded(kws)
}

// globalReader decodes global_defs (core/global_parser.c).
type globalReader struct {
	g *Global
}

// tune records a process tuning keyword once checked.
func (r *globalReader) tune(l *line) {
	if r.g.Tuning == nil {
		r.g.Tuning = map[string][]string{}
	}
	r.g.Tuning[l.words[0]] = append([]string(nil), l.words[1:]...)
}

// keywords is the global table: the root keywords about the process and
// global_defs with its block (init_global_keywords).
func (r *globalReader) keywords(active bool) []*keyword {
	return []*keyword{
		root(active, kw("linkbeat_use_polling", func(p *pass, l *line) { r.g.LinkbeatUsePolling = true })),
		root(active, kw("net_namespace", r.netNamespace)),
		root(active, kw("net_namespace_ipvs", r.netNamespaceIPVS)),
		root(active, kw("namespace_with_ipsets", func(p *pass, l *line) { r.g.NamespaceIPSets = true })),
		root(active, kw("use_pid_dir", func(p *pass, l *line) { r.g.UsePIDDir = true })),
		root(active, kw("instance", r.instance)),
		root(active, kw("child_wait_time", r.childWait)),
		root(active, block("global_defs", nil, nil, r.defs()...)),
	}
}

func (r *globalReader) defs() []*keyword {
	return []*keyword{
		kw("process_names", func(p *pass, l *line) {
			r.g.VRRPProcessName, r.g.CheckProcessName, r.g.BFDProcessName = "keepalived_vrrp", "keepalived_lvs", "keepalived_bfd"
		}),
		kw("process_name", func(p *pass, l *line) { r.g.ProcessName = processName(p, l.slot(1)) }),
		kw("vrrp_process_name", func(p *pass, l *line) { r.g.VRRPProcessName = processName(p, l.slot(1)) }),
		kw("checker_process_name", func(p *pass, l *line) { r.g.CheckProcessName = processName(p, l.slot(1)) }),
		kw("lvs_process_name", func(p *pass, l *line) {
			p.logf("'lvs_process_name' is deprecated - please use 'checker_process_name'")
			r.g.CheckProcessName = processName(p, l.slot(1))
		}),
		kw("bfd_process_name", func(p *pass, l *line) { r.g.BFDProcessName = processName(p, l.slot(1)) }),
		kw("router_id", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "routerid name missing - ignoring")
				return
			}
			r.g.RouterID = l.words[1]
		}),
		kw("notification_email_from", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "emailfrom missing - ignoring")
				return
			}
			r.g.NotificationEmailFrom = l.words[1]
		}),
		kw("smtp_server", r.smtpServer),
		kw("smtp_helo_name", func(p *pass, l *line) {
			if l.n() >= 2 {
				r.g.SMTPHeloName = l.words[1]
			}
		}),
		kw("smtp_connect_timeout", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "smtp_connect_timeout '%s' must be in [0, %d] - ignoring", l.slot(1), math.MaxUint32/timerHz)
				return
			}
			if v == 0 {
				p.report(ClassGeneral, "smtp_conect_timeout must be greater than 0, setting to 1")
				v = 1
			}
			r.g.SMTPConnectTO = time.Duration(v) * time.Second
		}),
		kw("notification_email", func(p *pass, l *line) {
			emails := p.valueWords(l)
			if emails == nil {
				p.report(ClassGeneral, "Warning - empty notification_email block")
				return
			}
			r.g.NotificationEmail = append(r.g.NotificationEmail, emails...)
		}),
		kw("smtp_alert", globalTri(&r.g.SMTPAlert, "smtp_alert")),
		kw("startup_script", func(p *pass, l *line) {
			r.startStopScript(p, l, &r.g.StartupScript, &r.g.StartupScriptTimeout, "startup")
		}),
		kw("startup_script_timeout", func(p *pass, l *line) { r.startStopTimeout(p, l, &r.g.StartupScriptTimeout, "startup") }),
		kw("shutdown_script", func(p *pass, l *line) {
			r.startStopScript(p, l, &r.g.ShutdownScript, &r.g.ShutdownScriptTimeout, "shutdown")
		}),
		kw("shutdown_script_timeout", func(p *pass, l *line) { r.startStopTimeout(p, l, &r.g.ShutdownScriptTimeout, "shutdown") }),
		kw("max_auto_priority", r.maxAutoPriority),
		kw("min_auto_priority_delay", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "min_auto_priority_delay requires delay time")
				return
			}
			v, ok := p.readInt(l.slot(1), 1, 10000000, true)
			if !ok {
				p.report(ClassGeneral, "min_auto_priority_delay '%s' must be in [1, 10000000] - ignoring", l.slot(1))
				return
			}
			d := int(v)
			r.g.MinAutoPriorityDelay = &d
		}),
		kw("smtp_alert_vrrp", globalTri(&r.g.SMTPAlertVRRP, "smtp_alert_vrrp")),
		kw("smtp_alert_checker", globalTri(&r.g.SMTPAlertCheck, "smtp_alert_checker")),
		kw("checker_log_all_failures", func(p *pass, l *line) {
			v := true
			if l.n() >= 2 {
				var ok bool
				if v, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "Invalid value for checker_log_all_failures specified")
					return
				}
			}
			r.g.CheckerLogAllFailures = v
		}),
		kw("dynamic_interfaces", func(p *pass, l *line) {
			r.g.DynamicInterfaces = true
			if l.n() >= 2 {
				if l.words[1] == "allow_if_changes" {
					r.g.AllowIfChanges = true
				} else {
					p.report(ClassGeneral, "Unknown dynamic_interfaces option '%s'", l.words[1])
				}
			}
		}),
		kw("no_email_faults", func(p *pass, l *line) { r.g.NoEmailFaults = true }),
		kw("default_interface", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "default_interface requires interface name")
				return
			}
			r.g.DefaultInterface = l.words[1]
		}),
		kw("disable_local_igmp", func(p *pass, l *line) {
			const knob = "/proc/sys/net/ipv4/igmp_link_local_mcast_reports"
			if _, err := p.host.Stat(knob); err != nil {
				p.report(ClassGeneral, "kernel does not support %s", knob)
				return
			}
			r.g.DisableLocalIGMP = true
		}),
		kw("lvs_timeouts", r.lvsTimeouts),
		kw("lvs_flush", func(p *pass, l *line) { r.g.LVSFlush = true }),
		kw("lvs_flush_on_stop", r.lvsFlushOnStop),
		kw("lvs_flush_onstop", r.lvsFlushOnStop),
		kw("lvs_sync_daemon", r.lvsSyncDaemon),
		kw("vrrp_mcast_group4", func(p *pass, l *line) { r.mcastGroup(p, l, 4) }),
		kw("vrrp_mcast_group6", func(p *pass, l *line) { r.mcastGroup(p, l, 6) }),
		kw("vrrp_garp_master_delay", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "vrrp_garp_master_delay '%s' invalid - ignoring", l.slot(1))
				return
			}
			d := time.Duration(v) * time.Second
			r.g.GARPMasterDelay = &d
		}),
		kw("vrrp_garp_master_repeat", func(p *pass, l *line) {
			if v, ok := repeatCount(p, l, "vrrp_garp_master_repeat"); ok {
				r.g.GARPMasterRepeat = v
			}
		}),
		kw("vrrp_garp_master_refresh", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
			if !ok {
				p.report(ClassGeneral, "Invalid vrrp_garp_master_refresh '%s' - ignoring", l.slot(1))
				v = 0
			}
			d := time.Duration(v) * time.Second
			r.g.GARPMasterRefresh = &d
		}),
		kw("vrrp_garp_master_refresh_repeat", func(p *pass, l *line) {
			if v, ok := repeatCount(p, l, "vrrp_garp_master_refresh_repeat"); ok {
				r.g.GARPRefreshRepeat = v
			}
		}),
		kw("vrrp_garp_lower_prio_delay", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "vrrp_garp_lower_prio_delay '%s' invalid - ignoring", l.slot(1))
				return
			}
			d := time.Duration(v) * time.Second
			r.g.GARPLowerPrioDelay = &d
		}),
		kw("vrrp_garp_lower_prio_repeat", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "Invalid vrrp_garp_lower_prio_repeat '%s'", l.slot(1))
				return
			}
			n := int(v)
			r.g.GARPLowerPrioRepeat = &n
		}),
		kw("vrrp_down_timer_adverts", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, 100, true)
			if !ok {
				p.report(ClassGeneral, "Invalid vrrp_down_timer_adverts [1:100] '%s'", l.slot(1))
				return
			}
			r.g.DownTimerAdverts = int(v)
		}),
		kw("vrrp_garp_interval", func(p *pass, l *line) { r.garpInterval(p, l, &r.g.GARPInterval, "vrrp_garp_interval") }),
		kw("vrrp_gna_interval", func(p *pass, l *line) { r.garpInterval(p, l, &r.g.GNAInterval, "vrrp_gna_interval") }),
		kw("vrrp_min_garp", func(p *pass, l *line) {
			if l.n() >= 2 {
				v, ok := trueFalse(l.words[1])
				if !ok {
					p.report(ClassGeneral, "Invalid value for vrrp_min_garp specified")
					return
				}
				if !v {
					return
				}
			}
			// 2.2.7 sets the announcement settings there and then (a later
			// keyword overrides them), as its data dump shows: one
			// announcement, no second burst, no refresh, one after a lower
			// priority advert (keepalived.conf(5) vrrp_min_garp).
			r.g.MinGARP = true
			zero := time.Duration(0)
			one := 1
			r.g.GARPMasterDelay, r.g.GARPMasterRepeat = &zero, 1
			r.g.GARPMasterRefresh, r.g.GARPRefreshRepeat = &zero, -1
			r.g.GARPLowerPrioDelay, r.g.GARPLowerPrioRepeat = &zero, &one
		}),
		kw("vrrp_garp_extra_if", r.garpExtraIf),
		kw("vrrp_vmac_garp_intvl", r.garpExtraIf),
		kw("vrrp_lower_prio_no_advert", globalFlag(&r.g.LowerPrioNoAdvert, "Invalid value for vrrp_lower_prio_no_advert specified")),
		kw("vrrp_higher_prio_send_advert", globalFlag(&r.g.HigherPrioSendAdvert, "Invalid value for vrrp_higher_prio_send_advert specified")),
		kw("vrrp_version", func(p *pass, l *line) {
			v, ok := p.readInt(l.slot(1), 2, 3, true)
			if !ok {
				p.report(ClassGeneral, "VRRP Error: Version must be either 2 or 3")
				return
			}
			r.g.VRRPVersion = int(v)
		}),
		kw("vrrp_iptables", func(p *pass, l *line) {
			// Debian's 2.2.7 is built with nftables and without
			// iptables (global_parser.c, _WITH_NFTABLES_ branch).
			p.report(ClassGeneral, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option")
			r.g.NFTables = "keepalived"
			r.g.NFTablesPriority = nil
		}),
		kw("nftables", func(p *pass, l *line) {
			if r.g.NFTables != "" {
				p.report(ClassGeneral, "nftables already specified - ignoring")
				return
			}
			name := "keepalived"
			if l.n() >= 2 {
				if len(l.words[1]) >= nftTableMaxName {
					p.report(ClassGeneral, "nftables table name too long - ignoring")
					return
				}
				name = l.words[1]
			}
			r.g.NFTables = name
		}),
		kw("nftables_priority", func(p *pass, l *line) {
			v, ok := p.readInt(l.slot(1), math.MinInt32, math.MaxInt32, false)
			if !ok {
				p.report(ClassInvalidNumber, "invalid nftables chain priority '%s'", l.slot(1))
				return
			}
			n := int(v)
			r.g.NFTablesPriority = &n
		}),
		kw("nftables_ifindex", func(p *pass, l *line) { r.g.NFTablesIfindex = true }),
		kw("nftables_ipvs", func(p *pass, l *line) {
			if r.g.NFTablesIPVS != "" {
				p.report(ClassGeneral, "ipvs nftables already specified - ignoring")
				return
			}
			name := "keepalived_ipvs"
			if l.n() >= 2 {
				if len(l.words[1]) >= nftTableMaxName {
					p.report(ClassGeneral, "ipvs nftables table name too long - ignoring")
					return
				}
				name = l.words[1]
			}
			r.g.NFTablesIPVS = name
			r.g.NFTablesIPVSFwmark = defaultIPVSNFFwmark
		}),
		kw("nftables_ipvs_priority", func(p *pass, l *line) {
			v, ok := p.readInt(l.slot(1), math.MinInt32, math.MaxInt32, false)
			if !ok {
				p.report(ClassInvalidNumber, "invalid ipvs nftables chain priority '%s'", l.slot(1))
				return
			}
			n := int(v)
			r.g.NFTablesIPVSPriority = &n
		}),
		kw("nftables_ipvs_start_fwmark", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 1, math.MaxUint32, false)
			if !ok {
				p.report(ClassInvalidNumber, "invalid ipvs nftables start_fwmark priority '%s'", l.slot(1))
				return
			}
			r.g.NFTablesIPVSFwmark = uint32(v)
		}),
		kw("nftables_counters", func(p *pass, l *line) { r.g.NFTablesCounters = true }),
		kw("vrrp_check_unicast_src", func(p *pass, l *line) { r.g.CheckUnicastSrc = true }),
		kw("vrrp_skip_check_adv_addr", func(p *pass, l *line) { r.g.SkipCheckAdvAddr = true }),
		kw("vrrp_strict", func(p *pass, l *line) { r.g.VRRPStrict = true }),
		kw("vrrp_priority", func(p *pass, l *line) { r.priority(p, l, "vrrp") }),
		kw("vrrp_no_swap", r.tuneFlag),
		kw("vrrp_rt_priority", func(p *pass, l *line) { r.realtimePriority(p, l, "vrrp") }),
		kw("vrrp_cpu_affinity", func(p *pass, l *line) { r.cpuAffinity(p, l, "vrrp") }),
		kw("vrrp_rlimit_rttime", func(p *pass, l *line) { r.rtRlimit(p, l, "vrrp") }),
		kw("vrrp_rlimit_rtime", func(p *pass, l *line) { r.rtRlimit(p, l, "vrrp") }),
		kw("notify_fifo", func(p *pass, l *line) { r.notifyFIFO(p, l, "", &r.g.NotifyFIFO) }),
		kw("notify_fifo_script", func(p *pass, l *line) { r.notifyFIFOScript(p, l, "", &r.g.NotifyFIFO) }),
		kw("vrrp_notify_fifo", func(p *pass, l *line) { r.notifyFIFO(p, l, "vrrp_", &r.g.VRRPNotifyFIFO) }),
		kw("vrrp_notify_fifo_script", func(p *pass, l *line) { r.notifyFIFOScript(p, l, "vrrp_", &r.g.VRRPNotifyFIFO) }),
		kw("vrrp_notify_priority_changes", func(p *pass, l *line) {
			v := true
			if l.n() >= 2 {
				var ok bool
				if v, ok = trueFalse(l.words[1]); !ok {
					p.report(ClassGeneral, "Invalid value '%s' for global vrrp_notify_priority_changes specified", l.words[1])
					return
				}
			}
			r.g.NotifyPriorityChanges = v
		}),
		kw("fifo_write_vrrp_states_on_reload", func(p *pass, l *line) { r.g.FIFOWriteStatesOnReload = true }),
		kw("lvs_notify_fifo", func(p *pass, l *line) { r.notifyFIFO(p, l, "lvs_", &r.g.LVSNotifyFIFO) }),
		kw("lvs_notify_fifo_script", func(p *pass, l *line) { r.notifyFIFOScript(p, l, "lvs_", &r.g.LVSNotifyFIFO) }),
		kw("checker_priority", func(p *pass, l *line) { r.priority(p, l, "checker") }),
		kw("checker_no_swap", r.tuneFlag),
		kw("checker_rt_priority", func(p *pass, l *line) { r.realtimePriority(p, l, "checker") }),
		kw("checker_cpu_affinity", func(p *pass, l *line) { r.cpuAffinity(p, l, "checker") }),
		kw("checker_rlimit_rttime", func(p *pass, l *line) { r.rtRlimit(p, l, "checker") }),
		kw("checker_rlimit_rtime", func(p *pass, l *line) { r.rtRlimit(p, l, "checker") }),
		kw("bfd_priority", func(p *pass, l *line) { r.priority(p, l, "bfd") }),
		kw("bfd_no_swap", r.tuneFlag),
		kw("bfd_rt_priority", func(p *pass, l *line) { r.realtimePriority(p, l, "bfd") }),
		kw("bfd_cpu_affinity", func(p *pass, l *line) { r.cpuAffinity(p, l, "bfd") }),
		kw("bfd_rlimit_rttime", func(p *pass, l *line) { r.rtRlimit(p, l, "bfd") }),
		kw("bfd_rlimit_rtime", func(p *pass, l *line) { r.rtRlimit(p, l, "bfd") }),
		kw("snmp_socket", func(p *pass, l *line) {
			switch {
			case l.n() > 2:
				p.report(ClassGeneral, "Too many parameters specified for snmp_socket - ignoring")
			case l.n() < 2:
				p.report(ClassGeneral, "SNMP error : snmp socket name missing")
			case len(l.words[1]) > pathMax-1:
				p.report(ClassGeneral, "SNMP error : snmp socket name too long - ignored")
			case r.g.Tuning["snmp_socket"] != nil:
				p.report(ClassGeneral, "SNMP socket already set to %s - ignoring", r.g.Tuning["snmp_socket"][0])
			default:
				r.tune(l)
			}
		}),
		kw("enable_traps", r.tuneFlag),
		kw("enable_snmp_vrrp", r.tuneFlag),
		kw("enable_snmp_keepalived", r.tuneFlag),
		kw("enable_snmp_rfc", r.tuneFlag),
		kw("enable_snmp_rfcv2", r.tuneFlag),
		kw("enable_snmp_rfcv3", r.tuneFlag),
		kw("enable_snmp_checker", r.tuneFlag),
		kw("enable_dbus", r.tuneFlag),
		kw("dbus_service_name", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "dbus_service_name missing - ignoring")
				return
			}
			r.tune(l)
		}),
		kw("script_user", func(p *pass, l *line) {
			if l.n() < 2 {
				p.report(ClassGeneral, "No script username specified")
				return
			}
			r.g.ScriptUser, r.g.ScriptGroup = l.words[1], l.opt(2)
			if p.setDefaultScriptUser(l.words[1], l.opt(2)) {
				p.report(ClassGeneral, "Error setting global script uid/gid")
			}
		}),
		kw("enable_script_security", func(p *pass, l *line) { r.g.ScriptSecurity = true }),
		kw("vrrp_netlink_cmd_rcv_bufs", func(p *pass, l *line) { r.rcvBufs(p, l, "vrrp_netlink_cmd") }),
		kw("vrrp_netlink_cmd_rcv_bufs_force", r.tuneBool),
		kw("vrrp_netlink_monitor_rcv_bufs", func(p *pass, l *line) { r.rcvBufs(p, l, "vrrp_netlink_monitor") }),
		kw("vrrp_netlink_monitor_rcv_bufs_force", r.tuneBool),
		kw("process_monitor_rcv_bufs", func(p *pass, l *line) { r.rcvBufs(p, l, "process_monitor") }),
		kw("process_monitor_rcv_bufs_force", r.tuneBool),
		kw("lvs_netlink_cmd_rcv_bufs", func(p *pass, l *line) { r.rcvBufs(p, l, "lvs_netlink_cmd") }),
		kw("lvs_netlink_cmd_rcv_bufs_force", r.tuneBool),
		kw("lvs_netlink_monitor_rcv_bufs", func(p *pass, l *line) { r.rcvBufs(p, l, "lvs_netlink_monitor") }),
		kw("lvs_netlink_monitor_rcv_bufs_force", r.tuneBool),
		kw("rs_init_notifies", func(p *pass, l *line) {
			if v, ok := globalBool(p, l, "rs_init_notifies"); ok {
				r.g.RSInitNotifies = v
			}
		}),
		kw("no_checker_emails", func(p *pass, l *line) {
			if v, ok := globalBool(p, l, "no_checker_emails"); ok {
				r.g.NoCheckerEmails = v
			}
		}),
		kw("vrrp_rx_bufs_policy", r.rxBufsPolicy),
		kw("vrrp_rx_bufs_multiplier", func(p *pass, l *line) {
			if l.n() != 2 {
				p.report(ClassGeneral, "Invalid vrrp_rx_bufs_multiplier")
				return
			}
			v, ok := p.readUnsigned(l.words[1], 1, math.MaxUint32, false)
			if !ok {
				p.report(ClassGeneral, "Invalid vrrp_rx_bufs_multiplier %s", l.words[1])
				return
			}
			r.g.RxBufsMultiplier = uint32(v)
		}),
		kw("vrrp_startup_delay", func(p *pass, l *line) {
			v, ok := p.readDecimal(l.slot(1), timerHz/1000, math.MaxUint32, 6, true)
			if !ok {
				p.report(ClassGeneral, "vrrp_startup_delay '%s' is invalid", l.slot(1))
			} else {
				r.g.VRRPStartupDelay = time.Duration(v) * time.Microsecond
			}
			if r.g.VRRPStartupDelay >= 60*time.Second {
				p.logf("The vrrp_startup_delay is very large - %s seconds", l.slot(1))
			}
		}),
		kw("log_unknown_vrids", func(p *pass, l *line) { r.g.LogUnknownVRIDs = true }),
		kw("vmac_prefix", func(p *pass, l *line) {
			if r.g.VMACPrefix != "" {
				p.report(ClassGeneral, "vmac prefix has already been specified - ignoring %s", l.slot(1))
				return
			}
			r.g.VMACPrefix = l.slot(1)
		}),
		kw("vmac_addr_prefix", func(p *pass, l *line) {
			if r.g.VMACAddrPrefix != "" {
				p.report(ClassGeneral, "vmac_addr prefix has already been specified - ignoring %s", l.slot(1))
				return
			}
			r.g.VMACAddrPrefix = l.slot(1)
		}),
		kw("umask", r.umask),
		kw("random_seed", func(p *pass, l *line) {
			v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, false)
			if !ok {
				p.report(ClassGeneral, "random_seed %s invalid", l.slot(1))
				return
			}
			s := uint32(v)
			r.g.RandomSeed = &s
		}),
		kw("reload_check_config", r.tuneFlag),
		kw("reload_time_file", func(p *pass, l *line) {
			if l.n() != 2 {
				p.report(ClassGeneral, "reload_time_file invalid")
				return
			}
			r.tune(l)
		}),
		kw("reload_repeat", r.tuneFlag),
		kw("reload_file", r.tuneFlag),
		kw("include_check", r.includeCheck),
		kw("config_save_dir", r.configSaveDir),
		kw("tmp_config_directory", func(p *pass, l *line) {
			if r.g.Tuning["tmp_config_directory"] != nil {
				p.report(ClassGeneral, "%s already specified - ignoring", l.words[0])
				return
			}
			if l.n() < 2 {
				p.report(ClassGeneral, "%s missing directory name", l.words[0])
				return
			}
			r.tune(l)
		}),
		kw("data_use_instance", func(p *pass, l *line) {
			if l.n() >= 2 {
				if _, ok := trueFalse(l.words[1]); !ok {
					// keepalived's own spelling of the keyword.
					p.report(ClassGeneral, "Invalid value '%s' for global date_use_instance specified", l.words[1])
					return
				}
			}
			r.tune(l)
		}),
	}
}

// Constants of keepalived and the kernel the checks use.
const (
	timerHz             = 1000000 // TIMER_HZ: keepalived counts microseconds
	nftTableMaxName     = 256     // NFT_TABLE_MAXNAMELEN
	defaultIPVSNFFwmark = 1000    // DEFAULT_IPVS_NF_START_FWMARK
	pathMax             = 4096
	taskCommLen         = 16 // TASK_COMM_LEN
	ipvsIfnameMaxLen    = 16 // IP_VS_IFNAME_MAXLEN
	lvsMaxTimeout       = 86400 * 31
	sschedRRMax         = 99 // sched_get_priority_max(SCHED_RR) on Linux
	sschedRRMin         = 1
)

func processName(p *pass, name string) string {
	if len(name) >= taskCommLen {
		p.report(ClassGeneral, "Process name %s more than %d characters, truncating", name, taskCommLen-1)
		name = name[:taskCommLen-1]
	}
	return name
}

// globalTri is a smtp_alert style keyword: no value means true.
func globalTri(dst *Tri, name string) func(p *pass, l *line) {
	return func(p *pass, l *line) {
		v := true
		if l.n() >= 2 {
			var ok bool
			if v, ok = trueFalse(l.words[1]); !ok {
				p.report(ClassGeneral, "Invalid value '%s' for global %s specified", l.words[1], name)
				return
			}
		}
		*dst = tri(v)
	}
}

// globalFlag is a keyword whose value, when given, must be a boolean.
func globalFlag(dst *Tri, invalid string) func(p *pass, l *line) {
	return func(p *pass, l *line) {
		if l.n() >= 2 {
			v, ok := trueFalse(l.words[1])
			if !ok {
				p.report(ClassGeneral, "%s", invalid)
				return
			}
			*dst = tri(v)
			return
		}
		*dst = True
	}
}

func globalBool(p *pass, l *line, name string) (bool, bool) {
	if l.n() < 2 {
		return true, true
	}
	v, ok := trueFalse(l.words[1])
	if !ok {
		p.report(ClassGeneral, "Invalid value '%s' for global %s specified", l.words[1], name)
	}
	return v, ok
}

func (r *globalReader) tuneFlag(p *pass, l *line) { r.tune(l) }

// tuneBool is a process tuning keyword with an optional boolean.
func (r *globalReader) tuneBool(p *pass, l *line) {
	if _, ok := globalBool(p, l, l.words[0]); ok {
		r.tune(l)
	}
}

func (r *globalReader) netNamespace(p *pass, l *line) {
	if l.n() < 2 {
		p.report(ClassGeneral, "net_namespace name missing - ignoring")
		return
	}
	if r.g.NetNamespace != "" {
		p.report(ClassGeneral, "Duplicate net_namespace definition %s - ignoring", l.words[1])
		return
	}
	r.g.NetNamespace = l.words[1]
	r.g.UsePIDDir = true
}

func (r *globalReader) netNamespaceIPVS(p *pass, l *line) {
	if r.g.NetNamespaceIPVS != nil {
		p.report(ClassGeneral, "Duplicate net_namespace_ipvs definition %s - ignoring", l.slot(1))
		return
	}
	ns := l.opt(1)
	r.g.NetNamespaceIPVS = &ns
}

func (r *globalReader) instance(p *pass, l *line) {
	if l.n() < 2 {
		p.report(ClassGeneral, "instance name missing - ignoring")
		return
	}
	if r.g.Instance != "" {
		p.report(ClassGeneral, "Duplicate instance definition %s - ignoring", l.words[1])
		return
	}
	r.g.Instance = l.words[1]
	r.g.UsePIDDir = true
}

func (r *globalReader) childWait(p *pass, l *line) {
	v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, false)
	if !ok {
		p.report(ClassGeneral, "Invalid child_wait_time %s", l.slot(1))
		return
	}
	r.g.ChildWaitTime = time.Duration(v) * time.Second
}

func (r *globalReader) smtpServer(p *pass, l *line) {
	port := "25"
	if l.n() >= 3 {
		port = l.words[2]
	}
	host := l.slot(1)
	set := false
	if !strings.ContainsAny(host, "-/") {
		if _, ok := p.sockaddr(host, port); ok {
			set = true
		}
	}
	if !set {
		// domain_stosockaddr() resolves the name while reading.
		// getaddrinfo() takes inet_aton's forms ("256" is 0.0.1.0)
		// before asking the resolver.
		if _, ok := p.readUnsigned(port, 1, 65535, true); ok && (isNumericHost(host) || p.host.ResolveHost(host)) {
			set = true
		}
	}
	if !set {
		p.report(ClassGeneral, "Invalid smtp server %s %s", host, port)
		return
	}
	n, _ := strconv.Atoi(port)
	r.g.SMTPServer, r.g.SMTPPort = host, uint16(n)
}

func (r *globalReader) startStopScript(p *pass, l *line, dst **Script, timeout *time.Duration, kind string) {
	if *dst != nil {
		p.report(ClassGeneral, "%s script already specified", kind)
		return
	}
	if l.n() < 2 {
		p.report(ClassGeneral, "%s script missing", kind)
		return
	}
	s := p.notifyScript(l, 0, kind)
	if s == nil {
		p.report(ClassGeneral, "Invalid %s script", kind)
		return
	}
	*dst = s
	if *timeout == 0 {
		*timeout = 10 * time.Second
	}
}

func (r *globalReader) startStopTimeout(p *pass, l *line, dst *time.Duration, kind string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "%s_script_timeout requires value", kind)
		return
	}
	v, ok := p.readUnsigned(l.words[1], 1, 1000, true)
	if !ok {
		p.report(ClassGeneral, "%s_script_timeout '%s' must be in [1, 1000] - ignoring", kind, l.words[1])
		return
	}
	*dst = time.Duration(v) * time.Second
}

func (r *globalReader) maxAutoPriority(p *pass, l *line) {
	if l.n() < 2 {
		v := sschedRRMax
		r.g.MaxAutoPriority = &v
		return
	}
	v, ok := p.readInt(l.words[1], -1, sschedRRMax, true)
	if !ok {
		p.report(ClassGeneral, "max_auto_priority '%s' must be in [0, %d] (or -1 to disable) - ignoring", l.words[1], sschedRRMax)
		return
	}
	n := int(v)
	r.g.MaxAutoPriority = &n
}

func (r *globalReader) lvsTimeouts(p *pass, l *line) {
	if l.n() < 3 {
		p.report(ClassGeneral, "lvs_timeouts requires at least one option")
		return
	}
	for i := 1; i < l.n(); i++ {
		var dst *time.Duration
		switch l.words[i] {
		case "tcp":
			dst = &r.g.LVSTimeouts.TCP
		case "tcpfin":
			dst = &r.g.LVSTimeouts.TCPFin
		case "udp":
			dst = &r.g.LVSTimeouts.UDP
		default:
			p.report(ClassGeneral, "Unknown option %s specified for lvs_timeouts", l.words[i])
			continue
		}
		if i == l.n()-1 {
			p.report(ClassGeneral, "No value specified for lvs_timeout %s - ignoring", l.words[i])
			continue
		}
		v, ok := p.readUnsigned(l.words[i+1], 0, lvsMaxTimeout, false)
		if !ok {
			p.report(ClassGeneral, "Invalid lvs_timeout %s (%s) - ignoring", l.words[i], l.words[i+1])
		} else {
			*dst = time.Duration(v) * time.Second
		}
		i++
	}
}

func (r *globalReader) lvsFlushOnStop(p *pass, l *line) {
	switch {
	case l.n() == 1:
		r.g.LVSFlushOnStop = "full"
	case l.words[1] == "VS":
		r.g.LVSFlushOnStop = "VS"
	default:
		p.report(ClassGeneral, "Unknown lvs_flush_on_stop type %s", l.words[1])
	}
}

func (r *globalReader) lvsSyncDaemon(p *pass, l *line) {
	if s := r.g.LVSSyncDaemon; s != nil {
		p.report(ClassGeneral, "lvs_sync_daemon has already been specified as %s %s - ignoring", s.Interface, s.Instance)
		return
	}
	if l.n() < 2 {
		p.report(ClassGeneral, "lvs_sync_daemon requires interface")
		return
	}
	if len(l.words[1]) >= ipvsIfnameMaxLen {
		p.report(ClassGeneral, "lvs_sync_daemon interface name '%s' too long - ignoring", l.words[1])
		return
	}
	s := &LVSSyncDaemon{Interface: l.words[1]}
	r.g.LVSSyncDaemon = s
	value := func(i int, name string) (string, bool) {
		if i == l.n()-1 {
			p.report(ClassGeneral, "No value specified for lvs_sync_daemon %s - ignoring", name)
			return "", false
		}
		return l.words[i+1], true
	}
	for i := 2; i < l.n(); i++ {
		switch w := l.words[i]; w {
		case "inst":
			if s.Instance != "" {
				p.report(ClassGeneral, "lvs_sync_daemon vrrp instance has already been specified as %s - ignoring", s.Instance)
			} else {
				s.Instance = l.slot(i + 1)
			}
			i++
		case "id":
			if i == l.n()-1 {
				p.report(ClassGeneral, "No value specified for lvs_sync_daemon id, defaulting to vrid")
				continue
			}
			if v, ok := p.readUnsigned(l.words[i+1], 0, 255, false); ok {
				id := uint8(v)
				s.SyncID = &id
			} else {
				p.report(ClassGeneral, "Invalid syncid (%s) - defaulting to vrid", l.words[i+1])
			}
			i++
		case "maxlen", "port", "ttl":
			v, ok := value(i, w)
			if !ok {
				continue
			}
			max := map[string]uint64{"maxlen": 65535 - 20 - 8, "port": 65535, "ttl": 255}[w]
			if n, ok := p.readUnsigned(v, 1, max, false); ok {
				switch w {
				case "maxlen":
					s.MaxLen = uint16(n)
				case "port":
					s.Port = uint16(n)
				default:
					s.TTL = uint8(n)
				}
			} else {
				p.report(ClassGeneral, "Invalid lvs_sync_daemon %s (%s) - ignoring", w, v)
			}
			i++
		case "group":
			v, ok := value(i, w)
			if !ok {
				continue
			}
			a, err := netip.ParseAddr(v)
			if err != nil || strings.ContainsAny(v, "-/%") {
				p.report(ClassGeneral, "Invalid lvs_sync_daemon group (%s) - ignoring", v)
			} else if !a.IsMulticast() {
				p.report(ClassGeneral, "lvs_sync_daemon group address %s is not multicast - ignoring", v)
			} else {
				s.Group = a
			}
			i++
		default:
			// The old form: lvs_sync_daemon IF VRRP_INSTANCE [SYNC_ID].
			switch i {
			case 2:
				s.Instance = w
			case 3:
				if v, ok := p.readUnsigned(w, 0, 255, false); ok {
					p.report(ClassGeneral, "Please use keyword \"id\" before lvs_sync_daemon SYNCID")
					id := uint8(v)
					s.SyncID = &id
				} else {
					p.report(ClassGeneral, "Invalid syncid (%s) - defaulting to vrid", w)
				}
			default:
				p.report(ClassGeneral, "Unknown option %s specified for lvs_sync_daemon", w)
			}
		}
	}
}

func (r *globalReader) mcastGroup(p *pass, l *line, family int) {
	name := fmt.Sprintf("vrrp_mcast_group%d", family)
	a, ok := p.sockaddr(l.slot(1), "")
	if !ok {
		p.report(ClassGeneral, "Can't parse %s [%s]. Skipping", name, l.slot(1))
		return
	}
	if (family == 4) != a.Addr().Is4() {
		p.report(ClassGeneral, "%s [%s] is not IPv%d. Skipping", name, l.slot(1), family)
		return
	}
	if !a.Addr().IsMulticast() {
		p.report(ClassGeneral, "%s [%s] is not multicast. Skipping", name, l.slot(1))
		return
	}
	if family == 4 {
		r.g.McastGroup4 = a.Addr()
		return
	}
	if !a.Addr().IsLinkLocalMulticast() {
		p.report(ClassWarning, "%s [%s] should be link-local multicast.", name, l.slot(1))
	}
	r.g.McastGroup6 = a.Addr()
}

// repeatCount reads a *_repeat value: 0 is accepted as 1 (keepalived
// allows it for configurations older than 2.0.7).
func repeatCount(p *pass, l *line, name string) (int, bool) {
	v, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32, true)
	if !ok {
		p.report(ClassGeneral, "%s '%s' invalid - ignoring", name, l.slot(1))
		return 0, false
	}
	if v == 0 {
		p.report(ClassGeneral, "%s must be greater than 0, setting to 1", name)
		v = 1
	}
	return int(v), true
}

func (r *globalReader) garpInterval(p *pass, l *line, dst *time.Duration, name string) {
	v, ok := p.readDecimal(l.slot(1), 1, math.MaxUint32, 6, true)
	if !ok {
		p.report(ClassGeneral, "%s '%s' is invalid", name, l.slot(1))
	} else {
		*dst = time.Duration(v) * time.Microsecond
	}
	if *dst >= time.Second {
		p.logf("The %s is very large - %s seconds", name, l.slot(1))
	}
}

func (r *globalReader) garpExtraIf(p *pass, l *line) {
	name := l.words[0]
	if name == "vrrp_vmac_garp_intvl" {
		p.report(ClassDeprecated, "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"")
	}
	var delay uint64
	for i := 1; i < l.n(); i++ {
		if l.words[i] == "all" {
			r.g.GARPExtraIfAll = true
			continue
		}
		v, ok := p.readUnsigned(l.words[i], 1, 86400, true)
		if !ok {
			p.report(ClassGeneral, "%s '%s' invalid - ignoring", name, l.words[i])
			return
		}
		delay = v
	}
	if delay == 0 {
		p.report(ClassGeneral, "%s specified without time - ignoring", name)
		return
	}
	r.g.GARPExtraIfDelay = time.Duration(delay) * time.Second
}

// priority is vrrp_priority and friends: a nice value.
func (r *globalReader) priority(p *pass, l *line, process string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "No %s process priority specified", process)
		return
	}
	if _, ok := p.readInt(l.words[1], -20, 19, true); !ok {
		p.report(ClassGeneral, "Invalid %s process priority specified", process)
		return
	}
	r.tune(l)
}

func (r *globalReader) realtimePriority(p *pass, l *line, process string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "No %s process real-time priority specified", process)
		return
	}
	v, ok := p.readInt(l.words[1], math.MinInt32, math.MaxInt32, true)
	if !ok {
		p.report(ClassGeneral, "%s process real-time priority '%s' invalid", process, l.words[1])
		return
	}
	switch {
	case v < sschedRRMin:
		p.report(ClassGeneral, "%s process real-time priority %d less than minimum %d - setting to minimum", process, v, sschedRRMin)
	case v > sschedRRMax:
		p.report(ClassGeneral, "%s process real-time priority %d greater than maximum %d - setting to maximum", process, v, sschedRRMax)
	}
	r.tune(l)
}

func (r *globalReader) cpuAffinity(p *pass, l *line, process string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "No %s cpu_id set specified", process)
		return
	}
	n := p.host.NumCPU()
	for i := 1; i < l.n(); i++ {
		v, ok := p.readInt(l.words[i], 0, int64(n-1), true)
		if !ok {
			// keepalived prints the value strtol made of the word.
			p.report(ClassGeneral, "Invalid cpu_id:%d specified for %s process", int32(v), process)
			return
		}
	}
	r.tune(l)
}

func (r *globalReader) rtRlimit(p *pass, l *line, process string) {
	if strings.HasSuffix(l.words[0], "_rtime") {
		kw := l.words[0]
		p.logf("Keyword '%s' is deprecated - please use '%srttime'", kw, kw[:len(kw)-5])
	}
	if _, ok := p.readUnsigned(l.slot(1), 1, math.MaxUint32, true); !ok {
		p.report(ClassGeneral, "Invalid %s real-time limit - %s", process, l.slot(1))
		return
	}
	r.tune(l)
}

func (r *globalReader) rcvBufs(p *pass, l *line, kind string) {
	if l.n() < 2 {
		p.report(ClassGeneral, "%s_rcv_bufs size missing", kind)
		return
	}
	v, ok := p.readUnsigned(l.words[1], 0, math.MaxUint32, false)
	if !ok {
		p.report(ClassGeneral, "%s_rcv_bufs size (%s) invalid", kind, l.words[1])
		return
	}
	if v != 0 {
		r.tune(l)
	}
}

func (r *globalReader) rxBufsPolicy(p *pass, l *line) {
	if l.n() < 2 {
		p.report(ClassGeneral, "vrrp_rx_bufs_policy missing")
		return
	}
	var mtu, advert, size bool
	for i := 1; i < l.n(); i++ {
		switch strings.ToUpper(l.words[i]) {
		case "MTU":
			mtu = true
		case "ADVERT":
			advert = true
		default:
			// keepalived re-reads the first word here (global_parser.c).
			if _, ok := p.readUnsigned(l.words[1], 0, math.MaxUint32, false); !ok {
				p.report(ClassGeneral, "Invalid vrrp_rx_bufs_policy %s", l.words[i])
			} else {
				size = true
			}
		}
	}
	switch {
	case size && (mtu || advert):
		p.report(ClassGeneral, "Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy")
		r.g.RxBufsPolicy = "size"
	case mtu && advert:
		p.report(ClassGeneral, "Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT")
		r.g.RxBufsPolicy = "MTU"
	case mtu:
		r.g.RxBufsPolicy = "MTU"
	case advert:
		r.g.RxBufsPolicy = "ADVERT"
	case size:
		r.g.RxBufsPolicy = "size"
	}
}

// umask reads an octal-style number or IRUSR|IWUSR|... bits.
func (r *globalReader) umask(p *pass, l *line) {
	mask := l.slot(1)
	var bits uint32
	if mask[0] >= '0' && mask[0] <= '9' {
		if l.n() != 2 {
			// Unreachable in practice: slot(1) exists.
			p.report(ClassGeneral, "Extra parameter(s) to umask option")
			return
		}
		// strtoll(mask, 0): octal with a leading 0, hex with 0x; a
		// negative value wraps and fails the range check.
		v, end, overflow := ctoulBase(mask, 0)
		if end != len(mask) || overflow || v&^0o777 != 0 {
			p.report(ClassGeneral, "invalid umask value %s", mask)
			return
		}
		bits = uint32(v)
	} else {
		names := map[string]uint32{"IRUSR": 0o400, "IWUSR": 0o200, "IXUSR": 0o100, "IRGRP": 0o40, "IWGRP": 0o20,
			"IXGRP": 0o10, "IROTH": 0o4, "IWOTH": 0o2, "IXOTH": 0o1}
		needOr := false
		for i := 1; i < l.n(); i++ {
			w := l.words[i]
			for j := 0; j < len(w); {
				if needOr {
					if w[j] == '|' {
						needOr = false
						j++
						continue
					}
					p.report(ClassGeneral, "Invalid umask syntax %s", w)
					return
				}
				if j+5 > len(w) || names[w[j:j+5]] == 0 {
					p.report(ClassGeneral, "Unknown umask bit %s", w[j:])
					return
				}
				bits |= names[w[j:j+5]]
				j += 5
				needOr = true
			}
		}
		if !needOr {
			p.report(ClassGeneral, "umask missing bit value")
			return
		}
	}
	r.g.Umask = &bits
}

// includeCheck validates include_check's words; the parser has already
// applied them to later includes (parser/keepalived_include.go).
func (r *globalReader) includeCheck(p *pass, l *line) {
	for i := 1; i < l.n(); i++ {
		w := l.words[i]
		name := w
		if w != "" && (w[0] == '-' || w[0] == '+') {
			name = w[1:]
		} else if i > 1 {
			p.report(ClassGeneral, "Duplicate include_check '%s' specified - ignoring", w)
			continue
		}
		switch name {
		case "read", "match", "wildcard_match", "brace_match":
		default:
			p.report(ClassGeneral, "Unknown include_check type '%s' - ignoring", name)
		}
	}
	r.g.IncludeCheck = append([]string(nil), l.words[1:]...)
}

func (r *globalReader) configSaveDir(p *pass, l *line) {
	dir := l.slot(1)
	st, err := p.host.Stat(dir)
	switch {
	case err == nil && st.Mode.IsDir():
		r.tune(l)
	case err == nil:
		p.report(ClassGeneral, "config_save_dir %s exists and is not a directory", dir)
	default:
		// keepalived creates the directory here; hakeep keeps no copy of
		// its configuration, so there is nothing to save into it.
		r.tune(l)
	}
}

func (r *globalReader) notifyFIFO(p *pass, l *line, kind string, f *NotifyFIFO) {
	if l.n() < 2 {
		p.report(ClassGeneral, "No %snotify_fifo name specified", kind)
		return
	}
	if f.Name != "" {
		p.report(ClassGeneral, "%snotify_fifo already specified - ignoring %s", kind, l.words[1])
		return
	}
	if l.n() > 2 {
		uid, gid, ok := p.uidGid(l.words[2], l.opt(3))
		if !ok {
			p.logf("Invalid user/group for %s fifo %s - ignoring", kind, f.Name)
			return
		}
		f.UID, f.GID = uid, gid
	} else {
		uid, gid, fail := p.defaultScriptUser()
		if fail {
			p.logf("Failed to set default user for %s fifo %s - ignoring", kind, f.Name)
			return
		}
		f.UID, f.GID = uid, gid
	}
	f.Name = l.words[1]
}

func (r *globalReader) notifyFIFOScript(p *pass, l *line, kind string, f *NotifyFIFO) {
	if l.n() < 2 {
		p.report(ClassGeneral, "No %snotify_fifo_script specified", kind)
		return
	}
	if f.Script != nil {
		p.report(ClassGeneral, "%snotify_fifo_script already specified - ignoring %s", kind, l.words[1])
		return
	}
	f.Script = p.notifyScript(l, 1, kind+"notify_fifo")
}
