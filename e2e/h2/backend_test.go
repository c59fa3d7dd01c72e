package h2

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// journal is what the back ends saw, in order.
type journal struct {
	mu   sync.Mutex
	recs []string
}

func (j *journal) add(s string) {
	j.mu.Lock()
	j.recs = append(j.recs, s)
	j.mu.Unlock()
}

// take returns what was recorded since the last take, sorted when
// concurrent requests make the order meaningless.
func (j *journal) take(sorted bool) string {
	j.mu.Lock()
	defer j.mu.Unlock()
	r := j.recs
	j.recs = nil
	if sorted {
		r = append([]string(nil), r...)
		sort.Strings(r)
	}
	return strings.Join(r, "")
}

// body is n deterministic bytes.
func body(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return b
}

// rawH1 is an HTTP/1.1 server that records requests byte for byte (the
// head as received, the body's size and digest, the trailers) and
// answers by path.
func rawH1(t testing.TB, j *journal) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveRawH1(c, j)
		}
	}()
	return ln.Addr().String()
}

func serveRawH1(c net.Conn, j *journal) {
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var head strings.Builder
		clen, chunked := -1, false
		expect := false
		wsKey := ""
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			head.WriteString(line)
			if line == "\r\n" {
				break
			}
			l := strings.ToLower(line)
			switch {
			case strings.HasPrefix(l, "content-length:"):
				clen, _ = strconv.Atoi(strings.TrimSpace(l[15:]))
			case strings.HasPrefix(l, "transfer-encoding:") && strings.Contains(l, "chunked"):
				chunked = true
			case strings.HasPrefix(l, "expect:") && strings.Contains(l, "100-continue"):
				expect = true
			case strings.HasPrefix(l, "sec-websocket-key:"):
				wsKey = strings.TrimSpace(line[18:])
			}
		}
		h := head.String()
		reqLine := h[:strings.Index(h, "\r\n")]
		path := strings.Fields(reqLine)[1]
		if expect && strings.Contains(path, "/continue") {
			c.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
		}
		var got []byte
		trailers := ""
		if chunked {
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				n, _ := strconv.ParseInt(strings.TrimSpace(strings.SplitN(line, ";", 2)[0]), 16, 64)
				if n == 0 {
					for {
						tl, err := br.ReadString('\n')
						if err != nil {
							return
						}
						if tl == "\r\n" {
							break
						}
						trailers += tl
					}
					break
				}
				chunk := make([]byte, n+2)
				if _, err := io.ReadFull(br, chunk); err != nil {
					return
				}
				got = append(got, chunk[:n]...)
			}
		} else if clen > 0 {
			got = make([]byte, clen)
			if _, err := io.ReadFull(br, got); err != nil {
				j.add(fmt.Sprintf("h1 %q body cut after %d\n", maskKey(h), len(got)))
				return
			}
		}
		j.add(fmt.Sprintf("h1 %q body %d %s trailers %q\n", maskKey(h), len(got), digest(got), trailers))
		if !answerRawH1(c, br, path, wsKey) {
			return
		}
	}
}

// maskKey hides the random WebSocket key the proxies make up.
func maskKey(h string) string {
	if i := strings.Index(strings.ToLower(h), "sec-websocket-key: "); i >= 0 {
		e := strings.Index(h[i:], "\r\n")
		return h[:i+19] + "<key>" + h[i+e:]
	}
	return h
}

// answerRawH1 answers by path; false closes the connection.
func answerRawH1(c net.Conn, br *bufio.Reader, path string, wsKey string) bool {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	n := 0
	if len(parts) > 1 {
		n, _ = strconv.Atoi(strings.SplitN(parts[1], "?", 2)[0])
	}
	w := func(s string) { c.Write([]byte(s)) }
	switch parts[0] {
	case "len":
		w("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + strconv.Itoa(n) + "\r\nX-Srv: h1\r\n\r\n")
		c.Write(body(n))
	case "chunk":
		w("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
		b := body(n)
		for len(b) > 0 {
			k := min(len(b), 1000+n/3)
			w(strconv.FormatInt(int64(k), 16) + "\r\n" + string(b[:k]) + "\r\n")
			b = b[k:]
		}
		if strings.Contains(path, "tr") {
			w("0\r\nX-Trailer: t1\r\nGrpc-Status: 0\r\n\r\n")
		} else {
			w("0\r\n\r\n")
		}
	case "close":
		w("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")
		c.Write(body(n))
		return false
	case "status":
		w("HTTP/1.1 " + strconv.Itoa(n) + " Whatever\r\nX-Status: " + strconv.Itoa(n) + "\r\n")
		if n == 204 || n == 304 {
			w("\r\n")
		} else {
			w("Content-Length: 5\r\n\r\nbody\n")
		}
	case "cut":
		w("HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(2*n) + "\r\n\r\n")
		c.Write(body(n))
		time.Sleep(50 * time.Millisecond)
		return false
	case "sleep":
		time.Sleep(time.Duration(n) * time.Millisecond)
		w("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n")
	case "hdr":
		w("HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("v", n) + "\r\nContent-Length: 3\r\n\r\nok\n")
	case "continue":
		w("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nok\n")
	case "ws":
		h := sha1.Sum([]byte(wsKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		w("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(h[:]) + "\r\n\r\n")
		// echo until the client half-closes, then close
		io.Copy(c, br)
		return false
	default:
		w("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nX-Srv: h1\r\n\r\nok\n")
	}
	return true
}

// h2Backend is an HTTP/2 server with prior knowledge (net/http), which
// records what it receives.
func h2Backend(t testing.TB, j *journal) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	srv := &http.Server{Protocols: &p, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var hs []string
		for k, v := range r.Header {
			hs = append(hs, k+"="+strings.Join(v, ","))
		}
		sort.Strings(hs)
		var tr []string
		for k, v := range r.Trailer {
			tr = append(tr, k+"="+strings.Join(v, ","))
		}
		sort.Strings(tr)
		j.add(fmt.Sprintf("h2 %s %s %s host=%s scheme=%s hdrs=%v body %d %s trailers %v\n", r.Method, r.RequestURI, r.Proto, r.Host, r.URL.Scheme, hs, len(b), digest(b), tr))
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/h2be/"), "/")
		n := 0
		if len(parts) > 1 {
			n, _ = strconv.Atoi(parts[1])
		}
		w.Header().Set("X-Srv", "h2")
		switch parts[0] {
		case "len":
			w.Header().Set("Content-Length", strconv.Itoa(n))
			w.Write(body(n))
		case "stream":
			w.Write(body(n))
		case "trailers":
			w.Header().Set("Trailer", "X-Trailer")
			w.Write([]byte("with trailers\n"))
			w.Header().Set("X-Trailer", "t2")
		case "echo":
			w.Write(b)
		case "status":
			w.WriteHeader(n)
		case "empty":
		default:
			w.Write([]byte("ok h2\n"))
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}
