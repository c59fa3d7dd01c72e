package main

import "strings"

// argKind is how an option takes its argument (getopt_long's has_arg).
type argKind int

const (
	noArg argKind = iota
	requiredArg
	// optionalArg options take an argument only when it is attached:
	// -tFILE or --config-test=FILE.
	optionalArg
)

// optSpec is one of keepalived's options (long_options in core/main.c).
type optSpec struct {
	long  string
	short byte // 0 for long-only options
	arg   argKind
}

// optionSpecs are keepalived 2.2.7's options as Debian builds it (LVS,
// VRRP, BFD and SNMP; no log files, so no --flush-log-file and -g only
// complains), in keepalived's order.
func optionSpecs() []optSpec {
	return []optSpec{
		{"use-file", 'f', requiredArg},
		{"vrrp", 'P', noArg},
		{"check", 'C', noArg},
		{"no_bfd", 'B', noArg},
		{"all", 0, noArg},
		{"log-console", 'l', noArg},
		{"log-detail", 'D', noArg},
		{"log-facility", 'S', requiredArg},
		{"log-file", 'g', optionalArg},
		{"no-syslog", 'G', noArg},
		{"umask", 'u', requiredArg},
		{"release-vips", 'X', noArg},
		{"dont-release-vrrp", 'V', noArg},
		{"dont-release-ipvs", 'I', noArg},
		{"dont-respawn", 'R', noArg},
		{"dont-fork", 'n', noArg},
		{"dump-conf", 'd', noArg},
		{"pid", 'p', requiredArg},
		{"vrrp_pid", 'r', requiredArg},
		{"genhash", 'T', noArg},
		{"checkers_pid", 'c', requiredArg},
		{"address-monitoring", 'a', noArg},
		{"bfd_pid", 'b', requiredArg},
		{"snmp", 'x', noArg},
		{"snmp-agent-socket", 'A', requiredArg},
		{"core-dump", 'm', noArg},
		{"core-dump-pattern", 'M', optionalArg},
		{"namespace", 's', requiredArg},
		{"config-id", 'i', requiredArg},
		{"signum", 0, requiredArg},
		{"config-test", 't', optionalArg},
		{"config-fd", 0, requiredArg},
		{"all-config", 'e', noArg},
		{"version", 'v', noArg},
		{"help", 'h', noArg},
	}
}

// optEvent is one option as getopt_long returns it, in command line
// order. Err, when set, is keepalived's complaint about it.
type optEvent struct {
	name     string // long name; "" for an unknown option
	value    string
	hasValue bool
	err      string
}

// scanArgs walks the command line as glibc's getopt_long() with
// keepalived's option string: options in order (clustered short options,
// attached or separate arguments, unambiguous abbreviations of long
// names), and the operands, which getopt moves to the end.
func scanArgs(args []string) (events []optEvent, operands []string) {
	specs := optionSpecs()
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return events, append(operands, args[i+1:]...)
		case strings.HasPrefix(a, "--"):
			ev, used := longOption(specs, a, args[i+1:])
			events = append(events, ev)
			i += used
		case strings.HasPrefix(a, "-") && len(a) > 1:
			evs, used := shortOptions(specs, a, args[i+1:])
			events = append(events, evs...)
			i += used
		default:
			operands = append(operands, a)
		}
	}
	return events, operands
}

// longOption reads "--name[=value]"; used is how many of the following
// arguments it took.
func longOption(specs []optSpec, a string, next []string) (ev optEvent, used int) {
	name, value, hasEq := strings.Cut(a[2:], "=")
	spec, ok := findLong(specs, name)
	if !ok {
		// keepalived prints argv[curind] for getopt's '?'.
		return optEvent{err: "Unknown option " + a}, 0
	}
	ev = optEvent{name: spec.long}
	switch spec.arg {
	case noArg:
		if hasEq {
			return optEvent{err: "Unknown option " + a}, 0
		}
	case optionalArg:
		ev.value, ev.hasValue = value, hasEq
	case requiredArg:
		switch {
		case hasEq:
			ev.value, ev.hasValue = value, true
		case len(next) > 0:
			ev.value, ev.hasValue, used = next[0], true, 1
		}
		// keepalived rejects an empty argument as well as a missing one.
		if ev.value == "" {
			ev.err = "Missing parameter for option --" + spec.long
		}
	}
	return ev, used
}

// findLong finds a long option by its name or, as getopt_long, by an
// abbreviation matching only one option.
func findLong(specs []optSpec, name string) (optSpec, bool) {
	var found []optSpec
	for _, s := range specs {
		if s.long == name {
			return s, true
		}
		if name != "" && strings.HasPrefix(s.long, name) {
			found = append(found, s)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return optSpec{}, false
}

// shortOptions reads a cluster like "-lDf FILE".
func shortOptions(specs []optSpec, a string, next []string) (evs []optEvent, used int) {
	for j := 1; j < len(a); j++ {
		c := a[j]
		spec, ok := findShort(specs, c)
		if !ok {
			evs = append(evs, optEvent{err: "Unknown option -" + string(c)})
			continue
		}
		ev := optEvent{name: spec.long}
		rest := a[j+1:]
		switch spec.arg {
		case noArg:
			evs = append(evs, ev)
			continue
		case optionalArg:
			ev.value, ev.hasValue = rest, rest != ""
		case requiredArg:
			switch {
			case rest != "":
				ev.value, ev.hasValue = rest, true
			case len(next) > 0:
				ev.value, ev.hasValue, used = next[0], true, 1
			default:
				ev.err = "Missing parameter for option -" + string(c)
			}
		}
		return append(evs, ev), used
	}
	return evs, used
}

func findShort(specs []optSpec, c byte) (optSpec, bool) {
	for _, s := range specs {
		if s.short == c && c != 0 {
			return s, true
		}
	}
	return optSpec{}, false
}
