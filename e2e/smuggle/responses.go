package smuggle

import (
	"strings"
	"time"
)

const plainGet = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"

// rs is a response case: a plain GET answered with the back end's bytes.
func rs(name, note string, closeAfter bool, responses ...string) Case {
	c := Case{Kind: Response, Name: name, Note: note, Send: [][]byte{[]byte(plainGet)}, CloseAfter: closeAfter}
	for _, r := range responses {
		c.Responses = append(c.Responses, []byte(r))
	}
	return c
}

// rsv is rs under a variant.
func rsv(v Variant, name, note string, closeAfter bool, responses ...string) Case {
	c := rs(name, note, closeAfter, responses...)
	c.Variant = v
	return c
}

// ResponseCases are odd answers from the back end to a plain request.
func ResponseCases() []Case {
	cases := []Case{
		rs("basic", "plain keep-alive response: names lower-cased on the way out?", false,
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-MiXeD-CaSe: v\r\nContent-Length: 5\r\n\r\nhello"),
		rs("chunked", "chunked response with extension and trailer", false,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"),
		rs("close-delimited", "no length: body runs until the server closes", true,
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"),
		rs("http10-close-delimited", "HTTP/1.0 response without length", true,
			"HTTP/1.0 200 OK\r\n\r\nold style"),
		rs("http10-keepalive", "HTTP/1.0 response with Connection: keep-alive and a length", false,
			"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"),
		rs("cl-te", "Content-Length and Transfer-Encoding chunked together", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rs("cl-dup-diff", "two different Content-Length headers", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk"),
		rs("cl-dup-same", "two identical Content-Length headers", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"),
		rs("cl-invalid", "Content-Length: abc", false,
			"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok"),
		rs("te-gzip", "Transfer-Encoding: gzip without chunked: close-delimited", true,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nnot really gzip"),
		rs("status-no-reason", "status line without a reason phrase", false,
			"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-4digits", "four-digit status code", false,
			"HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-letters", "status code with letters", false,
			"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-bad-version", "version HTTP/1.x", false,
			"HTTP/1.x 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-custom-reason", "unusual reason phrase is kept as is", false,
			"HTTP/1.1 299 Very  Custom\tReason\r\nContent-Length: 2\r\n\r\nok"),
		rs("bare-lf", "response lines ending in bare LF", false,
			"HTTP/1.1 200 OK\nContent-Length: 2\n\nok"),
		rs("obs-fold", "obsolete line folding in a response header", false,
			"HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 2\r\n\r\nok"),
		rs("space-before-colon", "space before the colon", false,
			"HTTP/1.1 200 OK\r\nX-A : b\r\nContent-Length: 2\r\n\r\nok"),
		rs("invalid-name-char", "non-token byte in a header name", false,
			"HTTP/1.1 200 OK\r\nX@A: b\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantAcceptResp, "invalid-name-char-accept", "non-token byte in a name under accept-invalid-http-response", false,
			"HTTP/1.1 200 OK\r\nX@A: b\r\nContent-Length: 2\r\n\r\nok"),
		rs("ctl-in-value", "0x01 inside a response header value", false,
			"HTTP/1.1 200 OK\r\nX-A: b\x01c\r\nContent-Length: 2\r\n\r\nok"),
		rs("early-hints", "103 Early Hints before the final response", false,
			"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("100-unsolicited", "100 Continue the client did not ask for", false,
			"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("204-with-cl", "204 with Content-Length and a body", false,
			"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"),
		rs("304", "304 with Content-Length and no body", false,
			"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"),
		func() Case {
			c := rs("head-cl", "response to HEAD with Content-Length and no body", false,
				"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
			c.Send = [][]byte{[]byte("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")}
			return c
		}(),
		rs("101-unrequested", "101 Switching Protocols to a request that asked for no upgrade", false,
			"HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\nraw"),
		rs("conn-close", "Connection: close from the server", false,
			"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"),
		rs("keepalive-header", "Keep-Alive and Connection: keep-alive from the server", false,
			"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok"),
		rs("cl-short", "server closes before sending all of Content-Length", true,
			"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"),
		rs("cl-extra", "server sends more than Content-Length", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"),
		rs("bad-chunk", "invalid chunk size in the middle of a response", false,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nbad\r\n0\r\n\r\n"),
		rs("garbage", "bytes that are not HTTP", false,
			"garbage\r\n\r\n"),
		rs("http09-body", "a body with no status line at all", true,
			"<html>hello</html>"),
		rs("empty-close", "server closes without answering", true, ""),
		rs("head-too-large", "response head larger than the buffer allows", false,
			"HTTP/1.1 200 OK\r\nX-Pad: "+strings.Repeat("p", 16000)+"\r\nContent-Length: 2\r\n\r\nok"),
		rs("leading-crlf", "empty line before the status line", false,
			"\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-099", "status code below 100", false,
			"HTTP/1.1 099 Low\r\nContent-Length: 2\r\n\r\nok"),
		rs("status-600", "status code 600", false,
			"HTTP/1.1 600 High\r\nContent-Length: 2\r\n\r\nok"),
		rs("te-chunked-gzip", "chunked not last in a response: close-delimited", true,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw body"),
		rs("http10-chunked", "HTTP/1.0 response with Transfer-Encoding: chunked", false,
			"HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
		rs("hdr-count-101", "101 header lines in a response", false,
			strings.Replace(manyHeaders(101), "GET / HTTP/1.1\r\nHost: a\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", 1)+"ok"),
		rs("nul-in-value", "NUL inside a response header value", false,
			"HTTP/1.1 200 OK\r\nX-A: b\x00c\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantAcceptResp, "accept-status-letters", "status code with letters under accept-invalid-http-response", false,
			"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantAcceptResp, "accept-cl-dup-diff", "different Content-Lengths under accept-invalid-http-response", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk"),
		rsv(VariantAcceptResp, "accept-te-gzip", "Transfer-Encoding: gzip under accept-invalid-http-response", true,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nnot really gzip"),
		rsv(VariantAcceptResp, "accept-space-before-colon", "space before the colon under accept-invalid-http-response", false,
			"HTTP/1.1 200 OK\r\nX-A : b\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantServerClose, "server-close-keepalive", "http-server-close: the server's keep-alive is cut", false,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantCaseAdjust, "case-adjust", "h1-case-adjust-bogus-client on response names", false,
			"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-mixed-case: v\r\nX-Other: o\r\nContent-Length: 2\r\n\r\nok"),
		rs("version-long", "HTTP/1.10 in the status line", false,
			"HTTP/1.10 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rsv(VariantAcceptResp, "accept-version-long", "HTTP/1.10 under accept-invalid-http-response", false,
			"HTTP/1.10 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("version-http2", "HTTP/2.0 in an HTTP/1 status line", false,
			"HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("leading-space", "blank before the status line", false,
			" HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("chunked-extra-crlf", "chunked response followed by a stray CRLF", false,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n\r\n"),
		rs("trailer-cl", "Content-Length among the trailers", false,
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nContent-Length: 7\r\n\r\n"),
		rs("status-double-space", "two spaces around the status code", false,
			"HTTP/1.1  200  OK\r\nContent-Length: 2\r\n\r\nok"),
		rs("304-chunked", "304 with Transfer-Encoding: chunked and no body", false,
			"HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"),
		func() Case {
			c := rs("head-chunked", "response to HEAD with Transfer-Encoding: chunked and no body", false,
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
			c.Send = [][]byte{[]byte("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")}
			return c
		}(),
		func() Case {
			c := rs("timeout", "server never answers (timeout server 400ms)", false)
			c.Variant = VariantShortTimeout
			c.Wait = 1500 * time.Millisecond
			return c
		}(),
	}
	return cases
}
