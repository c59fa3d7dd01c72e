package smuggle

import (
	"strconv"
	"strings"
	"time"
)

// okResponses are the back end's default answers; the body names the
// request it answers, so a smuggled second request shows in the client's
// bytes.
func okResponses() [][]byte {
	return [][]byte{
		[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr1"),
		[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr2"),
		[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr3"),
	}
}

// rq is a request case sent in one write, answered by okResponses.
func rq(name, note, send string) Case {
	return Case{Kind: Request, Name: name, Note: note, Send: [][]byte{[]byte(send)}, Responses: okResponses()}
}

// rqv is rq under a variant.
func rqv(v Variant, name, note, send string) Case {
	c := rq(name, note, send)
	c.Variant = v
	return c
}

// rqParts is a request case sent in several writes, Timing.Pause apart.
func rqParts(name, note string, parts ...string) Case {
	c := rq(name, note, "")
	c.Send = c.Send[:0]
	for _, p := range parts {
		c.Send = append(c.Send, []byte(p))
	}
	return c
}

// HeadLimit is the largest bigHeadRequest HAProxy 2.6 accepts with the
// default tune.bufsize 16384 and tune.maxrewrite 1024 (measured). The
// limit is on the head's HTX form, not its raw bytes: 15312 bytes, the
// buffer less the rewrite reserve and the 48-byte HTX header, of which
// this request uses 38 more than its raw size minus its blanks and CRLFs.
const HeadLimit = 15273

// RawHeadLimit is the largest blankHeadRequest accepted (measured): the
// raw head must fit in the input buffer less 64 bytes kept for the HTX
// header and two blocks, whatever its HTX size.
const RawHeadLimit = 16320

// bigHeadRequest is "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ppp...\r\n\r\n"
// exactly size bytes long.
func bigHeadRequest(size int) string {
	const pre = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: "
	const post = "\r\n\r\n"
	return pre + strings.Repeat("p", size-len(pre)-len(post)) + post
}

// blankHeadRequest is a GET exactly size bytes long whose padding is
// optional whitespace before a one-byte value: large on the wire, small
// once parsed.
func blankHeadRequest(size int) string {
	const pre = "GET / HTTP/1.1\r\nHost: a\r\nX-Blank:"
	const post = "v\r\n\r\n"
	return pre + strings.Repeat(" ", size-len(pre)-len(post)) + post
}

// manyHeaders is a GET with n headers in total, Host included.
func manyHeaders(n int) string {
	var b strings.Builder
	b.WriteString("GET / HTTP/1.1\r\nHost: a\r\n")
	for i := 1; i < n; i++ {
		b.WriteString("X-H" + strconv.Itoa(i) + ": v\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// RequestCases are malformed or ambiguous requests: framing (CL/TE), chunk
// syntax, header and request-line syntax, sizes at and past the limits,
// line endings, versions, keep-alive, pipelining, 100-continue, upgrades.
func RequestCases() []Case {
	const h = "Host: a\r\n"
	cases := []Case{
		// Baselines.
		rq("get-basic", "plain HTTP/1.1 GET: header names reach the server lower-cased",
			"GET /p?q=1 HTTP/1.1\r\nHost: a\r\nUser-Agent: t\r\nAccept: */*\r\n\r\n"),
		rq("get-http10", "HTTP/1.0 without keep-alive: server gets HTTP/1.0, client connection closes",
			"GET / HTTP/1.0\r\n"+h+"\r\n"),
		rq("get-http10-keepalive", "HTTP/1.0 asking for keep-alive",
			"GET / HTTP/1.0\r\n"+h+"Connection: keep-alive\r\n\r\n"),
		rq("get-conn-close", "HTTP/1.1 with Connection: close",
			"GET / HTTP/1.1\r\n"+h+"Connection: close\r\n\r\n"),
		rq("get-no-host", "HTTP/1.1 without Host is forwarded as is",
			"GET / HTTP/1.1\r\n\r\n"),
		rq("host-duplicate", "two different Host headers",
			"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
		rq("post-cl", "POST with Content-Length",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\n\r\nhello"),
		rq("post-chunked", "chunked body with extension and trailer: what reaches the server",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"),
		rq("post-no-body-framing", "POST with neither CL nor TE has no body",
			"POST / HTTP/1.1\r\n"+h+"\r\n"),

		// Content-Length.
		rq("cl-dup-same", "two identical Content-Length headers",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
		rq("cl-dup-diff", "two different Content-Length headers",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
		rq("cl-list-same", "Content-Length: 5, 5",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5, 5\r\n\r\nhello"),
		rq("cl-list-diff", "Content-Length: 5, 6",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5, 6\r\n\r\nhello!"),
		rq("cl-negative", "Content-Length: -1",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: -1\r\n\r\n"),
		rq("cl-plus", "Content-Length: +5",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: +5\r\n\r\nhello"),
		rq("cl-hex", "Content-Length: 0x5",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 0x5\r\n\r\nhello"),
		rq("cl-inner-space", "Content-Length: 1 2",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 1 2\r\n\r\nhello"),
		rq("cl-empty", "empty Content-Length value",
			"POST / HTTP/1.1\r\n"+h+"Content-Length:\r\n\r\n"),
		rq("cl-overflow", "Content-Length past 2^64",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 99999999999999999999\r\n\r\nhello"),
		rq("cl-leading-zeros", "Content-Length: 0005 is normalised or kept?",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 0005\r\n\r\nhello"),
		rq("cl-trailing-ws", "Content-Length value with trailing blanks",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5 \t \r\n\r\nhello"),
		rq("cl-short-body", "fewer body bytes than Content-Length announces",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 10\r\n\r\nhello"),
		rq("cl-extra-body", "more bytes than Content-Length: the rest is parsed as the next request",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 3\r\n\r\nhello"),
		rq("cl-get-body", "GET with a body",
			"GET / HTTP/1.1\r\n"+h+"Content-Length: 5\r\n\r\nhello"),
		rq("cl-smuggled-get", "body holding a complete second request is only a body",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 30\r\n\r\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n"),

		// Transfer-Encoding, alone and with Content-Length.
		rq("te-cl", "Transfer-Encoding chunked then Content-Length",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("cl-te", "Content-Length then Transfer-Encoding chunked (classic CL.TE)",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("cl-te-smuggle", "CL.TE smuggling attempt: the chunked terminator comes first",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("te-gzip-chunked", "Transfer-Encoding: gzip, chunked",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-chunked-gzip", "chunked not last: Transfer-Encoding: chunked, gzip",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-identity", "Transfer-Encoding: identity",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: identity\r\n\r\nhello"),
		rq("te-identity-cl", "Transfer-Encoding: identity with Content-Length",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello"),
		rq("te-chunked-twice", "Transfer-Encoding: chunked, chunked",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-two-headers", "two Transfer-Encoding: chunked headers",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-chunked-then-identity-header", "Transfer-Encoding: chunked, then a second header identity",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-mixed-case", "Transfer-Encoding: ChUnKeD",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: ChUnKeD\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-space-before-colon", "Transfer-Encoding : chunked (space before colon)",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding : chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-xchunked", "Transfer-Encoding: xchunked",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-tab-value", "Transfer-Encoding:\\tchunked",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding:\tchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-empty", "empty Transfer-Encoding",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding:\r\n\r\n"),
		rq("te-http10", "HTTP/1.0 request with Transfer-Encoding: chunked",
			"POST / HTTP/1.0\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-comma-chunked", "Transfer-Encoding: ,chunked",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: ,chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("te-get", "GET with a chunked body",
			"GET / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),

		// Chunk syntax.
		rq("chunk-upper-hex", "upper-case hex chunk size",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"),
		rq("chunk-leading-zeros", "chunk size 0005",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n0005\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-ext-quoted", "quoted chunk extension with ; and CR-less content",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5;a=\"x;y\"\r\nhello\r\n0;z\r\n\r\n"),
		rq("chunk-ext-space", "blank between size and ';'",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5 ;a=b\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-invalid", "chunk size 'g'",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\ng\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-empty", "empty chunk-size line",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-leading-space", "chunk size ' 5'",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-trailing-space", "chunk size '5 '",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-0x", "chunk size 0x5",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-negative", "chunk size -5",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-overflow", "chunk size of 17 hex digits",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-size-huge", "chunk size just under 2^31 with a short body",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n7fffffff\r\nhello"),
		rq("chunk-data-too-long", "chunk data longer than its size",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-bare-lf", "chunk lines ending in bare LF",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n"),
		rq("chunk-cr-only", "chunk size line ending in CR alone",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\rhello\r\n0\r\n\r\n"),
		rq("chunk-trailers", "several trailers after the last chunk",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\n"),
		rq("chunk-trailer-invalid", "trailer without a colon",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nbad trailer\r\n\r\n"),
		rq("chunk-incomplete", "no last chunk: the body never ends",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"),
		rq("chunk-many-small", "many one-byte chunks are merged or kept?",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0\r\n\r\n"),

		// Header syntax.
		rq("hdr-space-before-colon", "Host : a",
			"GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
		rq("hdr-no-colon", "header line without a colon",
			"GET / HTTP/1.1\r\n"+h+"NoColon\r\n\r\n"),
		rq("hdr-empty-name", "': value'",
			"GET / HTTP/1.1\r\n"+h+": value\r\n\r\n"),
		rq("hdr-obs-fold", "obsolete line folding inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: one\r\n two\r\n\tthree\r\n\r\n"),
		rq("hdr-obs-fold-first", "first header line starts with a blank",
			"GET / HTTP/1.1\r\n X-A: b\r\n"+h+"\r\n"),
		rq("hdr-bare-lf", "every line ends in bare LF",
			"GET / HTTP/1.1\nHost: a\nX-A: b\n\n"),
		rq("hdr-mixed-lf", "bare LF on one header only",
			"GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n"),
		rq("hdr-cr-in-value", "bare CR inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: b\rc\r\n\r\n"),
		rq("hdr-nul-in-value", "NUL inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: b\x00c\r\n\r\n"),
		rq("hdr-ctl-in-value", "0x01 inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: b\x01c\r\n\r\n"),
		rq("hdr-del-in-value", "0x7f inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: b\x7fc\r\n\r\n"),
		rq("hdr-8bit-value", "UTF-8 bytes inside a value",
			"GET / HTTP/1.1\r\n"+h+"X-A: caf\xc3\xa9\r\n\r\n"),
		rq("hdr-8bit-name", "byte 0xe9 inside a name",
			"GET / HTTP/1.1\r\n"+h+"X-Caf\xe9: b\r\n\r\n"),
		rq("hdr-space-in-name", "'X Y: z'",
			"GET / HTTP/1.1\r\n"+h+"X Y: z\r\n\r\n"),
		rq("hdr-nontoken-name", "'X@Y: z'",
			"GET / HTTP/1.1\r\n"+h+"X@Y: z\r\n\r\n"),
		rq("hdr-ws-value", "leading and trailing blanks around values",
			"GET / HTTP/1.1\r\n"+h+"X-A:   b  c \t\r\nX-B:\r\nX-C:  \r\n\r\n"),
		rq("hdr-mixed-case", "header names in odd cases",
			"GET / HTTP/1.1\r\nhOsT: a\r\nX-MiXeD-CaSe: v\r\nCONTENT-TYPE: text/plain\r\n\r\n"),
		rqv(VariantCaseAdjust, "hdr-case-adjust", "h1-case-adjust-bogus-server rewrites listed names only",
			"GET / HTTP/1.1\r\nhOsT: a\r\nx-mixed-case: v\r\ncontent-type: text/plain\r\nX-Other: o\r\n\r\n"),
		rq("hdr-count-101", "101 header lines (tune.http.maxhdr)",
			manyHeaders(101)),
		rq("hdr-count-102", "102 header lines",
			manyHeaders(102)),
		rq("head-at-limit", "request head exactly at the size limit",
			bigHeadRequest(HeadLimit)),
		rq("head-over-limit", "request head one byte past the size limit",
			bigHeadRequest(HeadLimit+1)),
		rq("head-over-bufsize", "request head larger than tune.bufsize",
			bigHeadRequest(17000)),
		rq("head-blanks-at-limit", "raw head at the input buffer limit, small once parsed",
			blankHeadRequest(RawHeadLimit)),
		rq("head-blanks-over-limit", "raw head one byte past the input buffer limit",
			blankHeadRequest(RawHeadLimit+1)),

		// Request line.
		rq("method-lower", "lower-case method",
			"get / HTTP/1.1\r\n"+h+"\r\n"),
		rq("method-unknown", "unknown token method",
			"FOO / HTTP/1.1\r\n"+h+"\r\n"),
		rq("method-nontoken", "method with a non-token byte",
			"G(T / HTTP/1.1\r\n"+h+"\r\n"),
		rq("leading-crlf", "empty lines before the request line",
			"\r\n\r\nGET / HTTP/1.1\r\n"+h+"\r\n"),
		rq("leading-space", "blank before the method",
			" GET / HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-space", "space inside the URI",
			"GET /a b HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-8bit", "byte 0xff in the URI",
			"GET /\xff HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "uri-8bit-accept", "byte 0xff in the URI under accept-invalid-http-request",
			"GET /\xff HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-ctl", "byte 0x01 in the URI",
			"GET /\x01 HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-del", "byte 0x7f in the URI",
			"GET /\x7f HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-quote-brace", "'\"', '{', '|' in the URI are printable",
			"GET /a\"{|}^` HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-fragment", "fragment in the URI",
			"GET /a#frag HTTP/1.1\r\n"+h+"\r\n"),
		rq("separators-tab", "tabs between request-line parts",
			"GET\t/\tHTTP/1.1\r\n"+h+"\r\n"),
		rq("separators-double-space", "two spaces between request-line parts",
			"GET  /  HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-absolute", "absolute-form URI with a different Host",
			"GET http://example.com/x?y HTTP/1.1\r\nHost: other\r\n\r\n"),
		rq("uri-absolute-no-host", "absolute-form URI without Host",
			"GET http://example.com/x HTTP/1.1\r\n\r\n"),
		rq("uri-asterisk-options", "OPTIONS *",
			"OPTIONS * HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-asterisk-get", "GET *",
			"GET * HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-authority-get", "authority-form with GET",
			"GET example.com:80 HTTP/1.1\r\n"+h+"\r\n"),
		rq("uri-relative", "URI without a leading slash",
			"GET a/b HTTP/1.1\r\n"+h+"\r\n"),
		func() Case {
			c := rq("connect", "CONNECT to an authority, server answers 200 then data flows both ways",
				"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
			c.Send = append(c.Send, []byte("tunnel-bytes\r\n"))
			c.Responses = [][]byte{
				[]byte("HTTP/1.1 200 Connection established\r\n\r\n"),
				[]byte("server-bytes\r\n"),
			}
			return c
		}(),
		rq("connect-path", "CONNECT with an origin-form URI",
			"CONNECT / HTTP/1.1\r\n"+h+"\r\n"),
		rq("version-http2", "HTTP/2.0 in an HTTP/1 request line",
			"GET / HTTP/2.0\r\n"+h+"\r\n"),
		rq("version-12", "HTTP/1.2",
			"GET / HTTP/1.2\r\n"+h+"\r\n"),
		rq("version-lower", "http/1.1 in lower case",
			"GET / http/1.1\r\n"+h+"\r\n"),
		rq("version-bad-digit", "HTTP/1.x",
			"GET / HTTP/1.x\r\n"+h+"\r\n"),
		rq("version-long", "HTTP/1.10",
			"GET / HTTP/1.10\r\n"+h+"\r\n"),
		rq("version-trailing", "garbage after the version",
			"GET / HTTP/1.1 x\r\n"+h+"\r\n"),
		rq("http09", "HTTP/0.9 simple request",
			"GET /\r\n\r\n"),
		rq("method-only", "a lone method and CRLF",
			"GET\r\n\r\n"),
		rq("request-line-bare-lf", "request line ending in bare LF",
			"GET / HTTP/1.1\n"+h+"\r\n"),
		rq("binary-garbage", "TLS ClientHello bytes to an HTTP port",
			"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"),

		// Connection management.
		rq("pipelined-get-get", "two GETs in one write",
			"GET /1 HTTP/1.1\r\n"+h+"\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rq("pipelined-post-get", "a POST and a GET in one write",
			"POST /1 HTTP/1.1\r\n"+h+"Content-Length: 5\r\n\r\nhelloGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rq("pipelined-bad-second", "a valid request followed by garbage",
			"GET /1 HTTP/1.1\r\n"+h+"\r\nG@T /2 HTTP/1.1\r\n\r\n"),
		rq("pipelined-close-first", "Connection: close on the first of two pipelined requests",
			"GET /1 HTTP/1.1\r\n"+h+"Connection: close\r\n\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rq("conn-tokens", "Connection: keep-alive, X-Custom, TE with the named headers present",
			"GET / HTTP/1.1\r\n"+h+"Connection: keep-alive, X-Custom\r\nX-Custom: 1\r\nKeep-Alive: timeout=5\r\n\r\n"),
		rq("conn-close-and-keepalive", "Connection: close, keep-alive",
			"GET / HTTP/1.1\r\n"+h+"Connection: close, keep-alive\r\n\r\n"),
		rq("conn-two-headers", "Connection split over two headers",
			"GET / HTTP/1.1\r\n"+h+"Connection: keep-alive\r\nConnection: close\r\n\r\n"),
		rqv(VariantForwardFor, "forwardfor", "option forwardfor: where X-Forwarded-For goes",
			"GET / HTTP/1.1\r\n"+h+"X-Forwarded-For: 192.0.2.1\r\nAccept: */*\r\n\r\n"),
		rqv(VariantServerClose, "server-close", "option http-server-close: Connection headers each way",
			"GET / HTTP/1.1\r\n"+h+"\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantHTTPClose, "httpclose", "option httpclose: Connection headers each way",
			"GET / HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantServerClose, "server-close-http10", "http-server-close with an HTTP/1.0 keep-alive client",
			"GET / HTTP/1.0\r\n"+h+"Connection: keep-alive\r\n\r\n"),
		func() Case {
			c := rqParts("expect-100", "Expect: 100-continue, the server sends 100 then the final answer",
				"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nExpect: 100-continue\r\n\r\n", "hello")
			c.Responses = [][]byte{
				[]byte("HTTP/1.1 100 Continue\r\n\r\n"),
				[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr1"),
			}
			return c
		}(),
		rqParts("expect-100-no-interim", "Expect: 100-continue, the server waits for the body",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nExpect: 100-continue\r\n\r\n", "hello"),
		rq("expect-other", "Expect: something-else",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nExpect: foo\r\n\r\nhello"),
		func() Case {
			c := rq("upgrade-websocket", "websocket upgrade answered 101, then bytes both ways",
				"GET /ws HTTP/1.1\r\n"+h+"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			c.Send = append(c.Send, []byte("client-frame"))
			c.Responses = [][]byte{
				[]byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
				[]byte("server-frame"),
			}
			return c
		}(),
		func() Case {
			c := rq("upgrade-refused", "upgrade requested, server answers 200",
				"GET / HTTP/1.1\r\n"+h+"Connection: Upgrade\r\nUpgrade: foo\r\n\r\n")
			return c
		}(),
		rq("upgrade-no-connection", "Upgrade header without Connection: upgrade",
			"GET / HTTP/1.1\r\n"+h+"Upgrade: websocket\r\n\r\n"),
		rq("upgrade-h2c", "Upgrade: h2c with HTTP2-Settings",
			"GET / HTTP/1.1\r\n"+h+"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n"),
		rq("h2-preface", "HTTP/2 prior-knowledge preface to an HTTP/1 frontend",
			"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
		rq("host-duplicate-same", "two identical Host headers",
			"GET / HTTP/1.1\r\nHost: a\r\nHost: A\r\n\r\n"),
		rq("uri-absolute-default-port", "absolute-form with :80 in both URI and Host",
			"GET http://a:80/x HTTP/1.1\r\nHost: a:80\r\n\r\n"),
		rq("uri-absolute-host-port", "absolute-form without port, Host with :80",
			"GET http://a/x HTTP/1.1\r\nHost: a:80\r\n\r\n"),
		rq("uri-absolute-uri-port", "absolute-form with :80, Host without port",
			"GET http://a:80/x HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("uri-absolute-https-port", "https absolute-form with :443, Host without port",
			"GET https://a:443/x HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("uri-absolute-other-port", "absolute-form with :8080, Host without port",
			"GET http://a:8080/x HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("uri-absolute-no-path", "absolute-form without a path",
			"GET http://a HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("uri-absolute-userinfo", "absolute-form with user info",
			"GET http://u:p@a/x HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("connect-host-mismatch", "CONNECT whose Host names another authority",
			"CONNECT a:443 HTTP/1.1\r\nHost: b\r\n\r\n"),
		rq("connect-no-port", "CONNECT without a port",
			"CONNECT a HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("connect-host-no-port", "CONNECT to a non-default port, Host without port",
			"CONNECT a:8443 HTTP/1.1\r\nHost: a\r\n\r\n"),
		rq("connect-no-host", "CONNECT without Host",
			"CONNECT a:8443 HTTP/1.1\r\n\r\n"),
		rq("hdr-count-100", "100 header lines",
			manyHeaders(100)),
		rq("hdr-tab-before-colon", "tab between name and colon",
			"GET / HTTP/1.1\r\n"+h+"X-A\t: b\r\n\r\n"),
		rq("hdr-obs-fold-empty", "a folded value whose first line is empty",
			"GET / HTTP/1.1\r\n"+h+"X-A:\r\n b\r\n\r\n"),
		rq("version-trailing-space", "blank after the version",
			"GET / HTTP/1.1 \r\n"+h+"\r\n"),
		rq("uri-missing", "no URI: the version is taken as the URI",
			"GET HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-http09", "HTTP/0.9 under accept-invalid-http-request",
			"GET /\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-version-lower", "http/1.1 under accept-invalid-http-request",
			"GET / http/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-version-long", "HTTP/1.10 under accept-invalid-http-request",
			"GET / HTTP/1.10\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-nontoken-name", "'X@Y: z' under accept-invalid-http-request",
			"GET / HTTP/1.1\r\n"+h+"X@Y: z\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-space-in-name", "'X Y: z' under accept-invalid-http-request",
			"GET / HTTP/1.1\r\n"+h+"X Y: z\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-space-before-colon", "'Host : a' under accept-invalid-http-request",
			"GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-8bit-name", "byte 0xe9 in a name under accept-invalid-http-request",
			"GET / HTTP/1.1\r\n"+h+"X-Caf\xe9: b\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-empty-name", "': value' under accept-invalid-http-request",
			"GET / HTTP/1.1\r\n"+h+": value\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-uri-fragment", "fragment under accept-invalid-http-request",
			"GET /a#frag HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-uri-ctl", "byte 0x01 in the URI under accept-invalid-http-request",
			"GET /\x01 HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-uri-absolute", "absolute-form with another Host under accept-invalid-http-request",
			"GET http://example.com/x?y HTTP/1.1\r\nHost: other\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-connect-host-mismatch", "CONNECT with another Host under accept-invalid-http-request",
			"CONNECT a:443 HTTP/1.1\r\nHost: b\r\n\r\n"),
		rqv(VariantAcceptReq, "accept-te-identity", "Transfer-Encoding: identity under accept-invalid-http-request",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: identity\r\n\r\nhello"),
		rqv(VariantAcceptReq, "accept-cl-dup-diff", "different Content-Lengths under accept-invalid-http-request",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
		rqv(VariantAcceptReq, "accept-method-nontoken", "'G(T' under accept-invalid-http-request",
			"G(T / HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantAcceptReq, "accept-host-duplicate", "two different Host headers under accept-invalid-http-request",
			"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
		rq("te-chunked-comma", "Transfer-Encoding: chunked, (trailing comma)",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked,\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("cl-trailing-comma", "Content-Length: 5,",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: 5,\r\n\r\nhello"),
		rq("cl-leading-comma", "Content-Length: ,5",
			"POST / HTTP/1.1\r\n"+h+"Content-Length: ,5\r\n\r\nhello"),
		rq("cl-get-body-http10", "HTTP/1.0 GET with a body",
			"GET / HTTP/1.0\r\n"+h+"Content-Length: 5\r\n\r\nhello"),
		rq("version-letters", "XTTP/1.1: other upper-case letters in the version",
			"GET / XTTP/1.1\r\n"+h+"\r\n"),
		rq("upgrade-websocket-no-key", "websocket upgrade without Sec-WebSocket-Key",
			"GET /ws HTTP/1.1\r\n"+h+"Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
		rq("conn-first-http10", "HTTP/1.0 keep-alive with Connection before Host: where the output Connection goes",
			"GET / HTTP/1.0\r\nConnection: keep-alive\r\nHost: a\r\nAccept: */*\r\n\r\n"),
		rq("conn-custom-http10", "HTTP/1.0 keep-alive with a custom token first",
			"GET / HTTP/1.0\r\nConnection: X-Custom, keep-alive\r\nHost: a\r\nX-Custom: 1\r\n\r\n"),
		rq("conn-tokens-spaced", "Connection: X-A , close, X-B is cleaned how?",
			"GET / HTTP/1.1\r\n"+h+"Connection: X-A , close, X-B\r\n\r\n"),
		rqv(VariantServerClose, "server-close-conn-token", "http-server-close with a custom Connection token",
			"GET / HTTP/1.1\r\nConnection: X-Custom\r\nHost: a\r\nX-Custom: 1\r\n\r\n"),
		rq("connect-with-cl", "CONNECT with a Content-Length body",
			"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\nContent-Length: 5\r\n\r\nhello"),
		rqv(VariantBackClose, "backend-httpclose", "option httpclose in the backend only",
			"GET / HTTP/1.1\r\n"+h+"\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rqv(VariantBackSrvClose, "backend-server-close", "option http-server-close in the backend only",
			"GET / HTTP/1.1\r\n"+h+"\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rq("cl-zero-pipelined", "Content-Length: 0 followed by a second request",
			"POST /1 HTTP/1.1\r\n"+h+"Content-Length: 0\r\n\r\nGET /2 HTTP/1.1\r\n"+h+"\r\n"),
		rq("cl-zero-get-http10", "HTTP/1.0 GET with Content-Length: 0",
			"GET / HTTP/1.0\r\n"+h+"Content-Length: 0\r\n\r\n"),
		rq("te-cl-http10", "HTTP/1.0 POST with Transfer-Encoding and Content-Length",
			"POST / HTTP/1.0\r\n"+h+"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
		rq("chunk-trailer-fold", "folded trailer value",
			"POST / HTTP/1.1\r\n"+h+"Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-T: a\r\n b\r\n\r\n"),
		rq("uri-absolute-empty-host", "absolute-form with an empty Host",
			"GET http://a/ HTTP/1.1\r\nHost:\r\n\r\n"),
		rq("request-line-cr-only", "request line ended by CR alone",
			"GET / HTTP/1.1\rHost: a\r\n\r\n"),
		rqParts("head-split", "request head arriving in two writes",
			"GET / HTTP/1.1\r\nHo", "st: a\r\n\r\n"),
		rq("head-incomplete", "request head that never ends",
			"GET / HTTP/1.1\r\n"+h),
	}

	// head-incomplete and chunk-incomplete wait for more bytes: listen long
	// enough to see whether anything arrives before the client timeout.
	for i := range cases {
		switch cases[i].Name {
		case "head-incomplete", "chunk-incomplete", "cl-short-body", "chunk-size-huge":
			cases[i].Wait = 1500 * time.Millisecond
		}
	}
	return cases
}
