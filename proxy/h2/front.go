package h2

import (
	"io"
	"net"
	"sync"
	"time"

	"hakeep/proxy/http1"
)

// FrontConn presents a frontend stream to the engine as an HTTP/1.1
// client connection carrying one exchange: reads return the request in
// HTTP/1.1 form (head, then the body, chunked when its length is not
// known, with the trailers), writes take the HTTP/1.1 response and
// send it as HEADERS, DATA and trailers (h2s_frt_make_resp_headers,
// h2s_make_data, h2s_make_trailers). After a 101 to an extended
// CONNECT, or a 2xx to a CONNECT, the stream is a tunnel: DATA both
// ways, END_STREAM as the half-close (RFC 8441 5).
type FrontConn struct {
	st            *Stream
	local, remote net.Addr
	ri            requestInfo

	// read side
	pending []byte
	readEnd bool

	// write side
	wbuf   []byte
	p      http1.Parser
	resp   *http1.Head
	req    http1.Head
	dec    http1.Decoder
	phase  phase
	fields []Field
	out    []byte
	// status and statusName back the :status field.
	status     [3]byte
	statusName []byte
	// Status is the final status sent to the client (0 before).
	Status int
	// from is the HTTP/2 server connection of the response, whose
	// trailers follow a body of known length (trailers.go).
	from *BackConn
}

// phase is where the response stands.
type phase uint8

const (
	phaseHead phase = iota
	phaseBody
	phaseTunnel
	phaseDone
)

// FrontPool recycles FrontConns sized for one configuration's limits.
type FrontPool struct {
	limits http1.Limits
	p      sync.Pool
}

// NewFrontPool makes a pool for limits (tune.bufsize, tune.maxrewrite,
// tune.http.maxhdr).
func NewFrontPool(l http1.Limits) *FrontPool {
	fp := &FrontPool{limits: l}
	fp.p.New = func() any {
		fc := &FrontConn{resp: http1.NewHead(l), statusName: []byte(":status")}
		fc.p.Limits = l
		fc.dec.Limits = l
		return fc
	}
	return fp
}

// Get prepares the connection of st and appends the request's head, in
// HTTP/1.1 form, to dst.
func (fp *FrontPool) Get(st *Stream, local, remote net.Addr, dst []byte) (*FrontConn, []byte) {
	fc := fp.p.Get().(*FrontConn)
	fc.st, fc.local, fc.remote = st, local, remote
	dst, fc.ri = appendRequestH1(dst, st.Fields, st.EndOnHeaders)
	fc.req = http1.Head{}
	switch {
	case fc.ri.head:
		fc.req.Method = http1.MethodHead
	case fc.ri.connect:
		fc.req.Method = http1.MethodConnect
	}
	if fc.ri.extConnect {
		fc.req.Flags |= http1.FlagConnUpgrade
	}
	fc.readEnd = !fc.ri.hasBody && !fc.ri.extConnect && !fc.ri.connect
	fc.p.Reset()
	fc.resp.Reset()
	fc.phase = phaseHead
	fc.Status = 0
	fc.from = nil
	return fc, dst
}

// Put gives fc back once the engine is done with it.
func (fp *FrontPool) Put(fc *FrontConn) {
	fc.st = nil
	fc.pending = fc.pending[:0]
	fc.wbuf = fc.wbuf[:0]
	fc.fields = fc.fields[:0]
	fc.out = fc.out[:0]
	fc.from = nil
	fp.p.Put(fc)
}

