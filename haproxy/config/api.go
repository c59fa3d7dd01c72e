// Package config turns haproxy.cfg into the proxy engine's typed
// configuration, with the semantic checks and messages of `haproxy -c`.
package config

import (
	"net/netip"

	"hakeep/parser"
)

// Message is one line `haproxy -c` would print for the configuration.
type Message struct {
	Severity parser.Severity
	// Pos is the place the message names, zero when it names none. Kept
	// apart from Text so differential tests compare places exactly.
	Pos parser.Pos
	// Text is the message exactly as HAProxy 2.6 prints it after its
	// "[ALERT]    (pid) : " prefix, e.g.
	// "config : parsing [a.cfg:3] : unknown keyword 'x' in 'global' section".
	Text string
	// Hakeep marks hakeep's own notices (a keyword it accepts but does
	// not run yet): not one of 2.6's messages, so neither zero-warning
	// nor "Warnings were found." should count it.
	Hakeep bool
}

// Options are the inputs of Load besides the files.
type Options struct {
	Parser parser.HAProxyOptions
	// LookupHost resolves the host names HAProxy resolves while
	// loading (bind addresses, server addresses at start-up, log
	// targets). nil means the system resolver (/etc/hosts, then DNS).
	LookupHost func(host string) ([]netip.Addr, error)
	// LocalPeer is the -L command line option: this process' name in
	// peers sections. Empty means the global "localpeer", else the host
	// name.
	LocalPeer string
	// MasterWorker is the -W/-Ws command line option.
	MasterWorker bool
}
