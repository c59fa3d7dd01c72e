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
		return StatusNotYet, "older spelling of retry, accepted with a warning in every checker"
	case name == "nat_mask":
		return StatusNoEffect, "removed from keepalived long ago; accepted with a warning"
	}
	return StatusNotYet, engineFor(path) + " not implemented yet"
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