// Read returns the request body in HTTP/1.1 framing. Once it ended, a
// read waits as on a client connection that sends nothing more, until
// the stream is reset or the deadline passes; in a tunnel the client's
// END_STREAM reads as the end of input.
func (fc *FrontConn) Read(b []byte) (int, error) {
	for {
		if len(fc.pending) > 0 {
			n := copy(b, fc.pending)
			fc.pending = fc.pending[n:]
			return n, nil
		}
		if fc.readEnd {
			if fc.phase == phaseTunnel {
				return 0, io.EOF
			}
			return 0, fc.st.waitEnd()
		}
		if !fc.ri.chunked {
			n, err := fc.st.Read(b)
			if err == io.EOF {
				fc.readEnd = true
				if fc.phase == phaseTunnel || fc.ri.extConnect || fc.ri.connect {
					return n, io.EOF
				}
				if n > 0 {
					return n, nil
				}
				continue
			}
			return n, err
		}
		// chunked: one chunk per read, framed in pending
		var tmp [16 << 10]byte
		n, err := fc.st.Read(tmp[:])
		if n > 0 {
			fc.pending = appendChunk(fc.pending[:0], tmp[:n])
			continue
		}
		if err == io.EOF {
			fc.readEnd = true
			fc.pending = appendLastChunk(fc.pending[:0], fc.st.Trailers())
			continue
		}
		return 0, err
	}
}

// waitEnd waits until the stream is reset or the read deadline passes.
func (st *Stream) waitEnd() error {
	c := st.c
	c.mu.Lock()
	defer c.mu.Unlock()
	for st.err == nil {
		if err := st.wait(st.rwake, st.rdl); err != nil {
			return err
		}
	}
	return st.err
}

// Write takes response bytes in HTTP/1.1 form.
func (fc *FrontConn) Write(b []byte) (int, error) {
	n := len(b)
	if fc.phase == phaseHead {
		fc.wbuf = append(fc.wbuf, b...)
		for fc.phase == phaseHead {
			more, err := fc.head()
			if err != nil {
				return 0, err
			}
			if more {
				return n, nil
			}
		}
		// what followed the head is body (or tunnel) bytes
		b = fc.wbuf
		defer func() { fc.wbuf = fc.wbuf[:0] }()
	}
	if len(b) == 0 {
		return n, nil
	}
	switch fc.phase {
	case phaseBody:
		if err := fc.body(b); err != nil {
			return 0, err
		}
	case phaseTunnel:
		if err := fc.st.WriteData(b, false); err != nil {
			return 0, err
		}
	default:
		// bytes after the end of the response: nothing carries them
		return 0, errClosed
	}
	return n, nil
}

// head parses the response head in wbuf and sends it; more is set
// while the head is incomplete. The bytes after the head are left in
// wbuf.
func (fc *FrontConn) head() (more bool, err error) {
	resp := fc.resp
	done, err := fc.p.ParseResponse(fc.wbuf, resp, &fc.req)
	if err != nil {
		return false, err
	}
	if !done {
		return true, nil
	}
	rest := fc.wbuf[resp.Len:]
	tunnel := resp.Status == 101 || fc.ri.connect && resp.Status >= 200 && resp.Status < 300
	status := resp.Status
	if status == 101 {
		// RFC 8441 5: the upgrade's answer is a 200
		status = 200
	}
	fc.status = [3]byte{byte('0' + status/100%10), byte('0' + status/10%10), byte('0' + status%10)}
	fields := append(fc.fields[:0], Field{Name: fc.statusName, Value: fc.status[:]})
	for i := range resp.Headers {
		name := resp.Name(i)
		switch string(name) {
		case "connection", "proxy-connection", "keep-alive", "upgrade", "transfer-encoding":
			// RFC 9113 8.2.2
			continue
		}
		fields = append(fields, Field{Name: name, Value: resp.Value(i)})
	}
	fc.fields = fields
	interim := resp.Interim()
	kind := resp.Body()
	end := !interim && !tunnel && kind == http1.BodyNone
	if err := fc.st.WriteHeaders(fields, end); err != nil {
		return false, err
	}
	// keep the bytes after the head at the front of wbuf
	n := copy(fc.wbuf, rest)
	fc.wbuf = fc.wbuf[:n]
	switch {
	case interim:
		// the final response follows on the same stream
		fc.p.Reset()
		resp.Reset()
		return len(fc.wbuf) == 0, nil
	case tunnel:
		fc.Status = resp.Status
		fc.phase = phaseTunnel
	case end:
		fc.Status = resp.Status
		fc.phase = phaseDone
	default:
		fc.Status = resp.Status
		fc.phase = phaseBody
		fc.dec.Reset(kind, resp.ContentLength, true)
	}
	return false, nil
}

