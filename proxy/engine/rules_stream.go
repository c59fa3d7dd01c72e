package engine

import (
	"hakeep/proxy/sample"
)

// endStream ends the transaction's stream as stream_free does: the
// bytes it moved are counted in the entries its stick counters track
// (stream_process_counters, the stream's counter first, else the
// session's), the stream's counters are released (conn_cur goes down),
// and the backend lets it go.
func (s *session) endStream(h *httpState) {
	h.leaveBackend()
	rt := h.rt
	if rt == nil || !rt.live {
		return
	}
	rt.live = false
	c := rt.c
	tracked := false
	for i := range c.Track {
		tracked = tracked || c.Track[i].Entry != nil || c.SessTracked(i).Entry != nil
	}
	if tracked {
		in, out := s.htxTotals(h, rt)
		now := s.e.deps.Now().UnixMilli()
		for i := range c.Track {
			e := c.Track[i].Entry
			if e == nil {
				e = c.SessTracked(i).Entry
			}
			if e == nil {
				continue
			}
			if in > 0 {
				e.Add(sample.DataBytesInCnt, 0, in, now)
				e.Add(sample.DataBytesInRate, 0, in, now)
			}
			if out > 0 {
				e.Add(sample.DataBytesOutCnt, 0, out, now)
				e.Add(sample.DataBytesOutRate, 0, out, now)
			}
		}
	}
	rt.t.EndTxn()
}

// htxTotals are the stream's bytes in and out as 2.6's channels count
// them (req.total, res.total): heads by their HTX size as they arrived,
// bodies by what went through.
func (s *session) htxTotals(h *httpState, rt *ruleTxn) (in, out int64) {
	rec := &s.rec
	in = rec.BytesIn
	if in >= rt.reqWire {
		in += rt.reqHTX - rt.reqWire
	}
	out = rec.BytesOut
	if rt.resHTX == 0 || out == 0 || h.resp == nil {
		return in, out
	}
	// the head as it was written to the client
	rt.scratch = h.resp.AppendHead(rt.scratch[:0], h.x.ResponseOut(h.req, h.resp), clientCase(s.st, s.fe.px))
	if wire := int64(len(rt.scratch)); out >= wire {
		out += rt.resHTX - wire
	}
	return in, out
}
