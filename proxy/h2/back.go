package h2

import (
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"hakeep/proxy/http1"
)

// BackConn presents a server's HTTP/2 connections to the engine as an
// HTTP/1.1 server connection: each request written goes out as a new
// stream on a connection of the pool (HEADERS, DATA, trailers, as
// h2s_bck_make_req_headers makes them), and reads return the response
// in HTTP/1.1 form (status line without reason phrase, fields,
// the body chunked when its length is unknown, the trailers). An
// HTTP/1.1 WebSocket upgrade becomes an extended CONNECT (RFC 8441 4)
// and its 200 a 101. Exchanges follow each other on one BackConn, as on
// a kept-alive HTTP/1.1 connection.
type BackConn struct {
	pool          *BackPool
	cl            *Client
	st            *Stream
	local, remote net.Addr
	rdl, wdl      time.Time
	closed        bool
	// mu orders the end of an exchange between the engine's two
	// goroutines (the request body's pump and the response's reader).
	mu sync.Mutex

	// request side
	wbuf   []byte
	p      http1.Parser
	req    *http1.Head
	dec    http1.Decoder
	wph    phase
	fields []Field
	words  *words
	out    []byte
	ext    bool
	head   bool

	// response side
	rph     phase
	pending []byte
	chunked bool
	tmp     []byte
	// keep is set when the response goes to an HTTP/2 client
	// (trailers.go): trailers after a body of known length are kept.
	keep     bool
	trailers []Field
}

// errNoExtConnect is a WebSocket upgrade for a server that did not
// announce RFC 8441.
var errNoExtConnect = errors.New("h2: server does not support extended CONNECT")

// NewBackConn makes a connection through pool; limits bound the
// request heads it parses.
func NewBackConn(pool *BackPool, l http1.Limits, local, remote net.Addr) *BackConn {
	bc := &BackConn{pool: pool, req: http1.NewHead(l), local: local, remote: remote, words: newWords()}
	bc.p.Limits, bc.dec.Limits = l, l
	return bc
}

// Write takes request bytes in HTTP/1.1 form.
func (bc *BackConn) Write(b []byte) (int, error) {
	if bc.closed {
		return 0, net.ErrClosed
	}
	n := len(b)
	if bc.wph == phaseDone && bc.st != nil {
		// a new request while the last response's end was not read:
		// the engine has all of it, the stream is done with
		bc.endExchange()
	}
	if bc.wph == phaseHead {
		bc.wbuf = append(bc.wbuf, b...)
		done, err := bc.p.ParseRequest(bc.wbuf, bc.req)
		if err != nil {
			return 0, err
		}
		if !done {
			return n, nil
		}
		if err := bc.sendHead(); err != nil {
			bc.wbuf = bc.wbuf[:0]
			return 0, err
		}
		b = bc.wbuf[bc.req.Len:]
		defer func() { bc.wbuf = bc.wbuf[:0] }()
	}
	if len(b) == 0 {
		return n, nil
	}
	switch bc.wph {
	case phaseBody:
		if err := bc.body(b); err != nil {
			return 0, err
		}
	case phaseTunnel:
		if err := bc.st.WriteData(b, false); err != nil {
			return 0, err
		}
	default:
		return 0, errClosed
	}
	return n, nil
}

// sendHead opens a stream and sends the request's header section.
func (bc *BackConn) sendHead() error {
	req := bc.req
	bc.ext = req.Flags&http1.FlagConnUpgrade != 0 && len(req.Get("upgrade")) > 0
	bc.head = req.Method == http1.MethodHead
	cl, st, err := bc.pool.open(bc.cl)
	if err != nil {
		return err
	}
	if bc.ext && !cl.ExtendedConnect(time.Second) {
		st.Release()
		return errNoExtConnect
	}
	bc.cl, bc.st = cl, st
	st.rdl, st.wdl = bc.rdl, bc.wdl
	kind := req.Body()
	end := kind == http1.BodyNone && !bc.ext && req.Method != http1.MethodConnect
	bc.fields = appendRequestFields(bc.fields[:0], req, bc.ext, bc.words)
	bc.rph = phaseHead
	if err := st.WriteHeaders(bc.fields, end); err != nil {
		return err
	}
	switch {
	case end:
		bc.wph = phaseDone
	case bc.ext || req.Method == http1.MethodConnect:
		bc.wph = phaseTunnel
	default:
		bc.wph = phaseBody
		bc.dec.Reset(kind, req.ContentLength, false)
	}
	return nil
}

// words are the constant names and values BackConn encodes, made once
// per connection so that encoding takes no copies.
type words struct {
	method, scheme, authority, path, protocol, te []byte
	connect, https, slash, star, trailers         []byte
}

func newWords() *words {
	return &words{method: []byte(":method"), scheme: []byte(":scheme"), authority: []byte(":authority"),
		path: []byte(":path"), protocol: []byte(":protocol"), te: []byte("te"),
		connect: []byte("CONNECT"), https: []byte("https"), slash: []byte("/"), star: []byte("*"),
		trailers: []byte("trailers")}
}

