package httpdiff

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// answer is what a back end sends back for one request: its Backend
// knobs, overridden by the request's X-Be-* headers.
type answer struct {
	status    int
	headers   []string
	body      string
	chunked   bool
	noLength  bool
	close     bool
	delay     time.Duration
	websocket bool
	noAccept  bool // answer an upgrade without Sec-WebSocket-Accept
}

// answerFor applies the per-request overrides:
//
//	X-Be-Status: 404          X-Be-Delay: 300 (ms)
//	X-Be-Header: Name: value  (repeatable)
//	X-Be-Body: text           X-Be-Size: 20000 (body of that many 'x')
//	X-Be-Hsize: 5000 (an X-Big header of that many 'b')
//	X-Be-Close: 1   X-Be-Chunked: 1   X-Be-Nolength: 1   X-Be-Ws: 1
//	X-Be-Noaccept: 1 (an upgrade answered without Sec-WebSocket-Accept)
func (s *server) answerFor(head []string) answer {
	a := answer{
		status:    s.spec.Status,
		headers:   append([]string(nil), s.spec.Headers...),
		body:      s.spec.Body,
		chunked:   s.spec.Chunked,
		noLength:  s.spec.NoLength,
		close:     s.spec.Close,
		delay:     s.spec.Delay,
		websocket: s.spec.WebSocket,
	}
	if a.status == 0 {
		a.status = 200
	}
	if a.body == "" && !s.spec.EmptyBody {
		a.body = s.spec.Name
	}
	if s.spec.Kind == Silent {
		a.delay = time.Hour
	}
	for _, v := range headerValues(head, "X-Be-Status") {
		a.status, _ = strconv.Atoi(v)
	}
	for _, v := range headerValues(head, "X-Be-Delay") {
		ms, _ := strconv.Atoi(v)
		a.delay = time.Duration(ms) * time.Millisecond
	}
	a.headers = append(a.headers, headerValues(head, "X-Be-Header")...)
	for _, v := range headerValues(head, "X-Be-Body") {
		a.body = v
	}
	for _, v := range headerValues(head, "X-Be-Hsize") {
		n, _ := strconv.Atoi(v)
		a.headers = append(a.headers, "X-Big: "+strings.Repeat("b", n))
	}
	for _, v := range headerValues(head, "X-Be-Size") {
		n, _ := strconv.Atoi(v)
		a.body = strings.Repeat("x", n)
	}
	flag := func(name string, dst *bool) {
		if v := headerValues(head, name); len(v) > 0 {
			*dst = v[0] == "1"
		}
	}
	flag("X-Be-Close", &a.close)
	flag("X-Be-Chunked", &a.chunked)
	flag("X-Be-Nolength", &a.noLength)
	flag("X-Be-Ws", &a.websocket)
	flag("X-Be-Noaccept", &a.noAccept)
	return a
}

// isCheck tells health-check requests apart: they come when the checker
// pleases, so they are never recorded (cases check "GET /__check").
func isCheck(head []string) bool {
	return strings.HasPrefix(head[0], "OPTIONS / HTTP/1.0") && len(head) == 1 ||
		strings.Contains(head[0], " /__check")
}

// http serves the requests of one connection.
func (s *server) http(c net.Conn, connNo int) {
	br := bufio.NewReaderSize(c, 64<<10)
	proxyHdr := ""
	if s.spec.Proxy {
		h, err := readProxyHeader(br)
		if err != nil {
			s.log.add(&serverEvent{backend: s.spec.Name, conn: connNo, end: "bad PROXY header: " + err.Error()})
			return
		}
		proxyHdr = h
	}
	for first := true; ; first = false {
		head, n, err := readHead(br)
		if err != nil {
			if n > 0 {
				s.log.add(&serverEvent{backend: s.spec.Name, conn: connNo, line: strings.Join(head, "\n"), end: "head cut: " + errClass(err)})
			}
			return
		}
		if isCheck(head) {
			c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			return
		}
		ev := &serverEvent{backend: s.spec.Name, conn: connNo, from: peerIP(c), line: head[0], headers: head[1:]}
		if first {
			ev.proxy = proxyHdr
		}
		answered := s.log.begin(ev, resetTest(c))
		if s.spec.Kind == Reset {
			answered()
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0)
			}
			return
		}
		ok := s.serveOne(c, br, head, ev, answered)
		answered()
		if !ok {
			return
		}
	}
}

