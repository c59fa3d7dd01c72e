// Package h2 holds the HTTP/2 end-to-end tests: the same HTTP/2 (and
// gRPC, and WebSocket over HTTP/2) exchanges through the real HAProxy
// 2.6 and through ours, compared as clients and servers see them;
// h2spec against both frontends; and the h2 request rate of both
// (HAKEEP_BENCH=1).
package h2