// appendRequestFields makes the HTTP/2 header section of an HTTP/1.1
// request as h2s_bck_make_req_headers does: :method (CONNECT for an
// upgrade), :scheme and :authority from an absolute-form target (else
// "https" and no authority, Host then stays a field), :path, :protocol,
// then the fields less the connection-specific ones, TE kept only as
// "trailers".
func appendRequestFields(dst []Field, req *http1.Head, ext bool, w *words) []Field {
	method := req.Bytes(req.MethodText)
	uri := req.Bytes(req.URI)
	if req.Method == http1.MethodConnect && !ext {
		dst = append(dst, Field{w.method, method}, Field{w.authority, uri})
		return appendRequestHeaders(dst, req, true, w)
	}
	if ext {
		method = w.connect
	}
	var scheme, auth []byte
	path := uri
	if len(uri) > 0 && uri[0] != '/' && uri[0] != '*' {
		if i := indexString(string(uri), "://"); i > 0 {
			scheme = uri[:i]
			rest := uri[i+3:]
			j := 0
			for j < len(rest) && rest[j] != '/' {
				j++
			}
			auth, path = rest[:j], rest[j:]
		}
	}
	if ext {
		if h := req.Get("host"); h != nil {
			auth = h
		}
	}
	if len(scheme) == 0 {
		scheme = w.https
	}
	if len(path) == 0 {
		path = w.slash
		if req.Method == http1.MethodOptions {
			path = w.star
		}
	}
	dst = append(dst, Field{w.method, method}, Field{w.scheme, scheme})
	if len(auth) > 0 {
		dst = append(dst, Field{w.authority, auth})
	}
	dst = append(dst, Field{w.path, path})
	if ext {
		proto := req.Get("upgrade")
		for i := 0; i < len(proto); i++ {
			if proto[i] == ',' {
				proto = proto[:i]
				break
			}
		}
		dst = append(dst, Field{w.protocol, trimSpace(proto)})
	}
	return appendRequestHeaders(dst, req, len(auth) > 0, w)
}

// appendRequestHeaders appends a request's fields less those HTTP/2
// forbids (RFC 9113 8.2.2); host goes when an authority was sent.
func appendRequestHeaders(dst []Field, req *http1.Head, auth bool, w *words) []Field {
	for i := range req.Headers {
		name := req.Name(i)
		switch string(name) {
		case "connection", "proxy-connection", "keep-alive", "upgrade", "transfer-encoding":
			continue
		case "host":
			if auth {
				continue
			}
		case "sec-websocket-key":
			if string(req.Value(i)) == NoWebSocketKey {
				continue
			}
		case "te":
			if indexString(string(req.Value(i)), "trailers") < 0 {
				continue
			}
			dst = append(dst, Field{w.te, w.trailers})
			continue
		}
		dst = append(dst, Field{name, req.Value(i)})
	}
	return dst
}

