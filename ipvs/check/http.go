package check

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/tls"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"os"
	"regexp"
	"strconv"
	"time"
)

// maxBuffer is MAX_BUFFER_LENGTH: keepalived reads the response through
// a buffer of this size, less one byte for a terminating NUL.
const maxBuffer = 4096

// HTTPRequest is one url fetch of HTTP_GET or SSL_GET (and of genhash).
type HTTPRequest struct {
	Conn Conn
	// TLS is the client configuration for SSL_GET; nil for plain HTTP.
	TLS  *tls.Config
	Path string
	// Host is the virtualhost; empty sends the server's address and port.
	Host string
	// Protocol is http_protocol: "1.0" (default), "1.0C" or "1.1".
	Protocol string
	// Digest asks for the MD5 of the body.
	Digest bool
	// Regex is matched against what is read; a match must start at or
	// after RegexMin and, with RegexMax non-zero, before it.
	Regex              *regexp.Regexp
	RegexMin, RegexMax int
	// Verbose receives genhash -v's dumps of the exchange.
	Verbose io.Writer
}

// HTTPResponse is what a fetch read.
type HTTPResponse struct {
	// Extracted: the end of the header was found; without it keepalived
	// says no data was received.
	Extracted     bool
	StatusCode    int
	ContentLength int64 // -1 without a usable Content-Length
	RxBytes       int64 // body bytes received
	Digest        []byte
	RegexMatched  bool
}

// HTTPError is a fetch that failed, in keepalived's words (the message
// its checker logs as "<Msg> server [ip]:tcp:port.").
type HTTPError struct {
	Msg string
	// Local: the checker could not try (socket or bind failure);
	// Socket: socket() itself failed.
	Local, Socket bool
	Err           error
	// Log is what keepalived logs when the socket cannot be set up.
	Log string
}

func (e *HTTPError) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *HTTPError) Unwrap() error { return e.Err }

// request is request_template: HTTP/1.0 (or 1.1 for "1.1"), keepalived's
// user agent, Connection: close for "1.0C" and "1.1", and a Host that is
// the virtualhost or the server's address and port (bracketed for IPv6).
func (r *HTTPRequest) request() string {
	minor, closeHdr := 0, ""
	switch r.Protocol {
	case "1.1":
		minor, closeHdr = 1, "Connection: close\r\n"
	case "1.0C", "1.0c":
		closeHdr = "Connection: close\r\n"
	}
	host := r.Host
	if host == "" {
		a := r.Conn.Dst.Addr().Unmap()
		if a.Is6() {
			host = "[" + a.String() + "]"
		} else {
			host = a.String()
		}
		host += ":" + strconv.Itoa(int(r.Conn.Dst.Port()))
	}
	return fmt.Sprintf("GET %s HTTP/1.%d\r\nUser-Agent: KeepAliveClient\r\n%sHost: %s\r\n\r\n", r.Path, minor, closeHdr, host)
}

