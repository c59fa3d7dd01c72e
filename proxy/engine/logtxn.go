package engine

import (
	"net"
	"net/netip"
	"time"

	"hakeep/proxy/log/capture"
	"hakeep/proxy/log/line"
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
	// backendSrc is the server connection's local address (%bi:%bp).
	backendSrc netip.AddrPort
	// early and earlyAt name the transaction (its session and start)
	// logged at its response head (logAtResponse): its end logs
	// nothing more. The state is pooled: another transaction, or a
	// line logged without a request, is not taken for it.
	early   *session
	earlyAt time.Time
}

func (h *httpState) logs() *logState {
	if h.lg == nil {
		h.lg = &logState{}
	}
	return h.lg
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
	lg.early = nil
	lg.reqWire, lg.reqHTX = int64(h.req.Len), htxSize(h.req)
	lg.backendSrc = netip.AddrPort{}
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
	h.noteServerConn()
	if h.lg == nil || h.lg.caps.Spec().Empty() {
		return
	}
	h.lg.msg = headMsg{h: h.resp}
	h.lg.caps.Response(&h.lg.msg)
}

// noteServerConn records the local address of the transaction's server
// connection while it is there (%bi, %bp).
func (h *httpState) noteServerConn() {
	if h.lg == nil || h.conn == nil {
		return
	}
	if a, ok := h.conn.LocalAddr().(*net.TCPAddr); ok {
		h.lg.backendSrc = a.AddrPort()
	}
}

// earlyLogger tells which frontends log their HTTP streams at the
// response head (proxy/log's Logger).
type earlyLogger interface {
	LogsAtResponse(frontend string) bool
}

// logAtResponse logs the transaction now, once its response head went
// through the response rules, when the frontend's formats wait for no
// byte count or timer of the stream's end, or under "option logasap"
// (http_process_res_common). The line counts the response head and the
// body bytes already there as sent (bytes_out = htx->data), and the end
// of the stream logs nothing more.
func (s *session) logAtResponse(h *httpState) {
	el, ok := s.e.deps.Traffic.(earlyLogger)
	if !ok || h.lg == nil || !el.LogsAtResponse(s.fe.px.Name) {
		return
	}
	rec := &s.rec
	in, out, status := rec.BytesIn, rec.BytesOut, rec.Status
	rec.Status = h.resp.Status
	lg := h.logs()
	lg.scratch = h.resp.AppendHead(lg.scratch[:0], h.x.ResponseOut(h.req, h.resp), clientCase(s.st, s.fe.px))
	rec.BytesOut = int64(len(lg.scratch)) + int64(max(h.sinLen-h.sinOff-h.resp.Len, 0))
	s.logHTTP(h)
	lg.early, lg.earlyAt = s, rec.Start
	rec.BytesIn, rec.BytesOut, rec.Status = in, out, status
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
	if lg.early == s && lg.earlyAt.Equal(s.rec.Start) {
		// logged at its response head: the next request of the
		// connection still counts from the stream's end
		lg.early = nil
		lg.owner, lg.end = s, e.deps.Now()
		return
	}
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
	*t = line.Txn{Rec: rec, Caps: &lg.caps, BackendSrc: lg.backendSrc}
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

// streamNumber takes the next stream number (global.req_count) for a
// stream the rules layer did not number.
func (s *session) streamNumber() (uint64, bool) {
	if w := s.st.rw; w != nil {
		return uint64(w.reqCount.Add(1) - 1), true
	}
	return 0, false
}
