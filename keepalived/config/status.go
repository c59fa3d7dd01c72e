package config

import (
	"sort"
	"strings"
)

// Keyword statuses. This file is the one place that says what hakeep does
// with each keyword: when an engine lands, its keywords flip here.
const (
	// StatusImplemented keywords do in hakeep what they do in keepalived.
	StatusImplemented = "implemented"
	// StatusNoEffect keywords are accepted and have no effect, because
	// what they change does not exist in hakeep.
	StatusNoEffect = "accepted, no effect"
	// StatusNotYet keywords are checked like keepalived checks them but
	// what they change is not implemented yet; using one gives a Note.
	StatusNotYet = "not yet"
)

// KeywordDoc describes one keyword for docs/COMPAT.md.
type KeywordDoc struct {
	Section, Keyword, Status, Note string
}

// keywordStatus is the status and note of the keyword at path (its
// enclosing blocks, then its name).
func keywordStatus(path []string) (status, note string) {
	name := path[len(path)-1]
	top := path[0]
	switch {
	case len(path) == 1 && name == "global_defs":
		return StatusImplemented, "a block: its keywords have their own status"
	case top == "global_defs" && name == "include_check":
		return StatusImplemented, "applied by the parser to the includes that follow"
	case top == "global_defs" && (name == "tmp_config_directory" || name == "config_save_dir"):
		return StatusNoEffect, "hakeep keeps no consolidated copy of its configuration"
	case top == "global_defs" && (name == "process_names" || name == "process_name" ||
		strings.HasSuffix(name, "_process_name")):
		return StatusNoEffect, "hakeep runs as one process"
	case top == "global_defs" && name == "random_seed":
		return StatusNoEffect, "${_RANDOM} is seeded by hakeep"
	case name == "nb_get_retry":
		return StatusImplemented, "older spelling of retry with keepalived's deprecation warning; 2.2.7 reads it in HTTP_GET and SSL_GET only, hakeep in every checker"
	case name == "nat_mask":
		return StatusNoEffect, "removed from keepalived long ago; accepted with a warning"
	}
	if status, note, ok := vrrpStatus(path); ok {
		return status, note
	}
	if status, note, ok := lvsStatus(path); ok {
		return status, note
	}
	return StatusNotYet, engineFor(path) + " not implemented yet"
}

