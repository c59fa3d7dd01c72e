package sample

import "sync"

// Vars holds the variables of every scope a stream sees
// (configuration.txt §2.8 "Variables" and "set-var"): the process-wide
// ones are shared, the session's live as long as the client connection,
// the transaction's until the next request, and the req/res ones only
// during the request or the response analysis.
type Vars struct {
	// Proc is shared by every stream of one configuration; nil keeps no
	// process variable.
	Proc *ProcVars
	// Sess is the session's list (Session.Vars); nil keeps no session
	// variable.
	Sess *VarList
	Txn  VarList
	// ReqRes is the request's variables until the response analysis
	// starts, then the response's (2.6 swaps one list).
	ReqRes     VarList
	reqResScop Scope
}

func (v *Vars) init() { v.reqResScop = ScopeReq }

// BeginTxn forgets the transaction's variables for the next request.
func (v *Vars) BeginTxn() {
	v.Txn.Reset()
	v.ReqRes.Reset()
	v.reqResScop = ScopeReq
}

// BeginResponse drops the request variables: from now on the req/res
// list holds the response's (process_stream's vars_prune on the switch).
func (v *Vars) BeginResponse() {
	if v.reqResScop != ScopeRes {
		v.ReqRes.Reset()
		v.reqResScop = ScopeRes
	}
}

// list returns the list of a scope, or nil when the scope is not
// available now.
func (v *Vars) list(s Scope) *VarList {
	switch s {
	case ScopeSess:
		return v.Sess
	case ScopeTxn:
		return &v.Txn
	case ScopeReq, ScopeRes:
		if v.reqResScop == 0 {
			v.reqResScop = ScopeReq
		}
		if v.reqResScop != s {
			return nil
		}
		return &v.ReqRes
	}
	return nil
}

// Get copies a variable into out (out.Const set: the bytes belong to the
// variable). It reports whether the variable exists.
func (c *Ctx) GetVar(v *Var, out *Sample) bool {
	if v.Scope == ScopeProc {
		if c.Vars.Proc == nil {
			return false
		}
		return c.Vars.Proc.get(c, v.Name, out)
	}
	l := c.Vars.list(v.Scope)
	if l == nil {
		return false
	}
	e := l.find(v.Name)
	if e == nil {
		return false
	}
	*out = e.smp
	out.Const = true
	return true
}

// SetVar stores a copy of s into a variable (var_set).
func (c *Ctx) SetVar(v *Var, s *Sample) bool {
	if v.Scope == ScopeProc {
		if c.Vars.Proc == nil {
			return false
		}
		c.Vars.Proc.set(v.Name, s)
		return true
	}
	l := c.Vars.list(v.Scope)
	if l == nil {
		return false
	}
	l.set(v.Name, s)
	return true
}

// UnsetVar removes a variable.
func (c *Ctx) UnsetVar(v *Var) {
	if v.Scope == ScopeProc {
		if c.Vars.Proc != nil {
			c.Vars.Proc.unset(v.Name)
		}
		return
	}
	if l := c.Vars.list(v.Scope); l != nil {
		l.unset(v.Name)
	}
}

// VarList is one scope's variables. Entries and their byte buffers are
// reused from one transaction to the next, so setting a variable only
// allocates while a connection warms up.
type VarList struct {
	list []varEntry
	n    int
}

type varEntry struct {
	name string
	smp  Sample
	buf  []byte
}

// Reset forgets every variable, keeping the storage.
func (l *VarList) Reset() { l.n = 0 }

// Len is the number of variables set.
func (l *VarList) Len() int { return l.n }

func (l *VarList) find(name string) *varEntry {
	for i := 0; i < l.n; i++ {
		if l.list[i].name == name {
			return &l.list[i]
		}
	}
	return nil
}

func (l *VarList) set(name string, s *Sample) {
	e := l.find(name)
	if e == nil {
		if l.n == len(l.list) {
			l.list = append(l.list, varEntry{})
		}
		e = &l.list[l.n]
		l.n++
		e.name = name
	}
	e.store(s)
}

func (e *varEntry) store(s *Sample) {
	e.smp = Sample{Type: s.Type, Int: s.Int, Addr: s.Addr}
	switch s.Type {
	case Str, Bin, Meth:
		e.buf = append(e.buf[:0], s.Str...)
		e.smp.Str = e.buf
	}
}

func (l *VarList) unset(name string) {
	for i := 0; i < l.n; i++ {
		if l.list[i].name == name {
			// keep the removed entry's buffer for reuse at the end
			l.list[i], l.list[l.n-1] = l.list[l.n-1], l.list[i]
			l.n--
			return
		}
	}
}

// ProcVars are the process-wide variables of one configuration.
type ProcVars struct {
	mu sync.Mutex
	l  VarList
}

// NewProcVars returns an empty set.
func NewProcVars() *ProcVars { return &ProcVars{} }

func (p *ProcVars) get(c *Ctx, name string, out *Sample) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.l.find(name)
	if e == nil {
		return false
	}
	*out = e.smp
	if e.smp.Str != nil {
		// copied out under the lock: another stream may change it
		t := c.Trash()
		if len(e.smp.Str) > cap(t) {
			return false
		}
		out.Str = append(t, e.smp.Str...)
	}
	out.Const = true
	return true
}

func (p *ProcVars) set(name string, s *Sample) {
	p.mu.Lock()
	p.l.set(name, s)
	p.mu.Unlock()
}

func (p *ProcVars) unset(name string) {
	p.mu.Lock()
	p.l.unset(name)
	p.mu.Unlock()
}
