package line

import (
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// Renderer renders lines; one renderer serves one goroutine at a time
// (it holds the sample that expressions evaluate into).
type Renderer struct {
	w   builder
	smp sample.Sample
}

// builder is the state of one line being rendered.
type builder struct {
	b   []byte
	t   *Txn
	env *Env
	smp *sample.Sample
	// space is set while the last thing written is a separator, or
	// nothing was written yet (last_isspace).
	space bool
}

// Append appends the line f renders for t to dst. max is the longest
// "len" of the frontend's targets (global.max_syslog_len): the line keeps
// at most max-1 bytes, as 2.6's buffer of that size does with its
// terminating NUL.
func (r *Renderer) Append(dst []byte, f *logformat.Format, t *Txn, env *Env, max int) []byte {
	if f == nil || len(f.Nodes) == 0 {
		return dst
	}
	start := len(dst)
	r.w = builder{b: dst, t: t, env: env, smp: &r.smp, space: true}
	w := &r.w
	for i := range f.Nodes {
		n := &f.Nodes[i]
		switch n.Kind {
		case logformat.Separator:
			if !w.space {
				w.b = append(w.b, ' ')
				w.space = true
			}
		case logformat.Text:
			w.b = append(w.b, n.Text...)
			w.space = false
		case logformat.Expr:
			w.expr(n)
			w.space = false
		case logformat.Var:
			if w.variable(n) {
				w.space = false
			}
		}
	}
	if max > 0 && len(w.b)-start > max-1 {
		w.b = w.b[:start+max-1]
	}
	out := w.b
	r.w = builder{}
	return out
}

// expr writes a %[sample expression] as a string: evaluated on the
// request side when the fetch works there, else on the response side,
// else (neither) once without a direction.
func (w *builder) expr(n *logformat.Node) {
	c := w.t.Ctx
	if c == nil || n.Expr == nil {
		w.text(nil, n)
		return
	}
	dir, final := c.Dir, c.Final
	c.Final = true
	var ok bool
	v := w.smp
	if n.Flags&logformat.ReqCap != 0 {
		c.Dir = sample.DirReq
		ok = n.Expr.EvalAs(c, sample.Str, v)
	}
	if !ok && n.Flags&logformat.ResCap != 0 {
		c.Dir = sample.DirRes
		ok = n.Expr.EvalAs(c, sample.Str, v)
	}
	if !ok && n.Flags&(logformat.ReqCap|logformat.ResCap) == 0 {
		c.Dir = sample.DirReq
		ok = n.Expr.EvalAs(c, sample.Str, v)
	}
	c.Dir, c.Final = dir, final
	if !ok {
		w.text(nil, n)
		return
	}
	w.text(v.Str, n)
}
