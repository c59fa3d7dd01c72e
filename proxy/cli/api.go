package cli

import (
	"io"
	"strings"
	"time"

	"hakeep/proxy/acl"
	"hakeep/proxy/stats"
)

// Options are the API's dependencies besides the engine.
type Options struct {
	// Process fills what the process model knows for "show info":
	// name, version, pid, start time, limits, node... May be nil.
	Process func(p *stats.Process)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Patterns are the map and ACL pattern references ("show map", "add
	// acl"...); nil knows none.
	Patterns *acl.Env
	// Certs is the certificate store ("show ssl cert", "set ssl
	// cert"...; proxy/certstore's *Store); nil knows none.
	Certs certStore
}

// API runs the worker's Runtime API commands.
type API struct {
	rt  Runtime
	opt Options
	kws []keyword
}

// New returns the API over rt.
func New(rt Runtime, opt Options) *API {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	a := &API{rt: rt, opt: opt}
	a.kws = keywordTable(a)
	return a
}

// call is one command being run.
type call struct {
	args    []string
	payload string
	level   Level
}

// arg is the i-th word, "" past the end, as 2.6's args[] reads.
func (c *call) arg(i int) string {
	if i < len(c.args) {
		return c.args[i]
	}
	return ""
}

// handler runs a command and returns its whole answer.
type handler func(c *call) string

// Exec runs one command: its words (unescaped), its payload (after "<<"),
// at the session's level, and writes the answer without the empty line
// the session adds after every answer.
func (a *API) Exec(args []string, payload string, level Level, out io.Writer) {
	io.WriteString(out, a.Run(args, payload, level))
}

// Run is Exec returning the answer.
func (a *API) Run(args []string, payload string, level Level) string {
	if len(args) == 0 {
		return ""
	}
	if args[0] == "help" {
		return a.usageMessage(args)
	}
	kw := a.find(args)
	if kw == nil {
		return a.usageMessage(args)
	}
	if kw.run == nil {
		return "This command is not supported by hakeep.\n"
	}
	return kw.run(&call{args: args, payload: payload, level: level})
}

// find is cli_find_kw(): the keyword all of whose words lead the
// command.
func (a *API) find(args []string) *keyword {
	for i := range a.kws {
		kw := &a.kws[i]
		if len(args) < len(kw.words) {
			continue
		}
		ok := true
		for j, w := range kw.words {
			if args[j] != w {
				ok = false
				break
			}
		}
		if ok {
			return kw
		}
	}
	return nil
}

// lines joins answer lines, each ended by a newline.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
