package http1

import (
	"errors"
	"strconv"
	"strings"

	"hakeep/e2e/smuggle"
)

// sim is a proxy without I/O built from the codec alone: the transaction
// loop HAProxy's H1 mux and stream run, reduced to what the recorded
// cases exercise. It replays a golden case (the client's writes, the back
// end's canned answers, in the order the runner delivers them) and
// produces the bytes each side would get. It is the reference for how the
// data plane drives the codec, and the test that the codec's decisions
// are HAProxy's.
type sim struct {
	cfg simConfig

	responses  [][]byte
	closeAfter bool

	cin          []byte // client bytes not consumed yet
	cout         []byte // bytes sent to the client
	clientClosed bool

	servers []*simServer
	srv     *simServer // the server connection of the transaction

	// Transaction state.
	x         Exchange
	reqP      Parser
	req       *Head
	reqDec    Decoder
	reqPhase  phase
	respP     Parser
	resp      *Head
	respDec   Decoder
	resPhase  phase
	respEarly bool // the response ended before the request
	h2        bool // the client spoke HTTP/2
}

type phase uint8

const (
	phHead phase = iota
	phBody
	phDone
	phTunnel
)

type simServer struct {
	got     []byte // everything the proxy sent
	in      []byte // answer bytes not consumed by the proxy yet
	next    int    // next canned response
	pending bool   // bytes arrived since the last answer
	eof     bool   // the back end closed after its last answer
	closed  string
}

// simConfig is what a variant configures (e2e/smuggle/config.go).
type simConfig struct {
	acceptReq, acceptResp bool
	front, back           Mode
	forwardFor            bool
	caClient, caServer    CaseAdjust
	deny                  int
	noServer              bool
}

// skip explains why a case is not replayed through the codec.
type skip string

func (s skip) Error() string { return string(s) }

const (
	skipTimer = skip("decided by a timer of the data plane, not by the codec")
	skipH2    = skip("HTTP/2 preface: the frontend switches protocol")
)

func configFor(v smuggle.Variant) (simConfig, error) {
	// The global h1-case-adjust lines of the rendered configuration.
	ca := CaseAdjust{{"content-type", "Content-Type"}, {"x-mixed-case", "X-MiXeD-CaSe"}}
	var c simConfig
	switch v {
	case smuggle.VariantDefault:
	case smuggle.VariantForwardFor:
		c.forwardFor = true
	case smuggle.VariantAcceptReq:
		c.acceptReq = true
	case smuggle.VariantAcceptResp:
		c.acceptResp = true
	case smuggle.VariantServerClose:
		c.front = ModeServerClose
	case smuggle.VariantHTTPClose:
		c.front = ModeClose
	case smuggle.VariantBackClose:
		c.back = ModeClose
	case smuggle.VariantBackSrvClose:
		c.back = ModeServerClose
	case smuggle.VariantCaseAdjust:
		c.caClient, c.caServer = ca, ca
	case smuggle.VariantNoServer:
		c.noServer = true
	case smuggle.VariantShortTimeout:
		return c, skipTimer
	default:
		code, ok := strings.CutPrefix(string(v), string(smuggle.VariantDenyPrefix))
		if !ok {
			return c, skip("unknown variant " + string(v))
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			return c, err
		}
		c.deny = n
	}
	return c, nil
}

// simulate replays g and returns what the codec says each side gets.
func simulate(g smuggle.Golden) (smuggle.Outcome, error) {
	cfg, err := configFor(g.Case.Variant)
	if err != nil {
		return smuggle.Outcome{}, err
	}
	s := &sim{cfg: cfg, responses: g.Case.Responses, closeAfter: g.Case.CloseAfter}
	s.req, s.resp = NewHead(Limits{}), NewHead(Limits{})
	s.reqP.AcceptInvalid = cfg.acceptReq
	s.respP.AcceptInvalid = cfg.acceptResp
	for _, part := range g.Case.Send {
		if s.clientClosed {
			break
		}
		s.cin = append(s.cin, part...)
		s.pump()
		s.serverTurns()
	}
	s.serverTurns()
	if s.h2 {
		return smuggle.Outcome{}, skipH2
	}
	out := smuggle.Outcome{Client: s.cout, ClientClosed: s.clientClosed}
	for _, sv := range s.servers {
		out.Server = append(out.Server, smuggle.ServerConn{Bytes: sv.got, Closed: sv.closed})
	}
	return out, nil
}

// serverTurns lets the back end answer, as it does each time the bytes it
// receives go quiet, until nothing moves any more.
func (s *sim) serverTurns() {
	for guard := 0; guard < 64; guard++ {
		sv := s.srv
		if sv == nil || !sv.pending || sv.next >= len(s.responses) || sv.closed != smuggle.ClosedNo {
			return
		}
		sv.pending = false
		sv.in = append(sv.in, s.responses[sv.next]...)
		sv.next++
		if s.closeAfter && sv.next == len(s.responses) {
			sv.eof = true
			sv.closed = smuggle.ClosedBackend
		}
		s.pump()
	}
}

