package rules

import (
	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// Context is where a rule is parsed: the ACL context (registry, proxy,
// file and line, ACLs, references, warnings), the proxy's mode, and the
// per-proxy State that orders rules.
type Context struct {
	*acl.Context
	// HTTP is set when the proxy is in mode http.
	HTTP bool
	// State remembers the rules already seen in this proxy section, for
	// 2.6's "placed after" and "previous action is final" warnings; nil
	// disables them.
	State *State
	// Experimental is the global expose-experimental-directives.
	Experimental bool
}

// proxyType is proxy_type_str().
func (c *Context) proxyType() string {
	switch {
	case c.Cap&sample.CapDef != 0:
		return "defaults"
	case c.Cap&(sample.CapFE|sample.CapBE) == sample.CapFE|sample.CapBE:
		return "proxy"
	case c.Cap&sample.CapFE != 0:
		return "frontend"
	}
	return "backend"
}

func (c *Context) isFE() bool         { return c.Cap&sample.CapFE != 0 }
func (c *Context) isBE() bool         { return c.Cap&sample.CapBE != 0 }
func (c *Context) anonDefaults() bool { return c.Cap&sample.CapDef != 0 && c.Proxy == "" }

// warn delivers a warning with the given framing.
func (c *Context) warn(style sample.Style, msg string) {
	if c.Warn != nil {
		c.Warn(&sample.Error{Msg: msg, Warning: true, Style: style})
	}
}

// sub returns a copy of the sample context with another argument context.
func (c *Context) sub(a sample.ArgCtx) *sample.Context { return c.Context.Context.With(a) }

// aclCtx returns the ACL context with the argument context set to ACLs.
func (c *Context) aclCtx() *acl.Context {
	ac := *c.Context
	ac.Context = c.Context.Context.With(sample.ArgACL)
	return &ac
}
