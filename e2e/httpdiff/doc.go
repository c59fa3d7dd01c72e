// Package httpdiff is the differential HTTP suite: the same haproxy.cfg and
// the same client bytes go through the real HAProxy 2.6 and through ours,
// each on its own free loopback ports, in front of fresh back ends, and
// the two recordings must be identical.
//
// A Case (case.go) is declarative: a configuration template (render.go
// lists its functions), the back ends it needs (backend.go: raw HTTP/1.1
// servers that record the exact request and say who they are, with knobs
// per back end or per request through X-Be-* headers; TCP echo servers;
// servers that refuse, reset, stall or never accept), files (maps, ACL
// lists, error pages), and a client script (case.go, dsl.go) of opens
// from chosen source addresses, sends, reads, half-closes, resets and
// pauses on numbered connections.
//
// A Recording (recording.go) is an ordered list of keyed lines: what each
// client connection got (status line, header lines in order, body, how
// it ended, a timing class where asked), what each back end received
// (request line, header lines, body, PROXY header, source address, which
// connection, how many requests were in flight) and the sequence of
// servers chosen. Ports, the temporary directory and case patterns
// (dates, pids, dynamic cookies) are masked, so what is left must match
// byte for byte; a mismatch prints each differing line, real beside ours.
//
// Robustness on a shared, loaded machine: readiness is read from the
// proxy's own listening sockets in /proc (a probe connection would be a
// session of its own); whether the proxy closed a connection is looked at
// once all its threads are asleep (idle.go), without a deadline; timing
// classes (timing.go) tolerate a timer being late by 90% or more; queueing
// is compared by requests in flight at the back ends, not by durations.
//
// Tests (HAKEEP_HTTPDIFF_PARALLEL cases at a time, 6 by default):
//
//	TestE2EHTTPDiffSelfCheck   every case twice through the real haproxy:
//	                           identical recordings that contain the
//	                           case's Want lines prove the cases
//	TestE2EHTTPDiffDataPlane   issue 3's cases, real against ours
//	TestE2EHTTPDiffRules       issue 4's cases, real against ours
//
// Each prints "N passed, N failed" and the failures' names; each case is
// a subtest (-run 'TestE2EHTTPDiffRules/acl-path-beg$'). A case's real
// recording is logged with HAKEEP_HTTPDIFF_SHOW=1, and
// HAKEEP_HTTPDIFF_OURS=/path/haproxy compares a binary already built.
// The three tests together take several minutes on two shared cores: run
// them with -timeout 30m.
package httpdiff
