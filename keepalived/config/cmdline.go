package config

import "strings"

// ReadLogFacility checks keepalived's -S argument as parse_cmdline() in
// core/main.c does: a number 0-7, or "local" and a number, read with
// read_unsigned(), else one of the names "daemon" and "user". The number
// reader reports its complaints as configuration errors even when a name
// matches afterwards ("-S user" gives "invalid number 'user'"), so they
// count in the exit status of -t: pass them to Load as Options.Prior.
// ok is false when keepalived prints "Invalid log facility".
func ReadLogFacility(arg string) (facility int, ok bool, msgs []Message) {
	l := newLoader(Options{ConfigTest: true})
	p := newPass(l, ReadingNone)
	const maxFacility = 7 // LOG_LOCAL0 .. LOG_LOCAL7
	if v, good := p.readUnsigned(arg, 0, maxFacility, false); good {
		return int(v), true, l.res.Messages
	}
	if rest, local := strings.CutPrefix(arg, "local"); local {
		if v, good := p.readUnsigned(rest, 0, maxFacility, false); good {
			return int(v), true, l.res.Messages
		}
	}
	for _, name := range []string{"daemon", "user"} {
		if arg == name {
			return -1, true, l.res.Messages
		}
	}
	return -1, false, l.res.Messages
}
