package stream

import (
	"net/netip"
	"time"
)

// Record is what a log line reports about one session (TCP) or one
// transaction (HTTP): the fields of "option tcplog" and "option httplog"
// (configuration.txt sections 8.2.2 and 8.2.3). Timers are milliseconds,
// -1 when the phase was never reached. The logger gets it synchronously
// at the end of the exchange and must copy what it keeps: byte slices
// alias the connection's buffers.
type Record struct {
	// Accept is when the connection was accepted (%t, "accept_date"),
	// Start when the request began (%tr, HTTP).
	Accept, Start time.Time

	Frontend, Backend, Server string
	HTTP                      bool
	// Client is %ci:%cp, FrontendAddr %fi:%fp, ServerAddr %si:%sp.
	Client, FrontendAddr, ServerAddr netip.AddrPort

	// TH is the handshake time (PROXY header), Ti the idle time before
	// the request, TR the time to receive the request head, Tw the time
	// in queues, Tc the time to connect, Tr the server's response time,
	// Ta the active time of the request, Tt the total session time.
	TH, Ti, TR, Tw, Tc, Tr, Ta, Tt int64

	// Status is the HTTP status sent to the client (%ST), -1 for none.
	Status int
	// BytesIn are the bytes received from the client (%U), BytesOut
	// those sent to it (%B).
	BytesIn, BytesOut int64
	Term              Term

	// ActConn, FeConn, BeConn and SrvConn are the concurrent
	// connections of the process, the frontend, the backend and the
	// server when the session ended (%ac/%fc/%bc/%sc); Retries is %rc,
	// with Redispatched for its "+" prefix.
	ActConn, FeConn, BeConn, SrvConn int64
	Retries                          int
	Redispatched                     bool
	// SrvQueue and BeQueue are the queue positions seen (%sq/%bq).
	SrvQueue, BeQueue int

	// RequestLine is the request's first line (%r) as received.
	RequestLine []byte
	// Reused says the server connection was reused (for %bc stats).
	Reused bool
}

// Reset clears r for the next exchange.
func (r *Record) Reset() {
	*r = Record{TH: -1, Ti: -1, TR: -1, Tw: -1, Tc: -1, Tr: -1, Ta: -1, Tt: -1, Status: -1,
		RequestLine: r.RequestLine[:0]}
}

// Millis is a duration in whole milliseconds, the unit of log timers.
func Millis(d time.Duration) int64 { return int64(d / time.Millisecond) }
