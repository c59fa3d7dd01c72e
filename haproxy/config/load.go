package config

import (
	"hakeep/proxy"
)

// Result is the outcome of loading a configuration the way `haproxy -c`
// does.
type Result struct {
	// Messages are the lines `haproxy -c` 2.6 would print, in its order.
	Messages []Message
	// Config is the decoded configuration. It is nil when HAProxy would
	// refuse the configuration (exit status 1).
	Config *proxy.Config
	// NoListener is true for a valid configuration that has nothing to
	// listen on, where `haproxy -c` exits with status 2.
	NoListener bool
	// Quiet is set by a global "quiet" line: 2.6 sets MODE_QUIET as it
	// reads it and prints nothing more (configuration.txt section 3.1),
	// neither Messages[QuietFrom:] nor what -c prints at the end, unless
	// -V is given.
	Quiet     bool
	QuietFrom int
}

// Load reads files (each -f argument, in order) and decodes them into a
// proxy.Config with the checks and messages of HAProxy 2.6.
func Load(files []string, opts Options) *Result {
	l := newLoader(opts)
	r := l.load(files)
	r.Quiet, r.QuietFrom = l.quiet, l.quietFrom
	return r
}
