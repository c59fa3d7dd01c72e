package main

import (
	"fmt"
	"io"
	"os"
	"syscall"

	"hakeep/keepalived/config"
	"hakeep/parser"
)

// loadOptions are the configuration loader's options for the command line.
func loadOptions(o Options) config.Options {
	return config.Options{
		Parser: parser.KeepalivedOptions{
			ConfigID:        o.ConfigID,
			IncludeCheckAll: o.AllConfig,
		},
		ConfigTest: o.ConfigTest,
		Namespace:  o.Namespace,
	}
}

// configTest is -t: keepalived's messages on stderr (or appended to the
// -t file), then hakeep's notes, and keepalived's exit status
// (config_test_exit in core/main.c).
func configTest(o Options, stderr io.Writer) int {
	w := stderr
	if o.ConfigTestLog != "" {
		f, err := os.OpenFile(o.ConfigTestLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "Unable to open config-test log file %s %d - %s\n", o.ConfigTestLog, errnoOf(err), errText(err))
			return 1
		}
		defer f.Close()
		w = f
	}
	res := config.Load(o.ConfigFile, loadOptions(o))
	printMessages(w, res)
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
