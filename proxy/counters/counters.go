// Package counters holds the per-proxy and per-server traffic counters the
// data plane updates and the stats page and runtime API read
// (management.txt section 9.1, the CSV fields). Every counter is an atomic:
// connections on any goroutine update them without a lock, and readers see
// each value whole.
package counters

import (
	"sync/atomic"
)

// Proxy is a frontend's or a backend's counters; fields that only make
// sense on one side stay zero on the other.
type Proxy struct {
	// Sessions is "stot": sessions accepted (frontend: connections the
	// "tcp-request connection" rules kept) or streams sent to the
	// backend.
	Sessions atomic.Int64
	// Conns is the frontend's "conn_tot": connections accepted.
	Conns atomic.Int64
	// Cur and Max are "scur" and "smax" for backends (frontends take
	// them from their maxconn gate).
	Cur, Max atomic.Int64
	// BytesIn and BytesOut are "bin" and "bout": from and to clients.
	BytesIn, BytesOut atomic.Int64
	// Requests is "req_tot": HTTP requests.
	Requests atomic.Int64
	// DeniedReq and DeniedResp are "dreq" and "dresp".
	DeniedReq, DeniedResp atomic.Int64
	// ErrReq is "ereq": request errors (bad requests, client timeouts
	// and aborts before a complete request).
	ErrReq atomic.Int64
	// ErrConn is "econ": failed connection attempts to servers.
	ErrConn atomic.Int64
	// ErrResp is "eresp": response errors (bad responses, server
	// aborts or timeouts while reading the response).
	ErrResp atomic.Int64
	// Retries and Redispatches are "wretr" and "wredis".
	Retries, Redispatches atomic.Int64
	// CliAborts and SrvAborts are "cli_abrt" and "srv_abrt": transfers
	// aborted by a side.
	CliAborts, SrvAborts atomic.Int64
	// Responses are "hrsp_1xx".."hrsp_5xx" and "hrsp_other".
	Responses Responses
	// QueueCur and QueueMax are "qcur" and "qmax".
	QueueCur, QueueMax atomic.Int64
	// ConnReuse is "reuse": requests sent on a reused server
	// connection.
	ConnReuse atomic.Int64
	// Connect is "connect": new connections attempted to servers
	// (connect_server), and LbConn is "lbtot": servers chosen by load
	// balancing (assign_server's cum_lbconn).
	Connect, LbConn atomic.Int64
	// H1Conns and H1Streams are the h1 module's "h1_total_connections"
	// and "h1_total_streams": HTTP/1 connections made (a frontend's
	// accepted, a backend's to its servers) and, for a backend, the
	// streams sent over them.
	H1Conns, H1Streams atomic.Int64
	// InternalErr is "eint".
	InternalErr atomic.Int64
	// SessRate is "rate": sessions per second (accepted by a frontend,
	// sent to a backend); ConnRate is a frontend's "conn_rate" and
	// ReqRate its "req_rate".
	SessRate, ConnRate, ReqRate Rate
}

// Server is a server's counters.
type Server struct {
	Sessions          atomic.Int64
	Cur, Max          atomic.Int64
	BytesIn, BytesOut atomic.Int64
	ErrConn, ErrResp  atomic.Int64
	Retries           atomic.Int64
	Redispatches      atomic.Int64
	CliAborts         atomic.Int64
	SrvAborts         atomic.Int64
	Responses         Responses
	QueueCur          atomic.Int64
	QueueMax          atomic.Int64
	ConnReuse         atomic.Int64
	// Connect and LbConn are "connect" and "lbtot", as for a backend.
	Connect, LbConn atomic.Int64
	// IdleConns is the number of idle connections kept for reuse
	// ("idle_conn_cur").
	IdleConns atomic.Int64
	// SessRate is "rate": connections per second.
	SessRate Rate
}

// Responses counts HTTP responses by status class.
type Responses struct {
	// Class is 1xx, 2xx, 3xx, 4xx, 5xx and others at index 0.
	Class [6]atomic.Int64
}

// Count records one response with status code.
func (r *Responses) Count(status int) {
	c := status / 100
	if c < 1 || c > 5 {
		c = 0
	}
	r.Class[c].Add(1)
}

// Raise sets a maximum to v when v is greater.
func Raise(max *atomic.Int64, v int64) {
	for {
		m := max.Load()
		if v <= m || max.CompareAndSwap(m, v) {
			return
		}
	}
}

// Enter and Leave follow a current count and its maximum.
func Enter(cur, max *atomic.Int64) {
	Raise(max, cur.Add(1))
}

// Leave undoes Enter.
func Leave(cur *atomic.Int64) { cur.Add(-1) }