// HTTPGet fetches r's url and reads the response to its end, as
// check_http.c does: a connection per url, the request in one write,
// then reads each bounded by the connection timeout until the server
// closes.
func HTTPGet(ctx context.Context, r *HTTPRequest) (*HTTPResponse, error) {
	conn, err := DialTCP(ctx, r.Conn)
	if err != nil {
		class, immediate, sock := ClassOf(err)
		switch {
		case immediate && class == Fail:
			return nil, &HTTPError{Msg: "HTTP_CHECK - network unreachable", Err: err}
		case immediate:
			return nil, &HTTPError{Msg: "socket bind failed", Local: true, Socket: sock, Err: err, Log: LogOf(err)}
		case class == Timeout:
			return nil, &HTTPError{Msg: "Timeout connecting", Err: err}
		case class == Fail:
			return nil, &HTTPError{Msg: "Connection failed", Err: err}
		}
		return nil, &HTTPError{Msg: "Error connecting", Err: err}
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	deadline := func() { _ = conn.SetDeadline(time.Now().Add(r.Conn.Timeout)) }
	deadline()
	if r.TLS != nil {
		tc := tls.Client(eachIO{Conn: conn, ctx: ctx, timeout: r.Conn.Timeout}, r.TLS)
		if err := tc.HandshakeContext(ctx); err != nil {
			if isTimeout(err) {
				return nil, &HTTPError{Msg: "Timeout connecting", Err: err}
			}
			return nil, &HTTPError{Msg: "SSL handshake/communication error connecting to", Err: err}
		}
		conn = tc
	}
	deadline()
	if _, err := io.WriteString(conn, r.request()); err != nil {
		if isTimeout(err) {
			return nil, &HTTPError{Msg: "Timeout WEB write", Err: err}
		}
		return nil, &HTTPError{Msg: "Cannot send get request to", Err: err}
	}
	return r.read(conn)
}

// eachIO bounds each read and write under TLS by the connection
// timeout, as keepalived bounds each wait of SSL_connect and SSL_read
// (every SSL_ERROR_WANT_READ/WRITE re-arms its thread with
// connect_timeout), not the handshake as a whole. A cancelled ctx's
// deadline is left in place.
type eachIO struct {
	net.Conn
	ctx     context.Context
	timeout time.Duration
}

func (c eachIO) Read(p []byte) (int, error) {
	if c.ctx.Err() == nil {
		_ = c.Conn.SetDeadline(time.Now().Add(c.timeout))
	}
	return c.Conn.Read(p)
}

func (c eachIO) Write(p []byte) (int, error) {
	if c.ctx.Err() == nil {
		_ = c.Conn.SetDeadline(time.Now().Add(c.timeout))
	}
	return c.Conn.Write(p)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// reader is request_t: the response as http_process_response() reads it.
type reader struct {
	r       *HTTPRequest
	resp    HTTPResponse
	buf     []byte // what is read until the header's end is found
	subject []byte // what the regex is matched against
	md5     hash.Hash
}

func (r *HTTPRequest) read(conn net.Conn) (*HTTPResponse, error) {
	rd := &reader{r: r, resp: HTTPResponse{ContentLength: -1}}
	if r.Digest {
		rd.md5 = md5.New()
	}
	_, isTLS := conn.(*tls.Conn)
	chunk := make([]byte, maxBuffer-1)
	first := true
	for {
		_ = conn.SetReadDeadline(time.Now().Add(r.Conn.Timeout))
		room := chunk
		if !rd.resp.Extracted {
			room = chunk[:maxBuffer-1-len(rd.buf)]
		}
		var n int
		var err error
		if len(room) > 0 {
			n, err = conn.Read(room)
		} else {
			// A full buffer without a header's end reads as the end.
			err = io.EOF
		}
		if n > 0 {
			rd.process(chunk[:n])
			first = false
			if err == nil {
				continue
			}
		}
		switch {
		case err == nil:
			continue
		case isTimeout(err):
			switch {
			case isTLS:
				return nil, &HTTPError{Msg: "Timeout SSL read", Err: err}
			case first:
				return nil, &HTTPError{Msg: "Timeout WEB read", Err: err}
			}
			return nil, &HTTPError{Msg: "Timeout HTTP read", Err: err}
		case errors.Is(err, io.EOF) || isTLS:
			// The end of the stream (for SSL, any error once reading
			// has started).
			return rd.finish(), nil
		}
		return nil, &HTTPError{Msg: "Read error with", Err: err}
	}
}

// process is http_process_response() for one read.
func (rd *reader) process(p []byte) {
	r := rd.r
	if !rd.resp.Extracted {
		if r.Verbose != nil {
			fmt.Fprint(r.Verbose, delimBegin+"    HTTP Header Buffer    "+delimEnd)
		}
		rd.buf = append(rd.buf, p...)
		end := bytes.Index(rd.buf, []byte("\r\n\r\n"))
		if end < 0 {
			return
		}
		rd.resp.Extracted = true
		body := rd.buf[end+4:]
		rd.resp.StatusCode = statusCode(rd.buf)
		rd.resp.ContentLength = contentLength(rd.buf)
		if r.Verbose != nil {
			DumpBuffer(r.Verbose, rd.buf[:end+4])
			fmt.Fprint(r.Verbose, delimBegin+" HTTP Header Ascii Buffer "+delimEnd)
			fmt.Fprintf(r.Verbose, "%s\n", rd.buf[:end+4])
		}
		if len(body) > 0 && rd.md5 != nil {
			if n := rd.digestLen(int64(len(body))); n > 0 {
				rd.md5.Write(body[:n])
				if r.Verbose != nil {
					fmt.Fprint(r.Verbose, delimBegin+"        HTML Buffer        "+delimEnd)
					DumpBuffer(r.Verbose, body[:n])
				}
			}
		}
		rd.resp.RxBytes = int64(len(body))
		rd.subject = append(rd.subject, rd.buf...)
		return
	}
	if rd.md5 != nil {
		if n := rd.digestLen(int64(len(p))); n > 0 {
			rd.md5.Write(p[:n])
			if r.Verbose != nil {
				DumpBuffer(r.Verbose, p[:n])
			}
		}
	}
	rd.resp.RxBytes += int64(len(p))
	if r.Regex != nil && len(rd.subject) < maxRegexSubject {
		rd.subject = append(rd.subject, p...)
	}
}

// maxRegexSubject bounds what a regex is matched against.
const maxRegexSubject = 1 << 20

// digestLen is how much of n new body bytes the digest takes: all of
// them without a Content-Length, else up to it.
func (rd *reader) digestLen(n int64) int64 {
	cl, rx := rd.resp.ContentLength, rd.resp.RxBytes
	switch {
	case cl < 0:
		return n
	case cl <= rx:
		return 0
	case cl >= rx+n:
		return n
	}
	return cl - rx
}

// finish is the end of the stream: digest and regex.
func (rd *reader) finish() *HTTPResponse {
	r := rd.r
	if rd.md5 != nil {
		rd.resp.Digest = rd.md5.Sum(nil)
		if r.Verbose != nil && rd.resp.Extracted {
			fmt.Fprint(r.Verbose, "\n"+delimBegin+"    HTML hash resulting    "+delimEnd)
			DumpBuffer(r.Verbose, rd.resp.Digest)
			fmt.Fprint(r.Verbose, delimBegin+" HTML hash final resulting "+delimEnd)
		}
	}
	if r.Regex != nil && rd.resp.Extracted {
		rd.resp.RegexMatched = matchFrom(r.Regex, rd.subject, r.RegexMin, r.RegexMax)
	}
	return &rd.resp
}

// matchFrom says whether re matches s at an offset within [min, max)
// (max 0: anywhere after min).
func matchFrom(re *regexp.Regexp, s []byte, lo, hi int) bool {
	if lo > len(s) {
		return false
	}
	loc := re.FindIndex(s[lo:])
	if loc == nil {
		return false
	}
	return hi == 0 || lo+loc[0] < hi
}

// statusCode is extract_status_code(): the three digits after the first
// space, followed by a space.
func statusCode(b []byte) int {
	i := bytes.IndexAny(b, " \r")
	if i < 0 || b[i] != ' ' {
		return 0
	}
	b = b[i+1:]
	if len(b) <= 3 || b[0] == ' ' || b[3] != ' ' {
		return 0
	}
	n := 0
	for _, c := range b[:3] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// contentLength is extract_content_length(): the first "Content-Length:"
// (as written) in what was read with the header, its number ending the
// line.
func contentLength(b []byte) int64 {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i] // strstr() stops at a NUL
	}
	i := bytes.Index(b, []byte("Content-Length:"))
	if i < 0 {
		return -1
	}
	s := b[i+len("Content-Length:"):]
	j := 0
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\v' || s[j] == '\f') {
		j++
	}
	start := j
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j < len(s) && s[j] != '\r' && s[j] != '\n' {
		return -1
	}
	v, err := strconv.ParseInt(string(s[start:j]), 10, 64)
	if err != nil {
		if j == start {
			return 0 // strtoul() reads nothing as 0
		}
		return -1
	}
	return v
}

// Genhash delimiters (check_http.c).
const (
	delimBegin = "-----------------------["
	delimEnd   = "]-----------------------\n"
)

// DumpBuffer is keepalived's dump_buffer(): 16 bytes a line, offset,
// hex with a dash after 8, then the printable characters.
func DumpBuffer(w io.Writer, b []byte) {
	c := len(b)
	if c%16 != 0 {
		c += 16 - c%16
	}
	var out bytes.Buffer
	for i := 0; i < c; i++ {
		if i%16 == 0 {
			fmt.Fprintf(&out, "%04d ", i&0xffff)
		}
		if i < len(b) {
			fmt.Fprintf(&out, "%3.2x", b[i])
		} else {
			out.WriteString("   ")
		}
		if (i+1)%8 != 0 {
			continue
		}
		if (i+1)%16 != 0 {
			out.WriteString(" -")
			continue
		}
		out.WriteString("   ")
		for j := i - 15; j <= i; j++ {
			switch {
			case j >= len(b):
				out.WriteByte(' ')
			case b[j] >= 0x20 && b[j] <= 0x7e:
				out.WriteByte(b[j])
			default:
				out.WriteByte('.')
			}
		}
		out.WriteByte('\n')
	}
	_, _ = w.Write(out.Bytes())
}