// body decodes request body bytes and sends them as DATA; the end goes
// with the last DATA frame, or with the trailers.
func (bc *BackConn) body(in []byte) error {
	out := bc.out[:0]
	ended := false
	for len(in) > 0 && !ended {
		p, err := bc.dec.Next(in)
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
	if !ended && bc.dec.Done() {
		ended = true
	}
	bc.out = out
	var tr []Field
	if ended && bc.dec.Kind() == http1.BodyChunked {
		t := &bc.dec.Trailers
		tr = bc.fields[:0]
		for i := range t.Headers {
			tr = append(tr, Field{Name: t.Name(i), Value: t.Value(i)})
		}
		bc.fields = tr
	}
	if len(out) > 0 || ended && len(tr) == 0 {
		if err := bc.st.WriteData(out, ended && len(tr) == 0); err != nil {
			return err
		}
	}
	if ended {
		bc.wph = phaseDone
		if len(tr) > 0 {
			if err := bc.st.WriteHeaders(tr, true); err != nil {
				return err
			}
		}
		bc.maybeEnd()
	}
	return nil
}

// Read returns the response in HTTP/1.1 form.
func (bc *BackConn) Read(b []byte) (int, error) {
	for {
		if len(bc.pending) > 0 {
			n := copy(b, bc.pending)
			bc.pending = bc.pending[n:]
			if len(bc.pending) == 0 && bc.rph == phaseDone {
				bc.maybeEnd()
			}
			return n, nil
		}
		if bc.closed {
			return 0, net.ErrClosed
		}
		st := bc.st
		if st == nil {
			// no exchange: an idle HTTP/1.1 connection reads nothing
			return 0, io.EOF
		}
		switch bc.rph {
		case phaseHead:
			if err := bc.readHead(); err != nil {
				return 0, err
			}
		case phaseBody:
			if cap(bc.tmp) == 0 {
				bc.tmp = make([]byte, 16<<10)
			}
			buf := b
			if bc.chunked {
				buf = bc.tmp
			}
			n, err := st.Read(buf)
			if err == io.EOF {
				bc.rph = phaseDone
				if bc.chunked {
					bc.pending = appendLastChunk(bc.pending[:0], st.Trailers())
					continue
				}
				bc.maybeEnd()
				if n > 0 {
					return n, nil
				}
				return 0, io.EOF
			}
			if err != nil {
				return 0, err
			}
			if bc.chunked {
				bc.pending = appendChunk(bc.pending[:0], buf[:n])
				continue
			}
			if bc.keep && st.complete() {
				// the engine stops reading at the announced length:
				// wait for the stream's end and its trailers now
				bc.keepTrailers()
			}
			if st.drained() {
				// the engine stops reading once it has the announced
				// length: the exchange ends now, not at a next read
				bc.rph = phaseDone
				bc.maybeEnd()
			}
			return n, nil
		case phaseTunnel:
			return st.Read(b)
		default:
			return 0, io.EOF
		}
	}
}

// readHead waits for the next header section of the response and puts
// its HTTP/1.1 form in pending.
func (bc *BackConn) readHead() error {
	fields, err := bc.st.ReadHeaders()
	if err != nil {
		return err
	}
	status := 0
	clen := false
	for _, hf := range fields {
		if hf.Name == ":status" {
			status, _ = strconv.Atoi(hf.Value)
		} else if hf.Name == "content-length" {
			clen = true
		}
	}
	ext := bc.ext && status == 200
	if ext {
		// RFC 8441 5: the 200 is the upgrade's 101
		status = 101
	}
	d := bc.pending[:0]
	d = append(d, "HTTP/1.1 "...)
	d = strconv.AppendInt(d, int64(status), 10)
	// an HTTP/2 status has no reason phrase, and 2.6's H1 mux writes
	// none (recorded: "HTTP/1.1 200 ")
	d = append(d, ' ', '\r', '\n')
	for _, hf := range fields {
		if hf.IsPseudo() {
			continue
		}
		d = appendField(d, hf.Name, hf.Value)
	}
	end := bc.st.EndOnHeaders
	bc.chunked = false
	switch {
	case ext:
		d = appendField(d, "connection", "upgrade")
		d = appendField(d, "upgrade", "websocket")
	case status < 200:
	case clen || bc.head || status == 204 || status == 304:
	case end:
		// no body: the H1 mux announces an empty one
		d = appendField(d, "content-length", "0")
	default:
		bc.chunked = true
		d = appendField(d, "transfer-encoding", "chunked")
	}
	d = append(d, '\r', '\n')
	bc.pending = d
	switch {
	case ext:
		bc.rph = phaseTunnel
	case status < 200:
	case end:
		bc.rph = phaseDone
	default:
		bc.rph = phaseBody
	}
	return nil
}

// maybeEnd ends the exchange once both messages are complete: the
// stream is released and the next request takes a new one.
func (bc *BackConn) maybeEnd() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.st == nil || bc.rph != phaseDone || bc.wph != phaseDone || len(bc.pending) > 0 {
		return
	}
	bc.endLocked()
}

// endExchange ends the exchange in progress whatever its state.
func (bc *BackConn) endExchange() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.st != nil {
		bc.endLocked()
	}
}

// endLocked releases the stream and readies the next exchange; bc.mu
// is held.
func (bc *BackConn) endLocked() {
	bc.pending = bc.pending[:0]
	bc.st.Release()
	bc.st = nil
	bc.wph, bc.rph = phaseHead, phaseHead
	bc.keep = false
	bc.p.Reset()
	bc.req.Reset()
}

// CloseWrite half-closes a tunnel: END_STREAM.
func (bc *BackConn) CloseWrite() error {
	if bc.wph == phaseTunnel && bc.st != nil {
		bc.wph = phaseDone
		return bc.st.WriteData(nil, true)
	}
	return nil
}

// Close ends the exchange in progress (RST_STREAM CANCEL when it was
// not complete); the pool's connections stay.
func (bc *BackConn) Close() error {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.closed {
		return nil
	}
	bc.closed = true
	if bc.st != nil {
		bc.st.Release()
		bc.st = nil
	}
	return nil
}

func (bc *BackConn) LocalAddr() net.Addr  { return bc.local }
func (bc *BackConn) RemoteAddr() net.Addr { return bc.remote }

func (bc *BackConn) SetDeadline(t time.Time) error {
	bc.SetReadDeadline(t)
	return bc.SetWriteDeadline(t)
}

func (bc *BackConn) SetReadDeadline(t time.Time) error {
	bc.rdl = t
	if bc.st != nil {
		bc.st.SetReadDeadline(t)
	}
	return nil
}

func (bc *BackConn) SetWriteDeadline(t time.Time) error {
	bc.wdl = t
	if bc.st != nil {
		bc.st.SetWriteDeadline(t)
	}
	return nil
}

// indexString is strings.Index for the few lookups here.
func indexString(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// trimSpace drops blanks around s.
func trimSpace(s []byte) []byte {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
