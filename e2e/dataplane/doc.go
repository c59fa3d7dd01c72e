// Package dataplane holds the end-to-end tests of the HAProxy data plane:
// our haproxy binary started on loopback with small configurations in
// front of small Go back ends (forwarding, keep-alive, pipelining, bodies,
// 100-continue, WebSocket, forwardfor, queues, timeouts, TCP mode, the
// PROXY protocol), the seed scenarios, the replay of the smuggling ground
// truth recorded from the real HAProxy (e2e/smuggle), and the benchmark
// harness against the real HAProxy (HAKEEP_BENCH=1).
package dataplane