// vrrpStatus is the status of the keywords the VRRP side runs
// (keepalived/daemon, keepalived/vrrpmap, vrrp/): ok is false for the
// ones it does not run yet.
func vrrpStatus(path []string) (status, note string, ok bool) {
	key := strings.Join(path, "/")
	switch key {
	case "global_defs/vrrp_iptables", "global_defs/nftables", "global_defs/nftables_priority",
		"global_defs/nftables_ifindex", "global_defs/nftables_counters":
		return StatusNoEffect, "hakeep installs no firewall rules; without accept mode it logs the rules keepalived would add", true
	case "vrrp_instance/no_accept", "vrrp_instance/accept":
		return StatusImplemented, "accept mode: without it hakeep logs the firewall rules keepalived would add and adds none", true
	case "vrrp_instance/debug", "global_defs/max_auto_priority", "global_defs/min_auto_priority_delay":
		return StatusNoEffect, "keepalived's scheduling and debug knobs do not apply to hakeep", true
	case "global_defs/log_unknown_vrids":
		return StatusImplemented, "logged in keepalived's words, at most once a second (as hakeep's other dropped-packet messages)", true
	case "global_defs/default_interface":
		return StatusImplemented, "the interface of static addresses that name none, as in keepalived 2.2.7", true
	case "static_ipaddress", "static_routes", "static_rules":
		return StatusImplemented, "set with rtnetlink when the VRRP side starts and removed when it stops (unless -V), changed " +
			"on reload, as keepalived 2.2.7 does; a route or rule with an option hakeep does not install yet (track_group " +
			"among them) is noted and left out", true
	case "vrrp_instance/virtual_routes", "vrrp_instance/virtual_rules":
		return StatusImplemented, "installed with rtnetlink while MASTER, removed on leaving it, as keepalived 2.2.7 does; " +
			"a route or rule with an option hakeep does not install yet is noted and left out; routes and rules are not tracked " +
			"(keepalived puts an instance whose tracked route is deleted into FAULT)", true
	case "vrrp_instance/linkbeat_use_polling":
		return StatusNoEffect, "hakeep follows interfaces through netlink events", true
	case "vrrp_track_process", "vrrp_track_process/process", "vrrp_track_process/param_match",
		"vrrp_track_process/weight", "vrrp_track_process/quorum", "vrrp_track_process/quorum_max",
		"vrrp_track_process/delay", "vrrp_track_process/terminate_delay", "vrrp_track_process/fork_delay",
		"vrrp_track_process/full_command":
		return StatusImplemented, "processes are counted from /proc every second (keepalived uses the process connector)", true
	}
	implemented := map[string]bool{}
	for _, k := range strings.Fields(`
		vrrp_instance vrrp_sync_group vrrp_script track_file vrrp_track_file use_pid_dir
		global_defs/router_id global_defs/notification_email global_defs/notification_email_from
		global_defs/smtp_server global_defs/smtp_helo_name global_defs/smtp_connect_timeout global_defs/smtp_alert
		global_defs/smtp_alert_vrrp global_defs/no_email_faults global_defs/script_user global_defs/enable_script_security
		global_defs/vrrp_mcast_group4 global_defs/vrrp_mcast_group6 global_defs/vrrp_garp_master_delay
		global_defs/vrrp_garp_master_repeat global_defs/vrrp_garp_master_refresh global_defs/vrrp_garp_master_refresh_repeat
		global_defs/vrrp_garp_lower_prio_delay global_defs/vrrp_garp_lower_prio_repeat global_defs/vrrp_down_timer_adverts
		global_defs/vrrp_garp_interval global_defs/vrrp_gna_interval global_defs/vrrp_min_garp global_defs/vrrp_lower_prio_no_advert
		global_defs/vrrp_higher_prio_send_advert global_defs/vrrp_version global_defs/vrrp_check_unicast_src
		global_defs/vrrp_skip_check_adv_addr global_defs/vrrp_strict global_defs/vrrp_startup_delay
		global_defs/notify_fifo global_defs/notify_fifo_script global_defs/vrrp_notify_fifo global_defs/vrrp_notify_fifo_script
		global_defs/vrrp_notify_priority_changes global_defs/fifo_write_vrrp_states_on_reload
		vrrp_instance/use_vmac vrrp_instance/vmac_xmit_base vrrp_instance/unicast_peer vrrp_instance/unicast_fault_no_peer
		vrrp_instance/check_unicast_src vrrp_instance/old_unicast_checksum vrrp_instance/state vrrp_instance/interface
		vrrp_instance/dont_track_primary vrrp_instance/track_interface vrrp_instance/track_script vrrp_instance/track_file
		vrrp_instance/track_process vrrp_instance/mcast_src_ip vrrp_instance/unicast_src_ip vrrp_instance/mcast_dst_ip
		vrrp_instance/virtual_router_id vrrp_instance/unicast_ttl vrrp_instance/version vrrp_instance/priority
		vrrp_instance/advert_int vrrp_instance/virtual_ipaddress vrrp_instance/virtual_ipaddress_excluded
		vrrp_instance/promote_secondaries vrrp_instance/skip_check_adv_addr vrrp_instance/strict_mode
		vrrp_instance/preempt vrrp_instance/nopreempt vrrp_instance/preempt_delay vrrp_instance/notify_backup
		vrrp_instance/notify_master vrrp_instance/notify_fault vrrp_instance/notify_stop vrrp_instance/notify_deleted
		vrrp_instance/notify vrrp_instance/notify_master_rx_lower_pri vrrp_instance/smtp_alert
		vrrp_instance/notify_priority_changes vrrp_instance/garp_master_delay vrrp_instance/garp_master_refresh
		vrrp_instance/garp_master_repeat vrrp_instance/garp_master_refresh_repeat vrrp_instance/garp_lower_prio_delay
		vrrp_instance/garp_lower_prio_repeat vrrp_instance/down_timer_adverts vrrp_instance/lower_prio_no_advert
		vrrp_instance/higher_prio_send_advert vrrp_instance/authentication vrrp_instance/authentication/auth_type
		vrrp_instance/authentication/auth_pass
		vrrp_script/script vrrp_script/interval vrrp_script/timeout vrrp_script/weight vrrp_script/rise vrrp_script/fall
		vrrp_script/user vrrp_script/init_fail
		vrrp_sync_group/group vrrp_sync_group/track_interface vrrp_sync_group/track_script vrrp_sync_group/track_file
		vrrp_sync_group/track_process vrrp_sync_group/notify_backup vrrp_sync_group/notify_master
		vrrp_sync_group/notify_fault vrrp_sync_group/notify_stop vrrp_sync_group/notify vrrp_sync_group/smtp_alert
		vrrp_sync_group/global_tracking vrrp_sync_group/sync_group_tracking_weight vrrp_sync_group/notify_priority_changes
		track_file/file track_file/weight track_file/init_file
		vrrp_track_file/file vrrp_track_file/weight vrrp_track_file/init_file`) {
		implemented[k] = true
	}
	if implemented[key] {
		return StatusImplemented, "run by hakeep's VRRP engine as keepalived 2.2.7 runs it", true
	}
	return "", "", false
}

