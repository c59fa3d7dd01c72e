package rules

import (
	"net/netip"

	"hakeep/proxy/sample"
)

// setReqLine is set-path, set-pathq, set-query, set-uri and set-method
// (http_action_replace_stline).
func (t *Txn) setReqLine(action string, f *Format) bool {
	if t.Req == nil {
		return true
	}
	t.fmt = t.render(f.Value, t.fmt)
	v := t.fmt
	switch action {
	case "set-method":
		return t.Req.SetMethod(v)
	case "set-uri":
		return t.Req.SetURI(v)
	}
	uri := t.Req.URI()
	pre, path, query := splitURI(uri)
	out := append(t.fmt2[:0], pre...)
	switch action {
	case "set-path":
		out = append(out, v...)
		out = append(out, query...)
	case "set-pathq":
		out = append(out, v...)
	case "set-query":
		out = append(out, path...)
		if len(v) > 0 || len(query) > 0 {
			out = append(out, '?')
			out = append(out, v...)
		}
	}
	t.fmt2 = out
	return t.Req.SetURI(out)
}

// splitURI cuts a URI into what precedes the path (scheme and
// authority), the path and the query with its '?'.
func splitURI(uri []byte) (pre, path, query []byte) {
	p, ok := sample.HTTPPath(uri)
	if !ok {
		p = uri[len(uri):]
	}
	pre = uri[:len(uri)-len(p)]
	path = p
	for i, c := range p {
		if c == '?' {
			path, query = p[:i], p[i:]
			break
		}
	}
	return pre, path, query
}

// replaceURI is replace-uri, replace-path and replace-pathq: the part
// is replaced as a whole when the regex matches it.
func (t *Txn) replaceURI(action string, rp *Replace) bool {
	if t.Req == nil || rp.Re == nil {
		return true
	}
	uri := t.Req.URI()
	pre, path, query := splitURI(uri)
	var part []byte
	switch action {
	case "replace-uri":
		part = uri
	case "replace-path":
		part = path
	default:
		part = uri[len(pre):]
	}
	loc := rp.Re.FindSubmatchIndex(part)
	if loc == nil {
		return true
	}
	t.fmt = t.render(rp.Value, t.fmt)
	repl := sample.UnsafeString(t.fmt)
	out := t.fmt2[:0]
	switch action {
	case "replace-uri":
		out = sample.ExpReplace(out, part, repl, loc)
	case "replace-path":
		out = append(out, pre...)
		out = sample.ExpReplace(out, part, repl, loc)
		out = append(out, query...)
	default:
		out = append(out, pre...)
		out = sample.ExpReplace(out, part, repl, loc)
	}
	t.fmt2 = out
	return t.Req.SetURI(out)
}

// setVar is set-var, set-var-fmt and unset-var (action_store).
func (t *Txn) setVar(v *Var) {
	switch v.Kind {
	case "unset-var":
		t.C.UnsetVar(&v.Var)
		return
	case "set-var-fmt":
		t.fmt = t.render(v.Format, t.fmt)
		s := sample.Sample{Type: sample.Str, Str: t.fmt}
		if sample.VarCondStrs(t.C, &v.Var, v.Conds, &s) {
			t.C.SetVar(&v.Var, &s)
		}
		return
	}
	s := t.C.TempSample()
	defer t.C.FreeSample()
	if !v.Expr.Eval(t.C, s) {
		return
	}
	if sample.VarCondStrs(t.C, &v.Var, v.Conds, s) {
		t.C.SetVar(&v.Var, s)
	}
}

// capture stores a captured value as a string in its slot: a request
// slot for request rules, a response slot for response rules.
func (t *Txn) capture(r *Rule, c *Capture) {
	s := t.C.TempSample()
	defer t.C.FreeSample()
	if !c.Expr.EvalAs(t.C, sample.Str, s) {
		return
	}
	res := r.Set == HTTPResponse || r.Set == HTTPAfterResponse || r.Set == TCPResponseContent
	t.Captures.store(res, c.ID, c.Len, s.Str)
}

