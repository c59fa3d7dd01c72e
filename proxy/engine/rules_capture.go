package engine

import (
	"hakeep/proxy"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/rules"
)

// frontendCaptures compiles a frontend's capture slots for the rules:
// the header captures ("capture request|response header", taken from
// the messages as they arrive) and every slot's length, the header
// captures', the "declare capture" ones' and those of the "len" actions
// the decoder numbered after them.
func frontendCaptures(p *proxy.Proxy, r *pxRules) {
	spec := capture.NewSpec(&p.Captures, p.Declares)
	r.caps = spec
	for d, slots := range [2][]capture.Slot{spec.Req, spec.Res} {
		for _, s := range slots {
			r.capLens[d] = append(r.capLens[d], s.Len)
		}
	}
	for _, list := range [][]*rules.Rule{r.req, r.tcpCont} {
		for _, rr := range list {
			c, ok := rr.Args.(*rules.Capture)
			if !ok || c.ID < 0 || c.Len <= 0 {
				continue
			}
			for len(r.capLens[0]) <= c.ID {
				r.capLens[0] = append(r.capLens[0], 0)
			}
			r.capLens[0][c.ID] = c.Len
		}
	}
	if len(r.capLens[0]) == 0 {
		r.capLens[0] = []int{}
	}
	if len(r.capLens[1]) == 0 {
		r.capLens[1] = []int{}
	}
}

// Capture implements sample.Txn: a slot a rule filled, else a header
// capture (capture.req.hdr, capture.res.hdr).
func (rt *ruleTxn) Capture(res bool, i int) []byte {
	if v, ok := rt.t.Captures.Get(res, i); ok {
		return v
	}
	return rt.caps.Capture(res, i)
}
