package h2

import "net"

// Trailers after a body of known length. HTTP/1.1 carries trailers only
// after a chunked body, but an HTTP/2 message may have both a
// content-length and trailers (RFC 9113 8.1), and 2.6 passes such
// trailers from an HTTP/2 server to an HTTP/2 client (HTX keeps them;
// only the H1 mux drops them when it writes a body that is not
// chunked). The response crosses the engine in HTTP/1.1 form, so the
// trailers go beside it: the client side's FrontConn takes them from
// the server side's BackConn once the body is complete.

// LinkTrailers makes the trailers of the response coming from server
// follow its body to client, when both are HTTP/2 streams; it reports
// whether they are. Call it once the response head was read.
func LinkTrailers(client, server net.Conn) bool {
	fc, ok := client.(*FrontConn)
	if !ok {
		return false
	}
	bc, ok := server.(*BackConn)
	if !ok {
		return false
	}
	fc.from = bc
	bc.keep = true
	bc.trailers = bc.trailers[:0]
	return true
}

// keepTrailers waits for the end of a response stream whose body was
// all read, and keeps its trailers for the client side.
func (bc *BackConn) keepTrailers() {
	st := bc.st
	if _, err := st.Read(nil); err == nil {
		// more data than announced: the stream is in error
		return
	}
	for _, hf := range st.Trailers() {
		bc.trailers = append(bc.trailers, Field{Name: []byte(hf.Name), Value: []byte(hf.Value)})
	}
}

// appendTrailers appends the trailers kept for the client side.
func (bc *BackConn) appendTrailers(dst []Field) []Field {
	return append(dst, bc.trailers...)
}