// setAddr is set-src, set-dst (the port kept) and set-src-port,
// set-dst-port.
func (t *Txn) setAddr(action string, e *Expr) {
	c := t.C
	s := c.TempSample()
	defer c.FreeSample()
	switch action {
	case "set-src", "set-dst":
		if !e.Expr.EvalAs(c, sample.Addr, s) {
			return
		}
		a := s.Addr
		if action == "set-src" {
			c.Src = netip.AddrPortFrom(a, c.Src.Port())
		} else {
			c.Dst = netip.AddrPortFrom(a, c.Dst.Port())
		}
	default:
		if !e.Expr.EvalAs(c, sample.SInt, s) {
			return
		}
		if action == "set-src-port" {
			c.Src = netip.AddrPortFrom(c.Src.Addr(), uint16(s.Int))
		} else {
			c.Dst = netip.AddrPortFrom(c.Dst.Addr(), uint16(s.Int))
		}
	}
}

// track is http-request track-sc<n>: the first rule that tracks a
// counter wins; tracking counts the request in http_req_cnt and
// http_req_rate.
func (t *Txn) track(r *Rule) {
	tr := r.Args.(*Track)
	c := t.C
	if tr.Slot < 0 || tr.Slot >= len(c.Track) || c.Env == nil {
		return
	}
	// connection and session rules track for the whole session
	slots := &c.Track
	if r.Set == TCPRequestConnection || r.Set == TCPRequestSession {
		if c.Sess == nil {
			return
		}
		slots = &c.Sess.Track
	}
	if slots[tr.Slot].Entry != nil || c.Track[tr.Slot].Entry != nil {
		return
	}
	name := r.Proxy
	if tr.HasTable {
		name = tr.Table
	}
	tbl := c.Env.Table(name)
	if tbl == nil {
		return
	}
	key := c.TempSample()
	defer c.FreeSample()
	if !tr.Expr.Eval(c, key) {
		return
	}
	now := c.NowMs()
	ent := tbl.Get(c, key)
	if ent == nil {
		return
	}
	ent.Track(1)
	slots[tr.Slot] = sample.Tracked{Table: tbl, Entry: ent}
	// stream_start_counters: a new tracker counts a connection
	ent.Add(sample.DataConnCur, 0, 1, now)
	ent.Add(sample.DataConnCnt, 0, 1, now)
	ent.Add(sample.DataConnRate, 0, 1, now)
	if r.Set == HTTPRequest {
		ent.Add(sample.DataHTTPReqCnt, 0, 1, now)
		ent.Add(sample.DataHTTPReqRate, 0, 1, now)
	}
}

// EndTxn releases the stream's stick counters at the end of a
// transaction.
func (t *Txn) EndTxn() {
	c := t.C
	for i := range c.Track {
		if e := c.Track[i].Entry; e != nil {
			e.Track(-1)
			e.Add(sample.DataConnCur, 0, -1, c.NowMs())
		}
		c.Track[i] = sample.Tracked{}
	}
}

// tracked returns the entry of a stick counter (the stream's, else the
// session's).
func (t *Txn) tracked(slot int) sample.Entry {
	c := t.C
	if slot < 0 || slot >= len(c.Track) {
		return nil
	}
	if e := c.Track[slot].Entry; e != nil {
		return e
	}
	return c.SessTracked(slot).Entry
}

// incGPC is sc-inc-gpc(<idx>,<sc>), sc-inc-gpc0/1(<sc>).
func (t *Txn) incGPC(cn *Counter) {
	e := t.tracked(cn.Slot)
	if e == nil {
		return
	}
	now := t.C.NowMs()
	switch {
	case cn.Legacy == 0:
		e.Add(sample.DataGPC0, 0, 1, now)
		e.Add(sample.DataGPC0Rate, 0, 1, now)
	case cn.Legacy == 1:
		e.Add(sample.DataGPC1, 0, 1, now)
		e.Add(sample.DataGPC1Rate, 0, 1, now)
	default:
		e.Add(sample.DataGPC, cn.Index, 1, now)
		e.Add(sample.DataGPCRate, cn.Index, 1, now)
	}
}

// setGPT is sc-set-gpt(<idx>,<sc>) and sc-set-gpt0(<sc>) <value|expr>.
func (t *Txn) setGPT(cn *Counter) {
	e := t.tracked(cn.Slot)
	if e == nil {
		return
	}
	v := cn.Value
	if cn.Expr != nil {
		s := t.C.TempSample()
		defer t.C.FreeSample()
		if !cn.Expr.EvalAs(t.C, sample.SInt, s) {
			return
		}
		v = s.Int
	}
	if cn.Legacy == 0 {
		e.Set(sample.DataGPT0, 0, v)
		return
	}
	e.Set(sample.DataGPT, cn.Index, v)
}
