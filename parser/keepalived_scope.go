package parser

// kaScope follows keepalived's parent reading of the configuration
// (lib/parser.c process_stream with the parent's keyword table) just far
// enough to know when include_check is read as a global_defs keyword: the
// parent applies it then, so it governs the includes that follow
// (keepalived.conf(5), global_defs). Braces alone do not say it: a '{'
// after an unknown keyword is ignored ("Unexpected '{'"), global_defs
// without its '{' still reads the next lines, and the other processes'
// blocks are skipped whole.
type kaScope struct {
	inGlobal bool
	// needOpen: global_defs was read, its '{' may come next.
	needOpen bool
	// skip is skip_sublevel for the blocks the parent skips: >0 inside,
	// -1 when the next line may open one.
	skip int
	// value is alloc_value_block's state inside global_defs: 1 when
	// its '{' may come next, 2 inside.
	value int
}

// kaParentSkipped are the root keywords the parent installs inactive
// (the VRRP, checker and BFD processes read them): their blocks are
// skipped.
func kaParentSkipped(word string) bool {
	switch word {
	case "track_group", "static_ipaddress", "static_routes", "static_rules", "vrrp_sync_group",
		"garp_group", "linkbeat_interfaces", "vrrp_instance", "vrrp_script", "vrrp_track_process",
		"interface_up_down_delays", "SSL", "virtual_server_group", "virtual_server", "bfd_instance",
		"track_file", "vrrp_track_file":
		return true
	}
	return false
}

// line takes the words of one line as the parent reads it (braces stand
// alone) and reports whether it is global_defs' include_check.
func (s *kaScope) line(words []string) bool {
	first, last := words[0], words[len(words)-1]
	if s.value != 0 {
		// alloc_value_block: an optional '{', values, up to a '}'.
		if s.value == 1 {
			s.value = 2
			if first == "{" && len(words) == 1 {
				return false
			}
		}
		if last == "}" {
			s.value = 0
		}
		return false
	}
	if s.skip == -1 {
		if first == "{" {
			s.skip = 1
			return false
		}
		s.skip = 0
	}
	if s.skip > 0 {
		for _, w := range words {
			if w == "{" {
				s.skip++
			} else if w == "}" {
				if s.skip--; s.skip == 0 {
					break
				}
			}
		}
		return false
	}
	if s.needOpen {
		s.needOpen = false
		if first == "{" {
			return false
		}
	} else if first == "{" {
		return false
	}
	if !s.inGlobal {
		switch {
		case first == "global_defs":
			s.inGlobal, s.needOpen = true, last != "{"
		case kaParentSkipped(first):
			if last == "{" {
				s.skip = 1
			} else {
				s.skip = -1
			}
		}
		return false
	}
	switch first {
	case "}":
		s.inGlobal = false
	case "include_check":
		return true
	case "notification_email":
		s.value = 1
	}
	return false
}