// serveOne reads the body of one request and answers it, calling
// answered once the answer is out; false ends the connection.
func (s *server) serveOne(c net.Conn, br *bufio.Reader, head []string, ev *serverEvent, answered func()) bool {
	a := s.answerFor(head)
	if hasToken(head[1:], "Expect", "100-continue") && !s.spec.NoContinue {
		c.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
	}
	onData := func(b []byte) { s.log.update(func() { ev.body = append(ev.body, b...) }) }
	switch {
	case hasToken(head[1:], "Transfer-Encoding", "chunked"):
		s.log.update(func() { ev.chunked = true })
		tr, err := readChunked(br, onData)
		s.log.update(func() { ev.trailers = tr })
		if err != nil {
			s.log.update(func() { ev.end = "body cut: " + errClass(err) })
			return false
		}
	case contentLength(head[1:]) > 0:
		if err := readLength(br, contentLength(head[1:]), onData); err != nil {
			s.log.update(func() { ev.end = "body cut: " + errClass(err) })
			return false
		}
	}
	wantsClose := hasToken(head[1:], "Connection", "close") ||
		strings.HasSuffix(head[0], "HTTP/1.0") && !hasToken(head[1:], "Connection", "keep-alive")
	// While the answer is delayed, watch the connection: a proxy
	// that gives up (abortonclose, timeouts) closes it, and that is
	// worth recording.
	var peeked chan error
	if a.delay > 0 {
		peeked = make(chan error, 1)
		go func() { _, err := br.Peek(1); peeked <- err }()
		timer := time.NewTimer(a.delay)
		select {
		case <-timer.C:
		case <-s.done:
			timer.Stop()
			return false
		case err := <-peeked:
			if err != nil {
				timer.Stop()
				s.log.update(func() { ev.end = "closed before the answer: " + errClass(err) })
				return false
			}
			// A pipelined request: answer this one first.
			peeked = nil
			select {
			case <-timer.C:
			case <-s.done:
				timer.Stop()
				return false
			}
		}
	}
	upgrade := a.websocket && hasToken(head[1:], "Upgrade", "websocket")
	if upgrade {
		answered()
		c.Write([]byte("HTTP/1.1 101 Switching Protocols\r\nX-Server: " + s.spec.Name +
			"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + wsAccept(head[1:], a.noAccept) + "\r\n"))
		if peeked != nil {
			<-peeked
		}
		readToEOF(br, func(b []byte) {
			s.log.update(func() { ev.data = append(ev.data, b...) })
			c.Write(b)
		})
		return false
	}
	if s.spec.Raw != "" {
		answered()
		c.Write([]byte(s.spec.Raw))
		return false
	}
	closing := a.close || wantsClose || a.noLength
	// Answered before the bytes leave: the proxy may send the next
	// request as soon as it reads them.
	answered()
	_, err := c.Write(s.render(head[0], a, closing))
	if err != nil {
		return false
	}
	if closing {
		return false
	}
	if peeked != nil {
		if err := <-peeked; err != nil {
			return false
		}
	}
	return true
}

// wsAccept is the Sec-WebSocket-Accept line answering the request's key
// (RFC 6455 4.2.2): HAProxy checks it and answers 502 without it.
func wsAccept(head []string, omit bool) string {
	keys := headerValues(head, "Sec-WebSocket-Key")
	if len(keys) == 0 || omit {
		return ""
	}
	sum := sha1.Sum([]byte(keys[0] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return "Sec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n"
}

// peerIP is the address the proxy connected from (source, usesrc).
func peerIP(c net.Conn) string {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.IP.String()
	}
	return ""
}

// render writes the response head and body.
func (s *server) render(reqLine string, a answer, closing bool) []byte {
	var b strings.Builder
	reason := http.StatusText(a.status)
	if reason == "" {
		reason = "Status"
	}
	b.WriteString("HTTP/1.1 " + strconv.Itoa(a.status) + " " + reason + "\r\n")
	b.WriteString("X-Server: " + s.spec.Name + "\r\n")
	for _, h := range a.headers {
		b.WriteString(h + "\r\n")
	}
	noBody := a.status == 204 || a.status == 304 || a.status < 200
	head := strings.HasPrefix(reqLine, "HEAD ")
	switch {
	case noBody:
	case a.noLength:
	case a.chunked:
		b.WriteString("Transfer-Encoding: chunked\r\n")
	default:
		b.WriteString("Content-Length: " + strconv.Itoa(len(a.body)) + "\r\n")
	}
	if closing && !a.noLength {
		b.WriteString("Connection: close\r\n")
	}
	b.WriteString("\r\n")
	if noBody || head {
		return []byte(b.String())
	}
	if a.chunked {
		// Two chunks, so that a proxy that re-chunks is seen doing so.
		half := len(a.body) / 2
		for _, part := range []string{a.body[:half], a.body[half:]} {
			if part != "" {
				b.WriteString(strconv.FormatInt(int64(len(part)), 16) + "\r\n" + part + "\r\n")
			}
		}
		b.WriteString("0\r\n\r\n")
		return []byte(b.String())
	}
	b.WriteString(a.body)
	return []byte(b.String())
}
