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

	"hakeep/keepalived/genhash"
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
		return genhash.Main(append([]string{prog}, args...), 1, true, stdout, stderr)
	}
	events, operands := scanArgs(args)
	c := cmdline{prog: prog, args: args, stdout: stdout, stderr: stderr}
	defer c.close()
	for _, ev := range events {
		if code, exit := c.option(ev); exit {
			return code
		}
	}
	if len(operands) > 0 {
		fmt.Fprint(stdout, "Unexpected argument(s): ")
		for _, a := range operands {
			fmt.Fprintf(stdout, "%s ", a)
		}
		fmt.Fprintln(stdout)
	}
	if c.bad {
		return 1
	}
	o := parseOptions(events)
	o.Unexpected = operands
	if o.ConfigTest {
		return c.configTest(o)
	}
	return c.runDaemon(o)
}
