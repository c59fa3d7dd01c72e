package engine

import (
	"sync/atomic"

	"hakeep/proxy/backend"
	"hakeep/proxy/http1"
	"hakeep/proxy/server"
)

// frameBody decodes what in holds of a body and appends it to dst framed
// for output: as is for a length, a close-delimited body or a tunnel;
// re-chunked for a chunked body, all the payload of the batch in one
// chunk, then the last chunk and the trailers once complete, as HAProxy's
// H1 mux writes it from HTX (recorded: post-chunked, chunk-many-small).
// It returns how many input bytes it consumed and whether the body
// ended.
func frameBody(d *http1.Decoder, in []byte, dst []byte, ca http1.CaseAdjust) ([]byte, int, bool, error) {
	chunked := d.Kind() == http1.BodyChunked
	const reserve = 18 // the longest size line: 16 hex digits and CRLF
	mark := len(dst)
	if chunked {
		dst = growBy(dst, reserve)
	}
	used, total := 0, 0
	ended := false
	for !ended {
		p, err := d.Next(in[used:])
		if err != nil {
			return dst[:mark], used, false, err
		}
		used += p.N
		switch p.Kind {
		case http1.PieceData:
			dst = append(dst, p.Data...)
			total += len(p.Data)
		case http1.PieceEnd:
			ended = true
		default:
			if p.N == 0 {
				goto out
			}
		}
	}
out:
	if !chunked {
		return dst, used, ended, nil
	}
	if total == 0 {
		dst = dst[:mark]
	} else {
		var tmp [reserve]byte
		line := http1.AppendChunkSize(tmp[:0], total)
		copy(dst[mark+len(line):], dst[mark+reserve:])
		copy(dst[mark:], line)
		dst = dst[:len(dst)-(reserve-len(line))]
		dst = append(dst, '\r', '\n')
	}
	if ended {
		dst = http1.AppendTrailers(dst, &d.Trailers, ca)
	}
	return dst, used, ended, nil
}

// growBy extends b by n bytes of unspecified content.
func growBy(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b[:len(b)+n]
	}
	return append(b, make([]byte, n)...)
}

// pumpState follows the goroutine that forwards a request body which did
// not arrive with its head (uploads, "Expect: 100-continue"), while the
// connection's goroutine waits for the response: HAProxy forwards both
// directions at once, and a server may answer before the body ends.
type pumpState struct {
	done  chan struct{}
	state atomic.Int32 // pumpRunning, pumpFinished, pumpAborted
}

const (
	pumpRunning int32 = iota
	pumpFinished
	pumpAborted
)

// finished reports a body forwarded to its end; aborted a body cut by
// the client (or a timeout). Both are false with no pump.
func (p *pumpState) finished() bool { return p != nil && p.state.Load() == pumpFinished }
func (p *pumpState) aborted() bool  { return p != nil && p.state.Load() == pumpAborted }

// startPump forwards the rest of the request body on its own goroutine;
// it owns h.in and h.reqDec until done is closed.
func (s *session) startPump(h *httpState, be *backend.Backend, ca http1.CaseAdjust) {
	p := &pumpState{done: make(chan struct{})}
	h.pump = p
	conn := h.conn
	go func() {
		defer close(p.done)
		if s.pumpBody(h, conn, be, ca) {
			p.state.Store(pumpFinished)
			return
		}
		p.state.Store(pumpAborted)
		// wake the response side
		conn.SetReadDeadline(past())
	}()
}

func (s *session) pumpBody(h *httpState, conn *server.Conn, be *backend.Backend, ca http1.CaseAdjust) bool {
	st := s.st
	out := st.bufs.get()
	defer st.bufs.put(out)
	cliTO, srvTO := s.fe.px.Timeouts.Client, be.Proxy.Timeouts.Server
	d := &h.reqDec
	for !d.Done() {
		if h.inOff < h.inLen {
			b, used, _, err := frameBody(d, (*h.in)[h.inOff:h.inLen], (*out)[:0], ca)
			if err != nil {
				return false
			}
			h.inOff += used
			if len(b) > 0 {
				extendWrite(conn, &conn.WriteBy, s.e.deps.Now(), srvTO)
				if _, err := conn.Write(b); err != nil {
					return false
				}
			}
			continue
		}
		h.inOff, h.inLen = 0, 0
		extendRead(s.conn, &s.rdBy, s.e.deps.Now(), cliTO)
		n, err := s.conn.Read(*h.in)
		h.inLen = n
		s.rec.BytesIn += int64(n)
		if err != nil && n == 0 {
			return false
		}
	}
	return true
}
