package sample

import "net/netip"

// Stream is what fetches read of the stream they run on (HAProxy's
// session, stream and transaction), as the engine shows it. The engine
// fills one per connection and updates it as the transaction goes; a
// field it cannot provide stays zero and the fetches that need it find
// nothing, as HAProxy's do outside their valid places.
type Stream struct {
	// Src is the client's address, Dst the address it connected to
	// (set-src and set-dst change them).
	Src, Dst netip.AddrPort
	// Frontend is the proxy that accepted the connection; Backend the
	// one the transaction was routed to (nil before the switching
	// rules), Server the chosen server (nil before one is chosen).
	Frontend Proxy
	Backend  Proxy
	Server   Server
	// Env finds the objects fetch arguments name (backends, tables,
	// userlists); nil finds nothing.
	Env Env
	// Req and Res are the HTTP messages; nil outside HTTP, or before
	// the response head arrived.
	Req, Res Message
	// Txn answers the transaction-wide questions; may be nil.
	Txn Txn
	// Track holds the entries the stream's track-sc0..2 follow (the
	// stick counters of http-request and tcp-request content rules);
	// Sess is the session the stream belongs to, whose counters
	// (tcp-request connection and session rules) are looked at when the
	// stream's is empty; nil outside a session.
	Track [3]Tracked
	Sess  *Session
	// Raw is set on TCP streams ("mode tcp"): the payload fetches read
	// ReqData and ResData, the bytes waiting in the request and response
	// buffers while tcp-request and tcp-response content rules inspect
	// them (fetch_payload.go).
	Raw              bool
	ReqData, ResData []byte
	// FirstReq is set on the first request of a client connection
	// (http_first_req).
	FirstReq bool
	// Stopping is set once the process is stopping (stopping fetch).
	Stopping bool
	// TLS is the client connection's TLS side and ServerTLS the server
	// connection's, nil in clear (ssl_fc*, ssl_c_*, ssl_f_*, ssl_bc*;
	// fetch_ssl.go).
	TLS, ServerTLS TLSConn
}

// Tracked is one stick counter: the table and the entry it tracks.
type Tracked struct {
	Table Table
	Entry Entry
}

// Env is what the running configuration provides to fetches.
type Env interface {
	// Proxy returns the backend or frontend called name, or nil.
	Proxy(name string) Proxy
	// Table returns the stick table called name, or nil.
	Table(name string) Table
	// Userlist returns the userlist called name, or nil.
	Userlist(name string) Userlist
}

// Txn is what a transaction knows beyond its messages.
type Txn interface {
	// UniqueID returns the transaction's unique id, built on first use
	// from unique-id-format; nil when there is none.
	UniqueID() []byte
	// Capture returns the captured request (res false) or response
	// header or slot i, nil when empty.
	Capture(res bool, i int) []byte
}

// ProxyStat names a proxy's live figure.
type ProxyStat uint8

const (
	ProxyConn          ProxyStat = iota // current connections of a frontend (feconn)
	ProxySessRate                       // sessions accepted over the last second
	ProxyReqRate                        // HTTP requests over the last second (frontend)
	ProxyQueue                          // queued streams, backend and servers
	ProxyUsable                         // usable servers (nbsrv)
	ProxyConnSlots                      // free connection and queue slots (connslots)
	ProxyConnFree                       // free connection slots (be_conn_free)
	ProxyServerTimeout                  // timeout server, ms
	ProxyTunnelTimeout                  // timeout tunnel, ms
	ProxyClientTimeout                  // timeout client, ms
	ProxyBeConn                         // streams attached to a backend (beconn)
	ProxyBeSessRate                     // streams sent to a backend over the last second
)

// Proxy is a frontend or backend as fetches see it.
type Proxy interface {
	Name() string
	ID() int
	Stat(k ProxyStat) int64
	// Server returns the server called name, or nil.
	Server(name string) Server
	// DefaultBackend is the name of "default_backend", or "".
	DefaultBackend() string
}

// ServerStat names a server's live figure.
type ServerStat uint8

const (
	ServerConn     ServerStat = iota // current connections
	ServerQueue                      // queued streams
	ServerSessRate                   // sessions over the last second
	ServerWeight                     // effective weight
	ServerUWeight                    // user weight
	ServerIWeight                    // initial weight
	ServerConnFree                   // free connection slots (-1: unlimited)
)

// Server is a server as fetches see it.
type Server interface {
	Name() string
	ID() int
	// Up reports whether the server is usable (srv_is_up).
	Up() bool
	Stat(k ServerStat) int64
}

// Message is an HTTP request or response head and the body received so
// far, read through the codec's offsets.
type Message interface {
	// Method, URI and Version are the request line's parts as they are
	// now (after rewrites).
	Method() []byte
	URI() []byte
	Version() []byte
	// Status and Reason are the status line's.
	Status() int
	Reason() []byte
	// NumHeaders and Header walk the headers in order; names are lower
	// case, values without surrounding blanks.
	NumHeaders() int
	Header(i int) (name, value []byte)
	// Body is the part of the body buffered so far.
	Body() []byte
}

// Userlist checks credentials against a "userlist" section.
type Userlist interface {
	// Check reports whether user exists with that password.
	Check(user, pass []byte) bool
	// InGroup reports whether user belongs to group.
	InGroup(user []byte, group []byte) bool
	// Groups calls fn with each group user belongs to, in declaration
	// order, until it returns false.
	Groups(user []byte, fn func(group string) bool)
}
