// Package h2 is HAProxy's HTTP/2 multiplexer (RFC 9113) for hakeep:
// the frame layer of a connection on either side, its streams' state
// machine, flow control and HPACK (RFC 7541, through
// golang.org/x/net/http2/hpack), and the translation of each stream to
// and from the HTTP/1.1 messages the engine's transactions work with
// (the role HTX plays in HAProxy 2.6: mux_h2.c and h2.c).
//
// A frontend connection (Serve) hands each new stream to a handler on
// its own goroutine; the handler sees the stream as a net.Conn carrying
// one HTTP/1.1 exchange (FrontConn). A backend connection (Client)
// multiplexes the requests of many transactions over one connection,
// each seen by the engine as a net.Conn to an HTTP/1.1 server
// (BackConn).
package h2
