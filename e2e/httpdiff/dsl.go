package httpdiff

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The helpers below keep case tables short. Requests are written as
// raw bytes: what a test sends is exactly what the proxy receives.

// crlf joins lines with CRLF and ends the head with an empty line.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n\r\n" }

// get is "GET uri HTTP/1.1" with a Host header and extra header lines.
func get(uri string, hdrs ...string) string {
	return crlf(append([]string{"GET " + uri + " HTTP/1.1", "Host: test.local"}, hdrs...)...)
}

// req is a request with a Content-Length body (none when body is "").
func req(method, uri, body string, hdrs ...string) string {
	lines := append([]string{method + " " + uri + " HTTP/1.1", "Host: test.local"}, hdrs...)
	if body != "" || method == "POST" || method == "PUT" {
		lines = append(lines, "Content-Length: "+strconv.Itoa(len(body)))
	}
	return crlf(lines...) + body
}

// chunked is a POST whose body is sent in the given chunks.
func chunked(uri string, chunks []string, hdrs ...string) string {
	lines := append([]string{"POST " + uri + " HTTP/1.1", "Host: test.local", "Transfer-Encoding: chunked"}, hdrs...)
	var b strings.Builder
	b.WriteString(crlf(lines...))
	for _, c := range chunks {
		b.WriteString(strconv.FormatInt(int64(len(c)), 16) + "\r\n" + c + "\r\n")
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

func open(c int) Step                 { return Step{Op: OpOpen, Conn: c} }
func openTo(c int, to string) Step    { return Step{Op: OpOpen, Conn: c, To: to} }
func openFrom(c int, src string) Step { return Step{Op: OpOpen, Conn: c, Src: src} }
func open6(c int, to string) Step     { return Step{Op: OpOpen, Conn: c, To: to, Net: "tcp6"} }
func openUnix(c int, to string) Step  { return Step{Op: OpOpen, Conn: c, To: to, Net: "unix"} }
func send(c int, data string) Step    { return Step{Op: OpSend, Conn: c, Data: data} }

// read reads responses on c up to a final one.
func read(c int) Step { return Step{Op: OpReadFinal, Conn: c} }

// read1 reads exactly one response, interim or final.
func read1(c int) Step       { return Step{Op: OpRead, Conn: c} }
func readHEAD(c int) Step    { return Step{Op: OpReadFinal, Conn: c, Head: true} }
func readN(c, n int) Step    { return Step{Op: OpReadN, Conn: c, N: n} }
func readEOF(c int) Step     { return Step{Op: OpReadEOF, Conn: c} }
func shut(c int) Step        { return Step{Op: OpShut, Conn: c} }
func closeConn(c int) Step   { return Step{Op: OpClose, Conn: c} }
func resetConn(c int) Step   { return Step{Op: OpReset, Conn: c} }
func sleep(ms int) Step      { return Step{Op: OpSleep, D: time.Duration(ms) * time.Millisecond} }
func settle(ms int) Step     { return Step{Op: OpSettle, D: time.Duration(ms) * time.Millisecond} }
func waitServers(n int) Step { return Step{Op: OpWaitServers, N: n} }
func timed(s Step) Step      { s.Timed = true; return s }

// steps flattens Steps and []Steps into a script.
func steps(parts ...any) []Step {
	var out []Step
	for _, p := range parts {
		switch v := p.(type) {
		case Step:
			out = append(out, v)
		case []Step:
			out = append(out, v...)
		default:
			panic("steps: not a Step")
		}
	}
	return out
}

// exchange sends data on c and reads the final response (bodiless when
// the request is HEAD).
func exchange(c int, data string) []Step {
	if strings.HasPrefix(data, "HEAD ") {
		return []Step{send(c, data), readHEAD(c)}
	}
	return []Step{send(c, data), read(c)}
}

// each sends every request on a connection of its own (1, 2, ...).
func each(reqs ...string) []Step {
	var out []Step
	for i, r := range reqs {
		out = append(out, exchange(i+1, r)...)
	}
	return out
}

// onOne sends every request in turn on connection 1 (keep-alive).
func onOne(reqs ...string) []Step {
	var out []Step
	for _, r := range reqs {
		out = append(out, exchange(1, r)...)
	}
	return out
}

// repeat returns n copies of r.
func repeat(n int, r string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = r
	}
	return out
}

// indent puts lines of a section body under their section keyword.
func indent(lines string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.Trim(lines, "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		b.WriteString("    " + strings.TrimSpace(l) + "\n")
	}
	return b.String()
}

// defaultsHTTP is the defaults section most cases share: timeouts long
// enough never to fire unless a case means them to (the queue's would
// default to the connect timeout, shorter than what queueing cases hold).
const defaultsHTTP = `
defaults
    mode http
    timeout connect 1s
    timeout client 3s
    timeout server 3s
    timeout queue 5s
`

// hasServer tells whether section lines declare a server.
func hasServer(lines string) bool {
	for _, l := range strings.Split(lines, "\n") {
		f := strings.Fields(l)
		if len(f) > 0 && (f[0] == "server" || f[0] == "server-template") {
			return true
		}
	}
	return false
}

// simple is a configuration with one HTTP frontend "fe" and its default
// backend "be"; fe and be are extra lines for each. be without a server
// line gets server s1.
func simple(fe, be string) string {
	if !hasServer(be) {
		be += "\nserver s1 {{srv \"s1\"}}"
	}
	return defaultsHTTP + "\nfrontend fe\n    bind {{addr \"fe\"}}\n" + indent(fe) +
		"    default_backend be\n\nbackend be\n" + indent(be)
}

// b64 is standard base64 (Basic credentials, expected converter output).
func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func cutPrefix(s, prefix string) (string, bool) { return strings.CutPrefix(s, prefix) }
func cut(s, sep string) (string, string, bool)  { return strings.Cut(s, sep) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func itoa(n int) string { return strconv.Itoa(n) }