// lvsStatus is the status of the keywords the checker side runs
// (keepalived/lvsmap, ipvs/lvs, ipvs/check): ok is false for the ones it
// does not run yet.
func lvsStatus(path []string) (status, note string, ok bool) {
	key := strings.Join(path, "/")
	name := path[len(path)-1]
	switch {
	case strings.Contains(key, "BFD_CHECK"):
		return "", "", false
	case name == "snmp_name":
		return StatusNoEffect, "hakeep has no SNMP agent", true
	case name == "regex_stack":
		return StatusNoEffect, "Go's regexp needs no PCRE2 JIT stack", true
	case name == "regex_options":
		return StatusImplemented, "caseless, multiline, dotall and ungreedy apply; Go's RE2 syntax has no backreferences or lookaround, and extended is refused", true
	case name == "regex":
		return StatusImplemented, "matched with Go's RE2 regexp over the response read (PCRE2 features without a RE2 equivalent are refused)", true
	case name == "ha_suspend":
		return StatusImplemented, "local addresses are read every 500 ms (keepalived follows netlink events)", true
	case name == "FILE_CHECK" || (len(path) > 2 && path[len(path)-2] == "FILE_CHECK"):
		return StatusImplemented, "the track file is read every 500 ms (keepalived uses inotify)", true
	case path[0] == "virtual_server" || path[0] == "virtual_server_group" || path[0] == "SSL":
		return StatusImplemented, "run by hakeep's IPVS engine and checkers as keepalived 2.2.7 runs them", true
	}
	switch key {
	case "global_defs/lvs_timeouts", "global_defs/lvs_flush", "global_defs/lvs_flush_on_stop", "global_defs/lvs_flush_onstop",
		"global_defs/checker_log_all_failures", "global_defs/rs_init_notifies", "global_defs/no_checker_emails",
		"global_defs/smtp_alert_checker":
		return StatusImplemented, "run by hakeep's IPVS engine and checkers as keepalived 2.2.7 runs them", true
	case "global_defs/lvs_notify_fifo", "global_defs/lvs_notify_fifo_script":
		// daemon.CheckerEnv.Notify is not wired: the checkers'
		// "VS ..." and "RS ..." lines reach no FIFO.
		return StatusNotYet, "the checkers' VS and RS lines are not written to FIFOs yet", true
	case "global_defs/lvs_netlink_cmd_rcv_bufs", "global_defs/lvs_netlink_cmd_rcv_bufs_force",
		"global_defs/lvs_netlink_monitor_rcv_bufs", "global_defs/lvs_netlink_monitor_rcv_bufs_force":
		return StatusNoEffect, "hakeep's checker side keeps no rtnetlink command or monitor socket (ha_suspend reads the local addresses every 500 ms)", true
	case "global_defs/lvs_sync_daemon":
		return StatusImplemented, "both sync daemons run while keepalived runs, or one follows the VRRP instance named (inst) as keepalived 2.2.7 does", true
	}
	return "", "", false
}

// engineFor names the hakeep part the keyword at path configures.
func engineFor(path []string) string {
	if path[0] == "global_defs" && len(path) > 1 {
		return globalEngine(path[1])
	}
	return engineOf(path[0])
}

// globalEngine names the hakeep part a global_defs keyword configures.
func globalEngine(name string) string {
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("smtp_", "notification_email", "no_email_faults", "no_checker_emails", "router_id"):
		return "email notifications"
	case has("snmp_", "enable_snmp", "enable_traps"):
		return "SNMP"
	case has("enable_dbus", "dbus_"):
		return "DBus"
	case has("lvs_", "checker_", "nftables_ipvs", "rs_init_notifies"):
		return "IPVS and health checkers"
	case has("bfd_"):
		return "BFD"
	case has("vrrp_", "nftables", "max_auto_priority", "min_auto_priority_delay", "dynamic_interfaces",
		"default_interface", "disable_local_igmp", "log_unknown_vrids", "vmac_"):
		return "VRRP"
	case has("notify_fifo"):
		return "notification FIFOs"
	}
	return "process management"
}

