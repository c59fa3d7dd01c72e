package engine

import (
	"errors"
	"net/netip"
	"strconv"
	"time"

	"hakeep/proxy/http1"
	"hakeep/proxy/log"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/log/line"
	"hakeep/proxy/proxyproto"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// Logging's side of the engine (configuration.txt section 8): what an
// HTTP log line needs beyond the stream's record. The hooks are
// captureRequest, when a request head is parsed and before any rule runs
// (http_wait_for_request captures then), captureResponse, when a
// server's response head is parsed (http_wait_for_response), and
// logTraffic, which hands the transaction to the logger.

// txnLogger is a traffic logger that takes transactions with their
// captures and sample context (proxy/log's Logger); a plain
// stream.Logger gets the record alone.
type txnLogger interface {
	stream.Logger
	LogTxn(t *line.Txn)
	// LogStream logs a record numbered by the engine.
	LogStream(r *stream.Record, id uint64)
	// Frontend returns the frontend's capture slots, nil for none.
	Frontend(name string) *capture.Spec
}

// logState is what logging keeps per client connection, pooled with the
// httpState: the transaction's captures and the Txn handed over.
type logState struct {
	caps capture.Set
	txn  line.Txn
	msg  headMsg
	// view shows the logger's sample context the header captures.
	view capView
	// reqWire and reqHTX are the request head's size as received and as
	// 2.6 counts it.
	reqWire, reqHTX int64
	scratch         []byte
	// end is when the previous transaction of owner was logged: a
	// kept-alive connection's next request counts its times and dates
	// from there, as 2.6's mux restarts the session's accept date.
	owner *session
	end   time.Time
}

func (h *httpState) logs() *logState {
	if h.lg == nil {
		h.lg = &logState{}
	}
	return h.lg
}

// connectLogger is a traffic logger that logs the start of streams for
// frontends without a log format (proxy/log's Logger).
type connectLogger interface {
	Connect(frontend string, client, dst netip.AddrPort)
}

// logConnect tells the logger a stream starts: a TCP connection, or an
// HTTP request ("Connect from" lines, frontend_accept()).
func (s *session) logConnect() {
	if cl, ok := s.e.deps.Traffic.(connectLogger); ok {
		cl.Connect(s.fe.px.Name, s.src, s.dst)
	}
}

// captureRequest takes the request's "capture request header" and
// "capture cookie" values.
func (s *session) captureRequest(h *httpState) {
	s.logConnect()
	tl, ok := s.e.deps.Traffic.(txnLogger)
	if !ok {
		return
	}
	lg := h.logs()
	lg.reqWire, lg.reqHTX = int64(h.req.Len), htxSize(h.req)
	spec := tl.Frontend(s.fe.px.Name)
	if spec == nil {
		spec = &capture.Spec{}
	}
	lg.caps.Reset(spec)
	if spec.Empty() {
		return
	}
	lg.msg = headMsg{h: h.req}
	lg.caps.Request(&lg.msg)
}

// captureResponse takes the server response's "capture response header"
// and "capture cookie" values.
func (s *session) captureResponse(h *httpState) {
	if h.lg == nil || h.lg.caps.Spec().Empty() {
		return
	}
	h.lg.msg = headMsg{h: h.resp}
	h.lg.caps.Response(&h.lg.msg)
}

// logTraffic hands the finished stream to the traffic logger: an HTTP
// transaction (h set) with its captures, unique id and sample context,
// or a TCP session.
func (e *Engine) logTraffic(s *session, h *httpState) {
	tl, ok := e.deps.Traffic.(txnLogger)
	if !ok {
		e.deps.Traffic.Log(&s.rec)
		return
	}
	if h == nil {
		// a TCP session: numbered with the HTTP streams (%rt)
		if id, ok := s.streamNumber(); ok {
			tl.LogStream(&s.rec, id)
		} else {
			tl.Log(&s.rec)
		}
		return
	}
	lg := h.logs()
	rec := &s.rec
	now := e.deps.Now()
	if !h.first {
		// a kept-alive request: accepted when the previous one ended;
		// after the connection was parked that moment is not known, and
		// the idle time counts as none
		rec.Accept = rec.Start
		if lg.owner == s && !lg.end.IsZero() && !rec.Start.IsZero() && lg.end.Before(rec.Start) {
			rec.Accept = lg.end
		}
		if !rec.Accept.IsZero() {
			rec.Tt = stream.Millis(now.Sub(rec.Accept))
		}
		rec.TH = 0
	}
	if rec.Ti < 0 && !rec.Start.IsZero() && !rec.Accept.IsZero() {
		rec.Ti = stream.Millis(rec.Start.Sub(rec.Accept))
		if rec.TH > 0 {
			rec.Ti -= rec.TH
		}
		if rec.Ti < 0 {
			rec.Ti = 0
		}
	}
	t := &lg.txn
	*t = line.Txn{Rec: rec, Caps: &lg.caps}
	// the mux answered before any stream existed: no request line
	// (sess_log())
	t.NoStream = len(rec.RequestLine) == 0
	in, out := rec.BytesIn, rec.BytesOut
	if !t.NoStream {
		s.htxBytes(h, lg)
	}
	if t.NoStream {
		// 2.6 numbers the sessions it logs without a stream too
		t.ReqID, t.ReqIDSet = s.streamNumber()
	}
	var prev sample.Txn
	rt := h.rt
	if rt != nil && !t.NoStream {
		t.Ctx = rt.c
		t.UniqueID = rt.uid
		t.ReqID, t.ReqIDSet = uint64(rt.uniq), true
		t.Level, t.LevelSet = rt.t.LogLevel, rt.t.LogLevelSet
		// capture.req.hdr() and capture.res.hdr() read the header
		// captures too: they share the slots
		prev = rt.c.Txn
		lg.view = capView{Txn: prev, caps: &lg.caps}
		rt.c.Txn = &lg.view
	}
	tl.LogTxn(t)
	if t.Ctx != nil {
		rt.c.Txn = prev
		lg.view = capView{}
	}
	rec.BytesIn, rec.BytesOut = in, out
	*t = line.Txn{}
	lg.owner, lg.end = s, now
}

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

// capView is the transaction as the log line's expressions see it: the
// rules' transaction, with the header capture slots added.
type capView struct {
	sample.Txn
	caps *capture.Set
}

// Capture implements sample.Txn: a header capture's slot, else the
// rules' own.
func (v *capView) Capture(res bool, i int) []byte {
	if b := v.caps.Capture(res, i); b != nil {
		return b
	}
	if v.Txn == nil {
		return nil
	}
	return v.Txn.Capture(res, i)
}

// connErrLogger is a traffic logger that logs connections which failed
// before their session started (proxy/log's Logger).
type connErrLogger interface {
	ConnError(e *log.ConnError)
}

// logConnError logs a PROXY protocol header that failed, with 2.6's
// words for it (conn_err_code_str()).
func (s *session) logConnError(err error) {
	cl, ok := s.e.deps.Traffic.(connErrLogger)
	if !ok {
		return
	}
	e := log.ConnError{Frontend: s.fe.px.Name, Client: s.src, Accept: s.accept, Listener: s.listenerName()}
	switch {
	case errors.Is(err, proxyproto.ErrTruncated):
		e.Text = "Truncated PROXY protocol header received"
	case errors.Is(err, proxyproto.ErrNotHeader):
		e.Text = "Received something which does not look like a PROXY protocol header"
	case errors.Is(err, proxyproto.ErrBadHeader):
		e.Text = "Received an invalid PROXY protocol header"
	case errors.Is(err, proxyproto.ErrBadProto):
		e.Text = "Received an unhandled protocol in the PROXY protocol header"
	case errors.Is(err, proxyproto.ErrEmpty):
		e.Text, e.Empty = "Connection closed while waiting for PROXY protocol header", true
	case isTimeout(err):
		e.Text = "Timeout while waiting for PROXY protocol header"
	default:
		e.Text, e.Empty = "Connection error while waiting for PROXY protocol header", true
	}
	cl.ConnError(&e)
}

// listenerName is the bind line's "name", else its "id", else its rank
// in the frontend (2.6 numbers listeners from 1 in bind order).
func (s *session) listenerName() string {
	b := s.bind
	switch {
	case b.Name != "":
		return b.Name
	case b.ID > 0:
		return strconv.Itoa(b.ID)
	}
	for i, x := range s.fe.px.Binds {
		if x == b {
			return strconv.Itoa(i + 1)
		}
	}
	return "1"
}

// streamNumber takes the next stream number (global.req_count) for a
// stream the rules layer did not number.
func (s *session) streamNumber() (uint64, bool) {
	if w := s.st.rw; w != nil {
		return uint64(w.reqCount.Add(1) - 1), true
	}
	return 0, false
}
