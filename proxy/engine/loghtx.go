package engine

import "hakeep/proxy/http1"

// htxBytes turns the record's byte counts into 2.6's (%U, %B): heads
// count as their HTX size, not as the bytes on the wire.
func (s *session) htxBytes(h *httpState, lg *logState) {
	rec := &s.rec
	if rec.BytesIn >= lg.reqWire {
		rec.BytesIn += lg.reqHTX - lg.reqWire
	}
	if rec.BytesOut == 0 || h.resp == nil || h.req == nil {
		return
	}
	// the head as it was written to the client
	x := h.x
	lg.scratch = h.resp.AppendHead(lg.scratch[:0], x.ResponseOut(h.req, h.resp), clientCase(s.st, s.fe.px))
	if wire := int64(len(lg.scratch)); rec.BytesOut >= wire {
		rec.BytesOut += htxSize(h.resp) - wire
	}
}

// htxSize is what 2.6's byte counters count for a head (HTX): the start
// line's three parts behind a 20-byte struct htx_sl, each header's name
// and value, and the one byte of the end-of-headers block. The H1 parser
// drops the "close" and "keep-alive" tokens of Connection headers, and
// the header when nothing is left (H1_MF_CLEAN_CONN_HDR).
func htxSize(h *http1.Head) int64 {
	n := int64(20 + 1)
	if h.Response {
		n += int64(len(h.Bytes(h.Version)) + len(h.Bytes(h.StatusText)) + len(h.Bytes(h.Reason)))
	} else {
		n += int64(len(h.Bytes(h.MethodText)) + len(h.Bytes(h.URI)) + len(h.Bytes(h.Version)))
	}
	for i := range h.Headers {
		name, value := h.Name(i), h.Value(i)
		if foldEqual(name, "connection") {
			v := connTokens(value)
			if v == 0 {
				continue
			}
			n += int64(len(name) + v)
			continue
		}
		n += int64(len(name) + len(value))
	}
	return n
}

// connTokens is the length of a Connection value once its "close" and
// "keep-alive" tokens are removed (", " between the tokens left).
func connTokens(v []byte) int {
	n, kept := 0, 0
	for len(v) > 0 {
		i := 0
		for i < len(v) && v[i] != ',' {
			i++
		}
		tok := trimOWS(v[:i])
		if len(tok) > 0 && !foldEqual(tok, "close") && !foldEqual(tok, "keep-alive") {
			if kept > 0 {
				n += 2
			}
			n += len(tok)
			kept++
		}
		if i == len(v) {
			break
		}
		v = v[i+1:]
	}
	return n
}

func trimOWS(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
