package check

import (
	"bytes"
	"strconv"
	"strings"
)

// httpRequest serialises an HTTP check request the way 2.6's H1
// multiplexer writes what tcpcheck_eval_send() builds: header names in
// lower case, Connection and Content-Length handled by the multiplexer
// (measured against 2.6.12: no "content-length: 0" for GET, HEAD,
// OPTIONS and DELETE; "connection: close" only where HTTP/1.1 needs it).
func httpRequest(h *httpSend, env sampleEnv, stateHdr string) []byte {
	meth := h.meth
	if meth == "" {
		meth = "OPTIONS"
	}
	uri := h.uri
	if h.uriFmt != nil {
		uri = string(h.uriFmt.build(env))
	}
	if uri == "" {
		uri = "/"
	}
	vsn := h.vsn
	if vsn == "" {
		vsn = "HTTP/1.0"
	}
	body := []byte(h.body)
	if h.bodyFmt != nil {
		body = h.bodyFmt.build(env)
	}
	var b bytes.Buffer
	b.WriteString(meth + " " + uri + " " + vsn + "\r\n")
	userConn, keepAlive, closeTok := false, false, false
	for _, hd := range h.hdrs {
		v := hd.value.build(env)
		if len(v) == 0 {
			continue
		}
		name := strings.ToLower(hd.name)
		if name == "connection" {
			userConn = true
			var rest []string
			for _, tok := range strings.Split(string(v), ",") {
				tok = strings.TrimSpace(tok)
				switch strings.ToLower(tok) {
				case "close":
					closeTok = true
				case "keep-alive":
					keepAlive = true
				case "":
				default:
					rest = append(rest, tok)
				}
			}
			if len(rest) > 0 {
				b.WriteString("connection: " + strings.Join(rest, ", ") + "\r\n")
			}
			continue
		}
		b.WriteString(name + ": ")
		b.Write(v)
		b.WriteString("\r\n")
	}
	if stateHdr != "" {
		b.WriteString("x-haproxy-server-state: " + stateHdr + "\r\n")
	}
	switch {
	case len(body) > 0:
		b.WriteString("content-length: " + strconv.Itoa(len(body)) + "\r\n")
	case meth != "GET" && meth != "HEAD" && meth != "OPTIONS" && meth != "DELETE":
		b.WriteString("content-length: 0\r\n")
	}
	wantClose := !userConn || closeTok || !keepAlive
	if isHTTP11(vsn) {
		if wantClose {
			b.WriteString("connection: close\r\n")
		}
	} else if !wantClose {
		b.WriteString("connection: keep-alive\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// isHTTP11 is the version test of tcpcheck_eval_send() (HTX_SL_F_VER_11).
func isHTTP11(v string) bool {
	return (len(v) == 6 && v[5] == '2') ||
		(len(v) == 8 && (v[5] > '1' || (v[5] == '1' && v[7] >= '1')))
}

// httpResponse is a check's response as far as it arrived.
type httpResponse struct {
	version string
	status  int
	reason  string
	hdrs    [][2]string
	body    []byte
	// done: the whole message arrived (HTX_FL_EOM).
	done bool
	// bad: the response does not parse (HTX_FL_PARSING_ERROR).
	bad bool
	// headers: the status line and headers are in.
	headers bool
}

// maxHTTPBody is what a check buffer holds of a body: 2.6 reads into one
// buffer (tune.bufsize, 16384) and stops when it is full.
const maxHTTPBody = 16384 - 1024

// parseHTTPResponse parses buf; eof means the server closed.
func parseHTTPResponse(buf []byte, eof bool) *httpResponse {
	r := &httpResponse{}
	end := bytes.Index(buf, []byte("\r\n\r\n"))
	sep := 4
	if e2 := bytes.Index(buf, []byte("\n\n")); e2 >= 0 && (end < 0 || e2 < end) {
		end, sep = e2, 2
	}
	if end < 0 {
		if eof && len(buf) > 0 {
			r.bad = true
		}
		return r
	}
	lines := strings.Split(strings.ReplaceAll(string(buf[:end]), "\r\n", "\n"), "\n")
	sl := strings.SplitN(lines[0], " ", 3)
	if len(sl) < 2 || !strings.HasPrefix(sl[0], "HTTP/") || len(sl[1]) != 3 {
		r.bad = true
		return r
	}
	code, err := strconv.Atoi(sl[1])
	if err != nil {
		r.bad = true
		return r
	}
	r.version, r.status = sl[0], code
	if len(sl) == 3 {
		r.reason = sl[2]
	}
	for _, l := range lines[1:] {
		name, v, ok := strings.Cut(l, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			r.bad = true
			return r
		}
		r.hdrs = append(r.hdrs, [2]string{name, strings.Trim(v, " \t")})
	}
	r.headers = true
	body := buf[end+sep:]
	switch {
	case r.status < 200 || r.status == 204 || r.status == 304:
		r.done = true
	case r.chunked():
		r.body, r.done = dechunk(body)
	case r.contentLength() >= 0:
		n := r.contentLength()
		if len(body) >= n {
			body, r.done = body[:n], true
		}
		r.body = body
	default:
		r.body, r.done = body, eof
	}
	if len(r.body) > maxHTTPBody {
		r.body = r.body[:maxHTTPBody]
		r.done = true
	}
	return r
}

func (r *httpResponse) chunked() bool {
	for _, v := range r.values("transfer-encoding", false) {
		if strings.EqualFold(v, "chunked") {
			return true
		}
	}
	return false
}

func (r *httpResponse) contentLength() int {
	vals := r.values("content-length", false)
	if len(vals) == 0 {
		return -1
	}
	n, err := strconv.Atoi(vals[0])
	if err != nil {
		return -1
	}
	return n
}

// values lists a header's values: each comma-separated element, or whole
// lines with full (the "fhdr" forms).
func (r *httpResponse) values(name string, full bool) []string {
	var out []string
	for _, h := range r.hdrs {
		if !strings.EqualFold(h[0], name) {
			continue
		}
		if full {
			out = append(out, h[1])
			continue
		}
		for _, v := range strings.Split(h[1], ",") {
			out = append(out, strings.Trim(v, " \t"))
		}
	}
	return out
}

// dechunk decodes a chunked body as far as it arrived.
func dechunk(b []byte) ([]byte, bool) {
	var out []byte
	for {
		i := bytes.Index(b, []byte("\r\n"))
		if i < 0 {
			return out, false
		}
		sz := string(b[:i])
		if j := strings.IndexByte(sz, ';'); j >= 0 {
			sz = sz[:j]
		}
		n, err := strconv.ParseInt(strings.TrimSpace(sz), 16, 32)
		if err != nil {
			return out, true
		}
		b = b[i+2:]
		if n == 0 {
			return out, true
		}
		if int64(len(b)) < n+2 {
			out = append(out, b[:min(int64(len(b)), n)]...)
			return out, false
		}
		out = append(out, b[:n]...)
		b = b[n+2:]
	}
}
