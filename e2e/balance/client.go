package balance_e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"hakeep/proxy/balance/golden"
)

// send makes the request on a fresh connection from its source address and
// returns the name of the server that answered, or "<status>" when the
// proxy answered itself. A held request (holdID not empty) returns its
// open connection.
func send(addr string, r *golden.Request, holdID string) (string, net.Conn, error) {
	src := r.Src
	if src == "" {
		src = "127.0.0.1"
	}
	d := net.Dialer{
		LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)},
		Timeout:   5 * time.Second,
	}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, render(r, holdID)); err != nil {
		c.Close()
		return "", nil, err
	}
	br := bufio.NewReader(c)
	status, err := br.ReadString('\n')
	if err != nil {
		c.Close()
		return "", nil, fmt.Errorf("reading status line: %w", err)
	}
	f := strings.Fields(status)
	if len(f) < 2 {
		c.Close()
		return "", nil, fmt.Errorf("bad status line %q", status)
	}
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			c.Close()
			return "", nil, err
		}
		if strings.TrimRight(line, "\r\n") == "" {
			break
		}
	}
	if f[1] != "200" {
		io.Copy(io.Discard, br)
		c.Close()
		return "<" + f[1] + ">", nil, nil
	}
	if holdID != "" {
		if _, err := br.ReadString('\n'); err != nil { // chunk size
			c.Close()
			return "", nil, fmt.Errorf("reading chunk size: %w", err)
		}
	}
	name, err := br.ReadString('\n')
	if err != nil {
		c.Close()
		return "", nil, fmt.Errorf("reading server name: %w", err)
	}
	name = strings.TrimSpace(name)
	if holdID != "" {
		return name, &heldConn{Conn: c, r: br}, nil
	}
	io.Copy(io.Discard, br)
	c.Close()
	return name, nil, nil
}

// render writes the request with "Connection: close", a Host header when
// the case sets none, and a Content-Length for a body.
func render(r *golden.Request, holdID string) string {
	if r.Raw != "" {
		return r.Raw
	}
	var b strings.Builder
	method := r.Method
	if method == "" {
		method = "GET"
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", method, r.URI)
	if _, ok := r.Header("Host"); !ok {
		b.WriteString("Host: lb.test\r\n")
	}
	for _, h := range r.Headers {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	if holdID != "" {
		b.WriteString(holdHeader + ": " + holdID + "\r\n")
	}
	if r.Body != "" {
		b.WriteString("Content-Length: " + strconv.Itoa(len(r.Body)) + "\r\n")
	}
	b.WriteString("Connection: close\r\n\r\n")
	b.WriteString(r.Body)
	return b.String()
}

// heldConn is a held request's connection with its buffered reader.
type heldConn struct {
	net.Conn
	r *bufio.Reader
}

// finish reads the rest of the response, which ends once the back end is
// released, and closes the connection.
func (h *heldConn) finish() error {
	defer h.Close()
	h.SetDeadline(time.Now().Add(10 * time.Second))
	_, err := io.Copy(io.Discard, h.r)
	return err
}
