package sample

import "os"

// Cap is the capability set of the proxy section an expression is in
// (PR_CAP_* in HAProxy).
type Cap uint8

const (
	CapFE  Cap = 1 << iota // frontend (a listen section has CapFE|CapBE)
	CapBE                  // backend
	CapDef                 // a defaults section (with CapFE|CapBE)
)

// ArgCtx tells which directive holds an expression, for the wording of
// argument-resolution messages (ARGC_* in HAProxy 2.6).
type ArgCtx uint8

const (
	ArgCtxNone ArgCtx = iota // "in"
	ArgACL                   // ACL keyword
	ArgSTK                   // stick rule
	ArgTRK                   // tracking rule
	ArgLOG                   // log-format string
	ArgLOGSD                 // log-format-sd string
	ArgHRQ                   // http-request expression
	ArgHRS                   // http-response expression
	ArgUIF                   // unique-id-format string
	ArgRDR                   // redirect format string
	ArgCAP                   // capture rule
	ArgSRV                   // server directive
	ArgSPOE                  // spoe-message directive
	ArgUBK                   // use_backend expression
	ArgUSRV                  // use-server or balance expression
	ArgHERR                  // http-error directive
	ArgOT                    // ot-scope directive
	ArgOPT                   // option directive
	ArgTCO                   // tcp-request connection expression
	ArgTSE                   // tcp-request session expression
	ArgTRQ                   // tcp-request content expression
	ArgTRS                   // tcp-response content expression
	ArgTCK                   // tcp-check expression
	ArgCFG                   // configuration expression
	ArgCLI                   // CLI expression
)

// where returns the words HAProxy places before "proxy '<name>'" in
// resolution messages.
func (c ArgCtx) where() string {
	switch c {
	case ArgSTK:
		return "in stick rule in"
	case ArgTRK:
		return "in tracking rule in"
	case ArgLOG:
		return "in log-format string in"
	case ArgLOGSD:
		return "in log-format-sd string in"
	case ArgHRQ:
		return "in http-request expression in"
	case ArgHRS:
		return "in http-response response in"
	case ArgUIF:
		return "in unique-id-format string in"
	case ArgRDR:
		return "in redirect format string in"
	case ArgCAP:
		return "in capture rule in"
	case ArgSRV:
		return "in server directive in"
	case ArgSPOE:
		return "in spoe-message directive in"
	case ArgUBK:
		return "in use_backend expression in"
	case ArgUSRV:
		return "in use-server or balance expression in"
	case ArgHERR:
		return "in http-error directive in"
	case ArgOT:
		return "in ot-scope directive in"
	case ArgOPT:
		return "in option directive in"
	case ArgTCO:
		return "in tcp-request connection expression in"
	case ArgTSE:
		return "in tcp-request session expression in"
	case ArgTRQ:
		return "in tcp-request content expression in"
	case ArgTRS:
		return "in tcp-response content expression in"
	case ArgTCK:
		return "in tcp-check expression in"
	case ArgCFG:
		return "in configuration expression in"
	case ArgCLI:
		return "in CLI expression in"
	}
	return "in"
}

// Context is everything the expression parsers need to know about where
// they are. The decoder builds one per section and updates File and Line
// per line; the zero value of each optional field works.
type Context struct {
	// Registry is the fetch and converter registry (required).
	Registry *Registry
	// Proxy is the section's name, Cap its capabilities.
	Proxy string
	Cap   Cap
	// File and Line locate the directive being parsed; they are recorded
	// with unresolved names for messages found after parsing.
	File string
	Line int
	// ArgCtx is the kind of directive, for resolution messages.
	ArgCtx ArgCtx
	// Refs collects names to resolve once every section is read; nil
	// leaves them unchecked.
	Refs *Refs
	// Warn receives warnings; nil drops them.
	Warn func(*Error)
	// ReadFile reads pattern and map files; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// Maps loads the files of map_* converters; nil only checks that
	// the file can be read.
	Maps MapLoader
	// Lua holds the names registered by lua-load'ed scripts; nil when
	// there is none.
	Lua *Lua
}

// IsDefaults reports whether the context is a defaults section.
func (c *Context) IsDefaults() bool { return c.Cap&CapDef != 0 }

// warn delivers a warning if anyone listens.
func (c *Context) warn(msg string) {
	if c.Warn != nil {
		c.Warn(&Error{Msg: msg, Warning: true})
	}
}

// Read reads a file named in the configuration through the context.
func (c *Context) Read(name string) ([]byte, error) {
	if c.ReadFile != nil {
		return c.ReadFile(name)
	}
	return os.ReadFile(name)
}

// With returns a copy of the context with another ArgCtx, for parsers that
// hand expressions of several kinds to this package.
func (c *Context) With(a ArgCtx) *Context {
	cp := *c
	cp.ArgCtx = a
	return &cp
}
