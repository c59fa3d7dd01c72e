package http1

// h2Preface is the HTTP/2 connection preface (RFC 9113 3.4).
const h2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

// H2Preface checks the first bytes of a client connection, before its
// first request head is parsed. An HTTP/1 frontend that receives the
// HTTP/2 preface switches to HTTP/2 (recorded: h2-preface is answered
// with a SETTINGS frame); more is true while buf is a strict prefix of
// the preface and the decision needs more bytes.
func H2Preface(buf []byte) (match, more bool) {
	n := len(buf)
	if n > len(h2Preface) {
		n = len(h2Preface)
	}
	if string(buf[:n]) != h2Preface[:n] {
		return false, false
	}
	return n == len(h2Preface), n < len(h2Preface)
}