// body decodes response body bytes and sends them as DATA; the end of
// the body goes with the last DATA frame, or with the trailers.
func (fc *FrontConn) body(in []byte) error {
	out := fc.out[:0]
	ended := false
	for len(in) > 0 && !ended {
		p, err := fc.dec.Next(in)
		if err != nil {
			return err
		}
		in = in[p.N:]
		switch p.Kind {
		case http1.PieceData:
			out = append(out, p.Data...)
		case http1.PieceEnd:
			ended = true
		default:
			if p.N == 0 {
				in = nil
			}
		}
	}
	if !ended && fc.dec.Done() {
		ended = true
	}
	fc.out = out
	var tr []Field
	if ended && fc.dec.Kind() == http1.BodyChunked {
		t := &fc.dec.Trailers
		tr = fc.fields[:0]
		for i := range t.Headers {
			tr = append(tr, Field{Name: t.Name(i), Value: t.Value(i)})
		}
		fc.fields = tr
	} else if ended && fc.from != nil {
		tr = fc.from.appendTrailers(fc.fields[:0])
		fc.fields = tr
	}
	if len(out) > 0 || ended && len(tr) == 0 {
		if err := fc.st.WriteData(out, ended && len(tr) == 0); err != nil {
			return err
		}
	}
	if ended {
		fc.phase = phaseDone
		if len(tr) > 0 {
			return fc.st.WriteHeaders(tr, true)
		}
	}
	return nil
}

// Finish ends the stream once the engine is done with the exchange:
// complete says the transaction ended normally, so that a body that ran
// until the server closed ends with END_STREAM; anything else left
// open is reset (RST_STREAM, as 2.6 does for an aborted stream).
func (fc *FrontConn) Finish(complete bool) {
	st := fc.st
	switch {
	case fc.phase == phaseBody && complete:
		// a body that ran until the server closed
		st.WriteData(nil, true)
	case fc.phase == phaseTunnel && complete:
		st.WriteData(nil, true)
	}
}

// CloseWrite half-closes a tunnel: END_STREAM.
func (fc *FrontConn) CloseWrite() error {
	if fc.phase == phaseTunnel {
		fc.phase = phaseDone
		return fc.st.WriteData(nil, true)
	}
	return nil
}

// Close is the engine closing its client connection: the stream is
// finished by Finish.
func (fc *FrontConn) Close() error { return nil }

func (fc *FrontConn) LocalAddr() net.Addr  { return fc.local }
func (fc *FrontConn) RemoteAddr() net.Addr { return fc.remote }

func (fc *FrontConn) SetDeadline(t time.Time) error {
	fc.st.SetReadDeadline(t)
	fc.st.SetWriteDeadline(t)
	return nil
}

func (fc *FrontConn) SetReadDeadline(t time.Time) error {
	fc.st.SetReadDeadline(t)
	return nil
}

func (fc *FrontConn) SetWriteDeadline(t time.Time) error {
	fc.st.SetWriteDeadline(t)
	return nil
}

// NormalizedURI reports a request target in absolute form made from
// the pseudo-header fields: servers get its origin form
// (HTX_SL_F_NORMALIZED_URI).
func (fc *FrontConn) NormalizedURI() bool { return fc.ri.normalized }

// WebSocketKeyAdded reports an extended CONNECT whose WebSocket key
// was made up (RFC 8441 has none).
func (fc *FrontConn) WebSocketKeyAdded() bool { return fc.ri.keyAdded }

// Failed reports a stream reset or cut (by the client, by a protocol
// error, with the connection): the request can no longer be served.
func (fc *FrontConn) Failed() bool { return fc.st.failed() }

// Stream is the HTTP/2 stream under the connection.
func (fc *FrontConn) Stream() *Stream { return fc.st }
