// Command keepalived is hakeep's keepalived: it reads keepalived.conf as
// keepalived 2.2.7 does and takes the same command line (keepalived(8)).
//
// With -t it checks the configuration and prints keepalived's messages
// with keepalived's exit codes. Running mode checks the configuration the
// same way, then stops: the VRRP, IPVS and BFD engines are not wired in
// yet.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run is keepalived's main() up to the start of its engines; it returns
// the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	prog := "keepalived"
	if len(args) > 0 {
		prog = args[0]
		args = args[1:]
	}
	// keepalived runs as genhash when called by that name (core/main.c).
	if filepath.Base(prog) == "genhash" {
		return genhash(stderr)
	}
	switch action, value := earlyAction(args); action {
	case "version":
		printVersion(stderr)
		return 0
	case "help":
		usage(stderr, prog)
		return 0
	case "genhash":
		return genhash(stderr)
	case "signum":
		n, ok := signum(value)
		if !ok {
			fmt.Fprintf(stderr, "Unknown sigfunc %s\n", value)
			return 1
		}
		fmt.Fprintf(stdout, "%d\n", n)
		return 0
	}
	o, bad := parseOptions(args, stderr)
	if len(o.Unexpected) > 0 {
		fmt.Fprint(stdout, "Unexpected argument(s): ")
		for _, a := range o.Unexpected {
			fmt.Fprintf(stdout, "%s ", a)
		}
		fmt.Fprintln(stdout)
	}
	if bad {
		return 1
	}
	if o.ConfigTest {
		return configTest(o, stderr)
	}
	return runDaemon(o, stderr)
}

// genhash is -T, keepalived's built-in genhash (check/check_genhash.c),
// which hakeep does not have yet.
func genhash(stderr io.Writer) int {
	fmt.Fprintln(stderr, "hakeep: genhash mode (-T) is not implemented yet")
	return 1
}