// pump moves bytes both ways until neither direction can progress.
func (s *sim) pump() {
	for guard := 0; guard < 256 && !s.clientClosed; guard++ {
		if !s.stepRequest() && !s.stepResponse() {
			return
		}
	}
}

// toServer writes to the transaction's server connection, opening one.
func (s *sim) toServer(b []byte) {
	if s.srv == nil {
		s.srv = &simServer{closed: smuggle.ClosedNo}
		s.servers = append(s.servers, s.srv)
	}
	if len(b) == 0 {
		return
	}
	s.srv.got = append(s.srv.got, b...)
	s.srv.pending = true
}

func (s *sim) closeServer() {
	if s.srv != nil && s.srv.closed == smuggle.ClosedNo {
		s.srv.closed = smuggle.ClosedProxy
	}
	s.srv = nil
}

// closeClient closes the client connection. A server connection that
// ended its transaction cleanly survives it: it goes to the server's idle
// pool (http-reuse), which is why the recorded server side stays open
// when the client side closes (get-conn-close, te-cl).
func (s *sim) closeClient() {
	s.clientClosed = true
}

// refuse answers a refused request with the mux's verbatim page and
// closes, as h1_handle_bad_req and friends do.
func (s *sim) refuse(err error) {
	var e *Error
	if !errors.As(err, &e) {
		panic(err)
	}
	page, _ := ErrorPage(e.Status)
	s.cout = append(s.cout, page...)
	s.closeClient()
}

// reply answers from the proxy itself through HTX (deny rules, 502, 503).
func (s *sim) reply(code int) {
	page, _ := ErrorPage(code)
	buf := []byte(page)
	h := NewHead(Limits{})
	if err := ParseErrorPage(buf, h); err != nil {
		panic(err)
	}
	conn := s.x.ResponseOut(s.req, h)
	s.cout = h.AppendHead(s.cout, conn, s.cfg.caClient)
	s.cout = append(s.cout, buf[h.Len:]...)
	s.resPhase = phDone
	s.endTransaction()
}

// stepRequest advances the client-to-server direction.
func (s *sim) stepRequest() bool {
	switch s.reqPhase {
	case phHead:
		if len(s.cin) == 0 {
			return false
		}
		done, err := s.reqP.ParseRequest(s.cin, s.req)
		var e *Error
		if errors.As(err, &e) && e.Reason == ReasonH2Preface {
			s.h2 = true
			s.closeClient()
			return false
		}
		if err != nil {
			s.refuse(err)
			return false
		}
		if !done {
			return false
		}
		return s.startTransaction()
	case phBody:
		out, progressed, err := s.forwardBody(&s.reqDec, &s.cin, nil, s.cfg.caServer)
		if err != nil {
			s.refuse(err)
			return false
		}
		if len(out) > 0 {
			s.toServer(out)
		}
		if s.reqDec.Done() {
			s.reqPhase = phDone
			s.maybeEnd()
			return true
		}
		return progressed
	case phTunnel:
		if len(s.cin) == 0 || s.srv == nil {
			return false
		}
		s.toServer(s.cin)
		s.cin = s.cin[:0]
		return true
	}
	return false
}

// startTransaction runs what follows a complete request head: the
// rules, the first passes of Exchange, and the head and whatever body
// came with it out to the server in one batch. A body error in that
// first batch refuses the request before any server connection exists
// (chunk-size-invalid and friends show no server connection).
func (s *sim) startTransaction() bool {
	req := s.req
	s.cin = s.cin[req.Len:]
	s.x = Exchange{Front: s.cfg.front, Back: s.cfg.back}
	s.x.Request(req)
	s.respEarly = false
	s.resPhase = phHead
	s.respP.Reset()
	if s.cfg.deny != 0 {
		s.reqPhase = phDone
		s.reply(s.cfg.deny)
		return true
	}
	if s.cfg.noServer {
		s.reqPhase = phDone
		s.reply(503)
		return true
	}
	if s.cfg.forwardFor {
		req.Add("x-forwarded-for", []byte("127.0.0.1"))
	}
	conn := s.x.RequestOut(req)
	head := req.AppendHead(nil, conn, s.cfg.caServer)
	s.reqDec.Reset(req.Body(), req.ContentLength, false)
	body, _, err := s.forwardBody(&s.reqDec, &s.cin, nil, s.cfg.caServer)
	if err != nil {
		s.refuse(err)
		return false
	}
	s.toServer(append(head, body...))
	s.reqPhase = phBody
	if s.reqDec.Done() {
		s.reqPhase = phDone
	}
	return true
}

