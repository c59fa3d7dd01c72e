// Package sock holds TCP connections as their descriptors, the way
// HAProxy holds them: a descriptor and its addresses, and nothing of the
// runtime's until something has to wait.
//
// A Conn is a net.Conn over a non-blocking descriptor. Reads and writes
// go straight to the descriptor while they complete at once; the first
// one that would block hands the descriptor to the runtime's poller (an
// *os.File over it, which is how a descriptor gets a poll descriptor and
// deadlines without the net package) and waits there. Detach leaves the
// poller again, so that a connection parked in an epoll set of the
// caller's own (proxy/engine's idle poller) holds no poll descriptor:
// the runtime never gives those back to the system (~0.5 KB each,
// measured as OtherSys with 10,000 idle connections).
//
// Accept and Dial make connections with the system calls HAProxy makes
// and none of the net package's extras: accept4 with the client's
// address, no getsockname when the listener's address is the
// connection's, no setsockopt per connection (TCP_NODELAY is inherited
// from the listening socket), and a connect() whose completion is
// checked by a second connect() instead of waiting for writability then
// reading SO_ERROR, getpeername and getsockname. Measured with strace on
// a new connection per request: 26.5 system calls per request through
// the net package against HAProxy 2.6's 18.
//
// Everything else (UNIX sockets, TLS, HTTP/2) keeps using net.Conn: a
// Conn is one, and TLS or the HTTP/2 framer wrap it like any other.
package sock
