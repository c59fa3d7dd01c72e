package genhash

import "strings"

// opt is one of genhash's options (long_options in check_genhash.c).
type opt struct {
	long  string
	short byte
	arg   bool
}

func options() []opt {
	return []opt{
		{"help", 'h', false}, {"verbose", 'v', false}, {"use-ssl", 'S', false}, {"use-sni", 'I', false},
		{"server", 's', true}, {"use-virtualhost", 'V', true}, {"port", 'p', true}, {"url", 'u', true},
		{"fwmark", 'm', true}, {"protocol", 'P', true}, {"timeout", 't', true},
	}
}

// event is one getopt_long() return: an option with its argument, or a
// complaint (c is '?' for an unknown option, ':' for a missing argument;
// text is what keepalived prints).
type event struct {
	c     byte
	value string
	text  string
}

// scan is glibc's getopt_long() with the option string ":hvSs:V:p:u:m:P:t:I"
// over args: clusters of short options, attached or separate arguments,
// unambiguous abbreviations of long ones, and the operands permuted to
// the end (returned apart).
func scan(args []string) (events []event, operands []string) {
	opts := options()
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return events, append(operands, args[i+1:]...)
		case strings.HasPrefix(a, "--"):
			name, value, hasEq := strings.Cut(a[2:], "=")
			o, ok := findLong(opts, name)
			if !ok {
				events = append(events, event{c: '?', text: "Unknown option " + a})
				continue
			}
			switch {
			case !o.arg && hasEq:
				events = append(events, event{c: '?', text: "Unknown option " + a})
			case !o.arg:
				events = append(events, event{c: o.short})
			case hasEq:
				events = append(events, event{c: o.short, value: value})
			case i+1 < len(args):
				i++
				events = append(events, event{c: o.short, value: args[i]})
			default:
				events = append(events, event{c: ':', text: "Missing parameter for option --" + o.long})
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for j := 1; j < len(a); j++ {
				o, ok := findShort(opts, a[j])
				if !ok {
					events = append(events, event{c: '?', text: "Unknown option -" + string(a[j])})
					continue
				}
				if !o.arg {
					events = append(events, event{c: o.short})
					continue
				}
				switch {
				case j+1 < len(a):
					events = append(events, event{c: o.short, value: a[j+1:]})
				case i+1 < len(args):
					i++
					events = append(events, event{c: o.short, value: args[i]})
				default:
					events = append(events, event{c: ':', text: "Missing parameter for option -" + string(a[j])})
				}
				break
			}
		default:
			operands = append(operands, a)
		}
	}
	return events, operands
}

func findLong(opts []opt, name string) (opt, bool) {
	var found []opt
	for _, o := range opts {
		if o.long == name {
			return o, true
		}
		if name != "" && strings.HasPrefix(o.long, name) {
			found = append(found, o)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return opt{}, false
}

func findShort(opts []opt, c byte) (opt, bool) {
	for _, o := range opts {
		if o.short == c {
			return o, true
		}
	}
	return opt{}, false
}
