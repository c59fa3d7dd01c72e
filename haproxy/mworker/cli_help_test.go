package mworker

import "testing"

// Captured from Debian's haproxy 2.6.12 master CLI.
func TestUsageMatches26(t *testing.T) {
	const all = "  @!<pid>                                 : send a command to the <pid> process\n" +
		"  @<relative pid>                         : send a command to the <relative pid> process\n" +
		"  @master                                 : send a command to the master process\n" +
		"  operator                                : lower the level of the current CLI session to operator\n" +
		"  reload                                  : reload haproxy\n" +
		"  show cli level                          : display the level of the current CLI session\n" +
		"  show cli sockets                        : dump list of cli sockets\n" +
		"  show proc                               : show processes status\n" +
		"  show version                            : show version of the current process\n" +
		"  user                                    : lower the level of the current CLI session to user\n"
	const shows = "  show cli level                          : display the level of the current CLI session\n" +
		"  show cli sockets                        : dump list of cli sockets\n" +
		"  show proc                               : show processes status\n" +
		"  show version                            : show version of the current process\n"
	const valid = "The following commands are valid at this level:\n"
	const maybe = "Unknown command, but maybe one of the following ones is a better match:\n"
	cases := []struct {
		line string
		want string
	}{
		{"help", valid + all + helpTrailer},
		{"help show", valid + shows + helpTrailer},
		{"help reload", valid + "  reload                                  : reload haproxy\n" + helpTrailer},
		{"help help", valid + helpTrailer},
		{"show", maybe + shows + helpTrailer},
		{"show\\ version", maybe + "  show version                            : show version of the current process\n" + helpTrailer},
		{"help foo", valid +
			"  @!<pid>                                 : send a command to the <pid> process\n" +
			"  @master                                 : send a command to the master process\n" +
			"  operator                                : lower the level of the current CLI session to operator\n" +
			"  reload                                  : reload haproxy\n" +
			"  user                                    : lower the level of the current CLI session to user\n" +
			helpTrailer},
		{"foo", maybe +
			"  @!<pid>                                 : send a command to the <pid> process\n" +
			"  @master                                 : send a command to the master process\n" +
			"  operator                                : lower the level of the current CLI session to operator\n" +
			"  reload                                  : reload haproxy\n" +
			"  user                                    : lower the level of the current CLI session to user\n" +
			helpTrailer},
	}
	for _, c := range cases {
		var args []string
		for _, w := range rawWords(c.line) {
			args = append(args, unescape(w))
		}
		if got := usageMessage(args); got != c.want {
			t.Errorf("%q:\n%s\nwant:\n%s", c.line, got, c.want)
		}
	}
}

func TestCommandSplitting(t *testing.T) {
	cmd, rest, ok := nextCommand("show version;show cli level\n")
	if !ok || cmd != "show version" || rest != "show cli level\n" {
		t.Errorf("%q %q %v", cmd, rest, ok)
	}
	if _, _, ok := nextCommand("show vers"); ok {
		t.Error("an unfinished command must wait for more")
	}
	cmd, _, _ = nextCommand("set var a\\;b x\n")
	if cmd != "set var a\\;b x" {
		t.Errorf("escaped ';' ended the command: %q", cmd)
	}
	w := rawWords("  @1   show\\ info  x\t")
	if len(w) != 3 || w[0] != "@1" || w[1] != "show\\ info" || w[2] != "x" {
		t.Errorf("words %q", w)
	}
}
