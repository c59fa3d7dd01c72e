package rules

import (
	"fmt"

	"hakeep/proxy/sample"
)

// State is what 2.6 looks at in the proxy's rule lists when it warns
// about rules that will run in another order than written
// (warnif_misplaced_* in cfgparse.c), and about rules following a final
// action without condition.
type State struct {
	seen       map[Set]bool
	finalNoCnd map[Set]bool
	delayReq   bool
	delayRes   bool
}

// NewState returns the state of an empty proxy section.
func NewState() *State {
	return &State{seen: map[Set]bool{}, finalNoCnd: map[Set]bool{}}
}

type afterRule struct {
	set  Set
	name string
}

// afterOrder lists the rule sets in the order cfgparse.c checks them for
// misplaced rules, with the words of the warning.
func afterOrder() []afterRule {
	return []afterRule{
		{TCPRequestSession, "a 'tcp-request session'"},
		{TCPRequestContent, "a 'tcp-request content'"},
		{MonitorFail, "a 'monitor fail'"},
		{HTTPRequest, "an 'http-request'"},
		{Redirect, "a 'redirect'"},
		{UseBackend, "a 'use_backend'"},
		{UseServer, "a 'use-server'"},
	}
}

// misplaced warns if a rule of set s (keyword kw) comes after a rule
// that runs after it, and records s.
func (c *Context) misplaced(s Set, kw string) {
	st := c.State
	if st == nil {
		return
	}
	start := -1
	switch s {
	case TCPRequestConnection:
		start = 0
	case TCPRequestSession:
		start = 1
	case TCPRequestContent:
		start = 2
	case MonitorFail:
		start = 3
	case HTTPRequest:
		start = 4
	case Redirect:
		start = 5
	}
	if start >= 0 {
		for _, a := range afterOrder()[start:] {
			if st.seen[a.set] {
				c.warn(sample.StyleParsing, fmt.Sprintf("a '%s' rule placed after %s rule will still be processed before.", kw, a.name))
				break
			}
		}
	}
	st.seen[s] = true
}

// mark records a rule without checking its place.
func (c *Context) mark(s Set) {
	if c.State != nil {
		c.State.seen[s] = true
	}
}

// InheritInspectDelay records inspect delays a proxy inherits from its
// defaults section: 2.6 then ignores the proxy's own first setting with
// "ignoring ... (was already defined)".
func (st *State) InheritInspectDelay(request, response bool) {
	st.delayReq = st.delayReq || request
	st.delayRes = st.delayRes || response
}
