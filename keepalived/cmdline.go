package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"

	"hakeep/keepalived/config"
)

// cmdline is the state of parse_cmdline() in core/main.c while it goes
// through the options in order: some act at once (-v, -h, --signum, -T),
// some complain at once (-S, -u), and -t FILE sends what follows to FILE.
type cmdline struct {
	prog           string
	args           []string // the arguments after the program name
	stdout, stderr io.Writer
	// testLog is the -t file while it is open.
	testLog *os.File
	// testing is set once -t has been seen: configuration errors
	// reported after it are printed.
	testing bool
	// bad is set when keepalived will exit 1 after reading its options.
	bad bool
	// prior are the configuration errors the options reported.
	prior []config.Message
}

// option acts on one option as keepalived does when getopt_long returns
// it; exit says keepalived exits there with code.
func (c *cmdline) option(ev optEvent) (code int, exit bool) {
	if ev.err != "" {
		fmt.Fprintln(c.stderr, ev.err)
		c.bad = true
		return 0, false
	}
	switch ev.name {
	case "version":
		printVersion(c.stderr)
		return 0, true
	case "help":
		usage(c.stderr, c.prog)
		return 0, true
	case "genhash":
		return c.genhash(), true
	case "signum":
		n, ok := signum(ev.value)
		if !ok {
			fmt.Fprintf(c.stderr, "Unknown sigfunc %s\n", ev.value)
			return 1, true
		}
		fmt.Fprintf(c.stdout, "%d\n", n)
		return 0, true
	case "log-facility":
		_, ok, msgs := config.ReadLogFacility(ev.value)
		for _, m := range msgs {
			// report_config_error() prints only once -t is set;
			// the error counts either way.
			if c.testing {
				fmt.Fprintln(c.stderr, m)
			}
			c.prior = append(c.prior, m)
		}
		if !ok {
			fmt.Fprintf(c.stderr, "Invalid log facility '%s'\n", ev.value)
		}
	case "log-file":
		// Debian builds keepalived without --enable-log-file.
		fmt.Fprintln(c.stderr, "-g requires configure option --enable-log-file")
		c.bad = true
	case "umask":
		if !validUmask(ev.value) {
			// keepalived's message has no newline.
			fmt.Fprintf(c.stderr, "Invalid --umask option %s", ev.value)
		}
	case "config-test":
		c.testing = true
		if ev.value != "" {
			f, err := os.OpenFile(ev.value, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
			if err != nil {
				fmt.Fprintf(c.stderr, "Unable to open config-test log file %s %d - %s\n", ev.value, errnoOf(err), errText(err))
				return 1, true
			}
			// keepalived dup2()s it onto stderr.
			c.close()
			c.testLog, c.stderr = f, f
		}
	}
	return 0, false
}

func (c *cmdline) close() {
	if c.testLog != nil {
		c.testLog.Close()
		c.testLog = nil
	}
}

// validUmask is set_umask()'s check: strtoll base 0, all of it, no bits
// beyond 0777.
func validUmask(s string) bool {
	v, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		// strtoll also accepts leading blanks and a leading "+".
		return false
	}
	return v >= 0 && v&^0o777 == 0
}
