package http1

// Parser reads one message head at a time, incrementally: each call gets
// the whole message so far (the same bytes as before, more appended) and
// resumes where the last one stopped, so a head trickling in byte by byte
// is scanned once. It rejects a bad head as soon as the offending byte
// arrives, as HAProxy's h1_headers_to_hdr_list does.
//
// The parser works in place: it lower-cases header names and turns
// obsolete line folding into spaces inside the caller's buffer, exactly
// the bytes HAProxy 2.6 forwards (recorded: get-basic, hdr-obs-fold).
//
// A Parser serves one connection and one direction: it is reused for
// every message, with Reset between messages (after done or an error the
// next call needs a Reset to start a new message). It remembers whether a
// message was parsed before, for the HTTP/2 preface check.
type Parser struct {
	Limits Limits
	// AcceptInvalid is `option accept-invalid-http-request` (for requests)
	// or `option accept-invalid-http-response` (for responses):
	// configuration.txt 4 lists what it lets through; the recorded
	// accept-* cases show what it does not.
	AcceptInvalid bool

	state state
	pos   int // next byte to examine
	// positions within the current line (absolute offsets)
	sol, col, sov, eol int
	err                error // the refusal, repeated until Reset
	started            bool
	messages           int  // messages started on this connection, kept by Reset
	trailers           bool // header lines only, no framing semantics
	keepConn           bool // keep Connection lines as written (error pages)
}

type state uint8

const (
	stRqBefore state = iota
	stRqBeforeCR
	stRqMeth
	stRqMethSP
	stRqURI
	stRqURISP
	stRqVer
	stRqLineEnd
	stRpBefore
	stRpBeforeCR
	stRpVer
	stRpVerSP
	stRpCode
	stRpCodeSP
	stRpReason
	stRpLineEnd
	stHdrFirst
	stHdrName
	stHdrL1SP
	stHdrL1LF
	stHdrL1LWS
	stHdrVal
	stHdrL2LF
	stHdrL2LWS
	stLastLF
	stDone
)

// Reset prepares p for a new message.
func (p *Parser) Reset() {
	*p = Parser{Limits: p.Limits, AcceptInvalid: p.AcceptInvalid, messages: p.messages}
}

// ParseRequest parses the request head at the start of buf into h. It
// returns done once the head is complete (h.Len bytes), false with a nil
// error when more bytes are needed, or an *Error carrying the status
// HAProxy answers (400, 413 or 422).
//
// On the first request of a connection (the Parser's first message), the
// HTTP/2 connection preface is reported as an *Error with ReasonH2Preface
// and status 0: the frontend switches protocol instead of answering
// (H2Preface; recorded: h2-preface). A buffer holding a strict prefix of
// the preface waits for more bytes, as HAProxy does.
func (p *Parser) ParseRequest(buf []byte, h *Head) (done bool, err error) {
	if !p.started {
		if p.messages == 0 {
			match, more := H2Preface(buf)
			if more {
				return false, nil
			}
			if match {
				return false, &Error{Status: 0, Reason: ReasonH2Preface, Pos: 0}
			}
		}
		p.messages++
		p.started = true
		h.Reset()
		h.buf = buf
		p.state = stRqBefore
	}
	h.buf = buf
	return p.run(buf, h, nil)
}

// ParseResponse parses the response head at the start of buf into h, for
// the request req (its method and upgrade decide the framing). Errors
// carry status 502: the client gets a 502, the server connection is
// dropped (recorded: response cases).
func (p *Parser) ParseResponse(buf []byte, h *Head, req *Head) (done bool, err error) {
	if !p.started {
		p.started = true
		h.Reset()
		h.Response = true
		h.buf = buf
		p.state = stRpBefore
	}
	h.buf = buf
	return p.run(buf, h, req)
}

// ParseTrailers parses the trailer block of a chunked body (header lines
// up to an empty line, no start line) into h, with the header syntax
// rules and none of the framing semantics.
func (p *Parser) ParseTrailers(buf []byte, h *Head) (done bool, err error) {
	if !p.started {
		p.started = true
		h.Reset()
		h.buf = buf
		p.state = stHdrFirst
		p.trailers = true
	}
	h.buf = buf
	return p.run(buf, h, nil)
}

// fail refuses the message for the byte at pos: 400 for a request, 502
// for a response.
func (p *Parser) fail(h *Head, r Reason, pos int) (bool, error) {
	st := 400
	if h.Response {
		st = 502
	}
	return p.refuse(&Error{Status: st, Reason: r, Pos: pos})
}