// engineOf names the hakeep part that runs what a root keyword configures.
func engineOf(root string) string {
	switch root {
	case "global_defs", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "use_pid_dir",
		"instance", "child_wait_time", "linkbeat_use_polling":
		return "process management and notifications"
	case "SSL", "virtual_server_group", "virtual_server":
		return "IPVS and health checkers"
	case "bfd_instance":
		return "BFD"
	case "track_file", "vrrp_track_file":
		return "file tracking"
	}
	return "VRRP"
}

// noteStatus records, once per keyword, that a keyword in use has no
// effect yet.
func (p *pass) noteStatus(kw *keyword, l *line) {
	status, note := keywordStatus(p.path)
	if status != StatusNotYet {
		return
	}
	key := strings.Join(p.path, "/")
	if p.noted[key] {
		return
	}
	p.noted[key] = true
	section := "top level"
	if len(p.path) > 1 {
		section = strings.Join(p.path[:len(p.path)-1], "/")
	}
	p.res.Notes = append(p.res.Notes, Note{Pos: l.pos, Section: section, Keyword: kw.name,
		Engine: engineFor(p.path), Text: key + ": " + note})
}

// KeywordDocs lists every keyword keepalived 2.2.7 knows, where it goes
// and what hakeep does with it.
func KeywordDocs() []KeywordDoc {
	v := &vrrpReader{trackFiles: &trackFiles{}}
	c := &lvsReader{trackFiles: &trackFiles{}}
	g := &globalReader{g: &Global{}}
	var roots []*keyword
	roots = append(roots, g.keywords(true)...)
	roots = append(roots, vrrpRoots(true, v)...)
	roots = append(roots, checkRoots(true, c)...)
	roots = append(roots, bfdRoots(ReadingBFD, true, &bfdReader{})...)
	roots = append(roots, trackFileRoots(true, v.trackFiles)...)
	seen := map[string]bool{}
	var out []KeywordDoc
	var walk func(kws []*keyword, path []string)
	walk = func(kws []*keyword, path []string) {
		for _, k := range kws {
			full := append(append([]string(nil), path...), k.name)
			key := strings.Join(full, "/")
			if seen[key] {
				continue
			}
			seen[key] = true
			section := "top level"
			if len(path) > 0 {
				section = strings.Join(path, "/")
			}
			status, note := keywordStatus(full)
			out = append(out, KeywordDoc{Section: section, Keyword: k.name, Status: status, Note: note})
			walk(k.sub, full)
		}
	}
	walk(roots, nil)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Section < out[j].Section })
	return out
}

// routeOptionsNotRun are the virtual_routes / static_routes options
// hakeep does not install yet: a route using one is left out, with a
// note (those it runs: inet/inet6, src, via/gw, table, protocol, scope,
// metric, dev/oif, onlink, the unicast, blackhole, unreachable, prohibit
// and throw types, no_track).
var routeOptionsNotRun = map[string]bool{
	"as": true, "from": true, "tos": true, "dsfield": true, "encap": true, "expires": true, "mtu": true,
	"advmss": true, "reordering": true, "cwnd": true, "ssthresh": true, "hoplimit": true, "rtt": true,
	"rttvar": true, "rto_min": true, "window": true, "initcwnd": true, "initrwnd": true, "realms": true,
	"features": true, "quickack": true, "fastopen_no_cookie": true, "congctl": true, "pref": true,
	"ttl-propagate": true, "or": true, "nexthop": true, "track_group": true,
}

// ruleOptionsNotRun are the virtual_rules / static_rules options hakeep
// does not install yet (those it runs: inet/inet6, from, to, not,
// table/lookup, preference, fwmark, iif/dev, oif, protocol, the
// blackhole, unreachable and prohibit actions, no_track).
var ruleOptionsNotRun = map[string]bool{
	"tos": true, "dsfield": true, "realms": true, "suppress_prefixlength": true, "sup_pl": true,
	"suppress_ifgroup": true, "sup_group": true, "tunnel-id": true, "uidrange": true, "l3mdev": true,
	"ipproto": true, "sport": true, "dport": true, "goto": true, "nop": true, "track_group": true,
}

// noteNotRun notes a route or rule that uses options hakeep does not
// install: it is left out (keepalived/vrrpmap skips it).
func (p *pass) noteNotRun(w *line, what string, notRun []string) {
	if len(notRun) == 0 {
		return
	}
	key := strings.Join(p.path, "/")
	p.res.Notes = append(p.res.Notes, Note{Pos: w.pos, Section: key, Keyword: p.path[len(p.path)-1],
		Engine: "VRRP", Text: key + ": " + what + " option(s) " + strings.Join(notRun, ", ") +
			" not implemented yet - this " + what + " is not installed"})
}