// forwardBody decodes what in holds of a body and returns it framed for
// output: as is for a length or a tunnel, re-chunked into a single chunk
// for a chunked body, with the last chunk and trailers once complete.
func (s *sim) forwardBody(d *Decoder, in *[]byte, dst []byte, ca CaseAdjust) ([]byte, bool, error) {
	var payload []byte
	progressed, ended := false, false
	for !ended {
		p, err := d.Next(*in)
		if err != nil {
			return nil, progressed, err
		}
		*in = (*in)[p.N:]
		progressed = progressed || p.N > 0
		switch {
		case p.Kind == PieceData:
			payload = append(payload, p.Data...)
		case p.Kind == PieceEnd:
			ended = true
		case p.N == 0:
			// Nothing more to decode until more bytes arrive.
			return s.frame(d, dst, payload, false, ca), progressed, nil
		}
	}
	return s.frame(d, dst, payload, true, ca), progressed, nil
}

// frame writes payload decoded in one batch with the output framing.
func (s *sim) frame(d *Decoder, dst, payload []byte, ended bool, ca CaseAdjust) []byte {
	if d.Kind() != BodyChunked {
		return append(dst, payload...)
	}
	if len(payload) > 0 {
		dst = AppendChunkSize(dst, len(payload))
		dst = append(dst, payload...)
		dst = append(dst, '\r', '\n')
	}
	if ended {
		dst = AppendTrailers(dst, &d.Trailers, ca)
	}
	return dst
}

// stepResponse advances the server-to-client direction.
func (s *sim) stepResponse() bool {
	sv := s.srv
	if sv == nil || s.reqPhase == phHead {
		// No transaction in flight: nothing is expected from the server.
		return false
	}
	switch s.resPhase {
	case phHead:
		if len(sv.in) == 0 {
			if sv.eof {
				s.closeServer()
				s.reply(502)
				return true
			}
			return false
		}
		done, err := s.respP.ParseResponse(sv.in, s.resp, s.req)
		if err != nil {
			s.closeServer()
			s.reply(502)
			return true
		}
		if !done {
			if sv.eof {
				s.closeServer()
				s.reply(502)
				return true
			}
			return false
		}
		resp := s.resp
		s.x.Response(s.req, resp)
		if resp.Interim() {
			s.cout = resp.AppendHead(s.cout, ConnNone, s.cfg.caClient)
			sv.in = sv.in[resp.Len:]
			s.respP.Reset()
			return true
		}
		// The head and the body bytes of the same batch are examined
		// before anything is sent: a broken body there is a 502
		// (recorded: bad-chunk).
		rest := sv.in[resp.Len:]
		kind := resp.Body()
		if Tunnel(s.req, resp) {
			kind = BodyNone
		}
		s.respDec.Reset(kind, resp.ContentLength, true)
		body, _, err := s.forwardBody(&s.respDec, &rest, nil, s.cfg.caClient)
		if err != nil {
			s.closeServer()
			s.reply(502)
			return true
		}
		sv.in = rest
		conn := s.x.ResponseOut(s.req, resp)
		s.cout = resp.AppendHead(s.cout, conn, s.cfg.caClient)
		s.cout = append(s.cout, body...)
		if Tunnel(s.req, resp) {
			s.resPhase, s.reqPhase = phTunnel, phTunnel
			return true
		}
		s.resPhase = phBody
		s.finishResponseBody()
		return true
	case phBody:
		if len(sv.in) == 0 && !sv.eof {
			return false
		}
		body, progressed, err := s.forwardBody(&s.respDec, &sv.in, nil, s.cfg.caClient)
		if err != nil {
			// Too late for a 502: both connections are cut.
			s.closeServer()
			s.closeClient()
			return false
		}
		s.cout = append(s.cout, body...)
		before := s.resPhase
		s.finishResponseBody()
		return progressed || s.resPhase != before
	case phTunnel:
		if len(sv.in) == 0 {
			return false
		}
		s.cout = append(s.cout, sv.in...)
		sv.in = sv.in[:0]
		return true
	}
	return false
}

// finishResponseBody ends the response when its body is complete, or
// when the server closed: the end of a close-delimited body, or a
// truncated one that closes the client too (cl-short).
func (s *sim) finishResponseBody() {
	sv := s.srv
	if !s.respDec.Done() && sv.eof && len(sv.in) == 0 {
		if !s.respDec.CloseInput() {
			s.closeClient()
			return
		}
	}
	if !s.respDec.Done() {
		return
	}
	s.resPhase = phDone
	if s.reqPhase != phDone {
		s.respEarly = true
	}
	s.maybeEnd()
}

func (s *sim) maybeEnd() {
	if s.reqPhase == phDone && s.resPhase == phDone {
		s.endTransaction()
	}
}

// endTransaction applies Exchange's decisions: the server connection is
// kept only when it wants keep-alive, holds no stray bytes and answered
// after the request ended; the client connection unless it wants close.
func (s *sim) endTransaction() {
	if sv := s.srv; sv != nil {
		if s.x.Server != WantKeepAlive || len(sv.in) > 0 || s.respEarly || sv.eof {
			s.closeServer()
		}
	}
	if s.x.Client != WantKeepAlive {
		s.closeClient()
		return
	}
	s.reqP.Reset()
	s.reqPhase, s.resPhase = phHead, phHead
}