// refuse records err: further calls return it until Reset.
func (p *Parser) refuse(err *Error) (bool, error) {
	p.state = stDone
	p.err = err
	return false, err
}

func (p *Parser) run(buf []byte, h *Head, req *Head) (bool, error) {
	if p.err != nil {
		return false, p.err
	}
	if p.state == stDone {
		return true, nil
	}
	n := len(buf)
	i := p.pos
	// Past the raw limit without the end of the head in sight, HAProxy's
	// input buffer is full and it gives up (limits.go RawLimit).
	raw := p.Limits.RawLimit()
	if n > raw {
		n = raw
	}
	st := p.state
	for i < n {
		c := buf[i]
		switch st {
		case stRqBefore:
			if isToken(c) {
				h.MethodText = span(i, 0)
				st = stRqMeth
				continue
			}
			if c == '\n' {
				i++
				continue
			}
			if c == '\r' {
				i++
				st = stRqBeforeCR
				continue
			}
			return p.fail(h, ReasonBadStartLine, i)

		case stRqBeforeCR, stRpBeforeCR:
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			if st == stRqBeforeCR {
				st = stRqBefore
			} else {
				st = stRpBefore
			}

		case stRqMeth:
			for i < n && isToken(buf[i]) {
				i++
			}
			if i == n {
				break
			}
			c = buf[i]
			h.MethodText.Len = uint32(i) - h.MethodText.Off
			if isSPHT(c) {
				i++
				st = stRqMethSP
				continue
			}
			if isCRLF(c) {
				// HTTP/0.9 request: method alone.
				h.URI = span(i, 0)
				h.Version = span(i, 0)
				st = stRqLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			return p.fail(h, ReasonBadMethod, i)

		case stRqMethSP:
			if isSPHT(c) {
				i++
				continue
			}
			if isCRLF(c) {
				h.URI = span(i, 0)
				h.Version = span(i, 0)
				st = stRqLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			h.URI = span(i, 0)
			st = stRqURI

		case stRqURI:
			// 33..126 except '#' pass; '#' and 128..255 only with
			// accept-invalid-http-request (uri-fragment, uri-8bit and
			// their accept- twins); controls never (accept-uri-ctl).
			for i < n {
				c = buf[i]
				if c-33 <= 93 && c != '#' {
					i++
					continue
				}
				if (c == '#' || c >= 128) && p.AcceptInvalid {
					i++
					continue
				}
				break
			}
			if i == n {
				break
			}
			h.URI.Len = uint32(i) - h.URI.Off
			if isSPHT(c) {
				i++
				st = stRqURISP
				continue
			}
			if isCRLF(c) {
				h.Version = span(i, 0)
				st = stRqLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			return p.fail(h, ReasonBadURI, i)

		case stRqURISP:
			if isSPHT(c) {
				i++
				continue
			}
			if isCRLF(c) {
				h.Version = span(i, 0)
				st = stRqLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			h.Version = span(i, 0)
			st = stRqVer

		case stRqVer:
			for i < n && isVerChar(buf[i]) {
				i++
			}
			if i == n {
				break
			}
			c = buf[i]
			if isCRLF(c) {
				h.Version.Len = uint32(i) - h.Version.Off
				st = stRqLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			return p.fail(h, ReasonBadVersion, i)

		case stRqLineEnd:
			// An HTTP/0.9 line ends the head at once: its CRLF is both
			// the end of the start line and of the (empty) header block.
			if h.Version.Len == 0 {
				st = stLastLF
				continue
			}
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			st = stHdrFirst

		case stRpBefore:
			if isToken(c) {
				h.Version = span(i, 0)
				st = stRpVer
				continue
			}
			if c == '\n' {
				i++
				continue
			}
			if c == '\r' {
				i++
				st = stRpBeforeCR
				continue
			}
			return p.fail(h, ReasonBadStartLine, i)

		case stRpVer:
			for i < n && isVerChar(buf[i]) {
				i++
			}
			if i == n {
				break
			}
			c = buf[i]
			if isSPHT(c) {
				h.Version.Len = uint32(i) - h.Version.Off
				i++
				st = stRpVerSP
				continue
			}
			return p.fail(h, ReasonBadVersion, i)

		case stRpVerSP:
			if isSPHT(c) {
				i++
				continue
			}
			if isCRLF(c) {
				return p.fail(h, ReasonBadStatus, i)
			}
			h.StatusText = span(i, 0)
			h.Status = 0
			st = stRpCode

		case stRpCode:
			for i < n && isDigit(buf[i]) {
				if h.Status < 1<<20 {
					h.Status = h.Status*10 + int(buf[i]-'0')
				}
				i++
			}
			if i == n {
				break
			}
			c = buf[i]
			if !isLWS(c) {
				return p.fail(h, ReasonBadStatus, i)
			}
			h.StatusText.Len = uint32(i) - h.StatusText.Off
			if isSPHT(c) {
				i++
				st = stRpCodeSP
				continue
			}
			h.Reason = span(i, 0)
			st = stRpLineEnd
			if c == '\r' {
				i++
			}

		case stRpCodeSP:
			if isSPHT(c) {
				i++
				continue
			}
			h.Reason = span(i, 0)
			if isCRLF(c) {
				st = stRpLineEnd
				if c == '\r' {
					i++
				}
				continue
			}
			st = stRpReason

		case stRpReason:
			for i < n && !isCRLF(buf[i]) {
				i++
			}
			if i == n {
				break
			}
			c = buf[i]
			h.Reason.Len = uint32(i) - h.Reason.Off
			st = stRpLineEnd
			if c == '\r' {
				i++
			}

		case stRpLineEnd:
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			st = stHdrFirst

		case stHdrFirst:
			p.sol = i
			if !isCRLF(c) {
				st = stHdrName
				continue
			}
			if c == '\r' {
				i++
			}
			st = stLastLF

		case stHdrName:
			for i < n {
				c = buf[i]
				if isToken(c) {
					if c >= 'A' && c <= 'Z' {
						buf[i] = c + 'a' - 'A'
					}
					i++
					continue
				}
				if c == ':' || c == '\n' || !p.AcceptInvalid {
					break
				}
				// accept-invalid-*: any other byte stays in the name, as
				// typed but lower-cased (accept-space-before-colon
				// forwards "host : a").
				buf[i] = lower(c)
				i++
			}
			if i == n {
				break
			}
			if c != ':' {
				return p.fail(h, ReasonBadHeaderName, i)
			}
			if i == p.sol {
				return p.fail(h, ReasonEmptyHeaderName, i)
			}
			p.col = i
			i++
			st = stHdrL1SP

		case stHdrL1SP:
			if isSPHT(c) {
				i++
				continue
			}
			p.sov = i
			if !isCRLF(c) {
				st = stHdrVal
				continue
			}
			p.eol = i
			if c == '\r' {
				i++
			}
			st = stHdrL1LF

		case stHdrL1LF:
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			st = stHdrL1LWS

		case stHdrL1LWS:
			if isSPHT(c) {
				// Folded line after an empty first line: blank out the
				// CRLF and keep looking for the value.
				for k := p.sov; k < i; k++ {
					buf[k] = ' '
				}
				st = stHdrL1SP
				continue
			}
			// A header made of blanks only.
			p.eol = p.sov
			if ok, err := p.completeHeader(buf, h); !ok {
				return false, err
			}
			st = stHdrNext(c)
			p.sol = i
			if st == stLastLF && c == '\r' {
				i++
			}

		case stHdrVal:
			// Anything but CR and LF belongs to the value: 2.6.12 lets NUL
			// and other controls through (hdr-nul-in-value,
			// hdr-ctl-in-value).
			for i < n {
				if c = buf[i]; c > '\r' || c != '\r' && c != '\n' {
					i++
					continue
				}
				break
			}
			if i == n {
				break
			}
			p.eol = i
			if buf[i] == '\r' {
				i++
			}
			st = stHdrL2LF

		case stHdrL2LF:
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			st = stHdrL2LWS

		case stHdrL2LWS:
			if isSPHT(c) {
				// Obsolete line folding (RFC 9112 5.2): the CRLF becomes
				// blanks in place and the value goes on.
				for k := p.eol; k < i; k++ {
					buf[k] = ' '
				}
				st = stHdrVal
				continue
			}
			if ok, err := p.completeHeader(buf, h); !ok {
				return false, err
			}
			st = stHdrNext(c)
			p.sol = i
			if st == stLastLF && c == '\r' {
				i++
			}

		case stLastLF:
			if c != '\n' {
				return p.fail(h, ReasonBadLineEnd, i)
			}
			i++
			p.pos, p.state = i, stDone
			h.Len = i
			if ok, err := p.finish(buf, h, req); !ok {
				return false, err
			}
			return true, nil
		}
	}
	p.pos, p.state = i, st
	if n >= raw {
		// The input buffer is full and the head is still open.
		return p.fail(h, ReasonHeadTooLarge, n)
	}
	return false, nil
}

// stHdrNext is the state after a complete header line, given the first
// byte of the next line.
func stHdrNext(c byte) state {
	if isCRLF(c) {
		return stLastLF
	}
	return stHdrName
}
