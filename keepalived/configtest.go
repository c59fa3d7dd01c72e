package main

import (
	"fmt"
	"io"

	"hakeep/keepalived/config"
	"hakeep/parser"
)

// loadOptions are the configuration loader's options for the command line.
func (c *cmdline) loadOptions(o Options) config.Options {
	return config.Options{
		Parser: parser.KeepalivedOptions{
			ConfigID:        o.ConfigID,
			IncludeCheckAll: o.AllConfig,
		},
		ConfigTest: o.ConfigTest,
		Namespace:  o.Namespace,
		Prior:      c.prior,
	}
}

// configTest is -t: keepalived's messages, then hakeep's notes, and
// keepalived's exit status (config_test_exit in core/main.c).
func (c *cmdline) configTest(o Options) int {
	res := config.Load(o.ConfigFile, c.loadOptions(o))
	printMessages(c.stderr, res)
	return res.TestExit
}

// printMessages writes what keepalived -t prints, then hakeep's notes.
// The notes come last and are prefixed "hakeep:" so that the first line
// is keepalived's, for tools that read it; they never change the exit
// status (see keepalived/config's package documentation).
func printMessages(w io.Writer, res *config.Result) {
	for _, m := range res.Messages {
		if !m.LogOnly {
			fmt.Fprintln(w, m)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "hakeep: %s\n", n)
	}
}
