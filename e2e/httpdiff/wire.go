package httpdiff

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxHead bounds a request or response head read by the harness, far
// above what any tune.bufsize lets through.
const maxHead = 1 << 20

// readHead reads lines up to the empty one and returns them without
// their line endings. n counts the bytes read, so that a caller can tell
// a clean end of stream (n == 0) from a truncated head.
func readHead(r *bufio.Reader) (lines []string, n int, err error) {
	for {
		line, err := r.ReadString('\n')
		n += len(line)
		if err != nil {
			return lines, n, err
		}
		if n > maxHead {
			return lines, n, errors.New("head too large")
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if line == "" {
			if len(lines) == 0 {
				// Tolerate empty lines before a message (RFC 9112 2.2).
				continue
			}
			return lines, n, nil
		}
		lines = append(lines, line)
	}
}

// headerValues returns the values of the header lines named name, in
// order, with optional white space trimmed.
func headerValues(lines []string, name string) []string {
	var out []string
	for _, l := range lines {
		n, v, ok := strings.Cut(l, ":")
		if ok && strings.EqualFold(strings.TrimSpace(n), name) {
			out = append(out, strings.Trim(v, " \t"))
		}
	}
	return out
}

// hasToken reports whether a comma-separated header of lines contains
// token (Connection, Transfer-Encoding, Upgrade).
func hasToken(lines []string, name, token string) bool {
	for _, v := range headerValues(lines, name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// contentLength returns the first Content-Length, or -1.
func contentLength(lines []string) int64 {
	v := headerValues(lines, "Content-Length")
	if len(v) == 0 {
		return -1
	}
	n, err := strconv.ParseInt(v[0], 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// readChunked decodes a chunked body, appending the data to *body as it
// arrives so that a partial body is visible when the stream breaks.
func readChunked(r *bufio.Reader, onData func([]byte)) (trailers []string, err error) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		size := strings.TrimSpace(line)
		if i := strings.IndexByte(size, ';'); i >= 0 {
			size = strings.TrimSpace(size[:i])
		}
		n, err := strconv.ParseInt(size, 16, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad chunk size %q", line)
		}
		if n == 0 {
			break
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		onData(buf)
		if crlf, err := r.ReadString('\n'); err != nil || strings.TrimRight(crlf, "\r\n") != "" {
			if err == nil {
				err = fmt.Errorf("chunk not followed by CRLF: %q", crlf)
			}
			return nil, err
		}
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return trailers, err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if line == "" {
			return trailers, nil
		}
		trailers = append(trailers, line)
	}
}

// readLength reads exactly n body bytes, delivering them as they come.
func readLength(r *bufio.Reader, n int64, onData func([]byte)) error {
	buf := make([]byte, 32<<10)
	for n > 0 {
		m := int64(len(buf))
		if m > n {
			m = n
		}
		k, err := r.Read(buf[:m])
		if k > 0 {
			onData(append([]byte(nil), buf[:k]...))
			n -= int64(k)
		}
		if err != nil {
			if n > 0 {
				return err
			}
			return nil
		}
	}
	return nil
}

// readToEOF delivers everything up to the end of the stream.
func readToEOF(r io.Reader, onData func([]byte)) error {
	buf := make([]byte, 32<<10)
	for {
		k, err := r.Read(buf)
		if k > 0 {
			onData(append([]byte(nil), buf[:k]...))
		}
		if err != nil {
			return err
		}
	}
}
