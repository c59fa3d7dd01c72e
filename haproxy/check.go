package main

import (
	"fmt"

	"hakeep/haproxy/config"
	"hakeep/parser"
)

// loadOptions are what the decoder needs from the command line: -W
// admits 'program' sections, -L names the local peer.
func (c *cli) loadOptions(opts *Options) config.Options {
	cond := condEnv()
	cond.LookupEnv = c.lookupEnv
	lo := config.Options{Parser: parser.HAProxyOptions{LookupEnv: c.lookupEnv, Cond: cond},
		MasterWorker: opts.MasterWorker}
	if opts.HasLocalPeer {
		lo.LocalPeer = opts.LocalPeer
	}
	return lo
}

// load decodes the configuration and prints its messages; it reports the
// exit status HAProxy would stop with, or 0 to go on. The order of the
// last checks is init()'s in src/haproxy.c: fatal errors, the master
// CLI, then -dW.
func (c *cli) loadConfig(opts *Options, files []string) (*config.Result, int) {
	res := c.load(files, c.loadOptions(opts))
	for i, m := range res.Messages {
		if res.Quiet && i == res.QuietFrom {
			c.quietFromConfig(opts)
		}
		if m.Hakeep {
			// hakeep's own "not supported yet" notices are not
			// HAProxy warnings: -dW must not turn them fatal.
			c.rep.notice(m.Severity, m.Text)
			continue
		}
		c.rep.emit(m.Severity, m.Text)
	}
	if res.Quiet {
		c.quietFromConfig(opts)
	}
	if res.Config == nil {
		return res, 1
	}
	if len(opts.MasterCLI) > 0 && !opts.MasterWorker {
		c.rep.emit(parser.SevWarning, "config : a master CLI socket was defined, but master-worker mode (-W) is not enabled.")
	}
	if opts.ZeroWarning && c.rep.warned {
		c.rep.emit(parser.SevAlert, "config : Some warnings were found and 'zero-warning' is set. Aborting.")
		return res, 1
	}
	return res, 0
}

// quietFromConfig is the global "quiet" line: as -q from there on (2.6
// sets MODE_QUIET while parsing), -V still undoing it.
func (c *cli) quietFromConfig(opts *Options) {
	opts.Quiet = true
	c.rep.quiet = opts.Quietly()
}

// check is -c (management.txt section 3): 0 for a valid configuration,
// 1 for errors, 2 for one that has nothing to listen on. Nothing is
// bound: Debian's ExecReload runs it next to the running service.
func (c *cli) check(opts *Options, files []string) int {
	res, status := c.loadConfig(opts, files)
	if status != 0 {
		return status
	}
	quiet := opts.Quietly()
	if opts.HasDumpKeywords && !quiet {
		c.rep.emit(parser.SevNotice, "-dK: hakeep does not list its keywords yet; docs/COMPAT.md has them")
	}
	if opts.DumpLibs {
		// a static Go binary has loaded nothing but itself
		if !quiet {
			fmt.Fprintln(c.stdout, "List of loaded object files:")
		}
		fmt.Fprintln(c.stdout, c.exe)
	}
	if c.rep.warned && !quiet {
		fmt.Fprintln(c.stdout, "Warnings were found.")
	}
	// In master-worker mode the master's CLI proxy listens (at least on
	// its socket pair to the worker): HAProxy never finds "no listener".
	if res.NoListener && !opts.MasterWorker {
		if !quiet {
			fmt.Fprintln(c.stdout, "Configuration file has no error but will not start (no listener) => exit(2).")
		}
		return 2
	}
	if !quiet {
		fmt.Fprintln(c.stdout, "Configuration file is valid")
	}
	return 0
}
