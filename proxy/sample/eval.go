package sample

// Eval runs the expression (sample_process): the fetch fills out, then
// each converter takes it in turn, after a cast to the type it expects.
// out keeps a fetch's iteration state between calls: ACL evaluation
// calls Eval again on the same Sample while out.NotLast is set; other
// callers pass a zeroed Sample.
func (e *Expr) Eval(c *Ctx, out *Sample) bool {
	f := e.Fetch.Eval
	if f == nil {
		return false
	}
	out.Type, out.Str, out.Int, out.Const, out.MayChange = 0, nil, 0, false, false
	if !f(c, e.Args, out) {
		return false
	}
	for i := range e.Convs {
		cv := &e.Convs[i]
		if cv.Conv.Eval == nil {
			return false
		}
		if !CanCast(out.Type, cv.Conv.In) || !c.Cast(out, cv.Conv.In) {
			return false
		}
		if !cv.Conv.Eval(c, cv.Args, out) {
			return false
		}
	}
	return true
}

// EvalAs runs the expression and casts the result to t
// (sample_fetch_as_type). A result that may still change is refused
// unless the context is final.
func (e *Expr) EvalAs(c *Ctx, t Type, out *Sample) bool {
	out.Reset()
	if !e.Eval(c, out) {
		return false
	}
	if out.MayChange && !c.Final {
		return false
	}
	if !CanCast(out.Type, t) {
		return false
	}
	return c.Cast(out, t)
}

// EvalIter is Eval for ACLs: fetches that hold several values (headers,
// cookies, parameters) return them one per call, with out.NotLast set
// while more follow. Call with a zeroed Sample first.
func (e *Expr) EvalIter(c *Ctx, out *Sample) bool {
	c.iterate = true
	ok := e.Eval(c, out)
	c.iterate = false
	return ok
}
