// Package httpdiff is the differential HTTP suite: the same haproxy.cfg and
// the same client bytes go through the real HAProxy 2.6 and through ours,
// each on its own free loopback ports, in front of fresh back ends, and
// the two recordings must be identical.
//
// A Case (case.go) is declarative: a configuration template (render.go
// lists its functions), the back ends it needs (backend.go: raw HTTP/1.1
// servers that record the exact request and say who they are, TCP echo
// servers, and servers that refuse, reset, stall or never accept), and a
// client script (script.go) of opens, sends, reads, half-closes and
// pauses on numbered connections.
//
// A Recording (recording.go) is an ordered list of keyed lines: what each
// client connection got (status line, header lines in order, body, how it
// ended, a timing class where asked), what each back end received
// (request line, header lines, body, PROXY header, which connection) and
// the sequence of servers chosen. Ports, the temporary directory and
// case-specific patterns (dates, pids, unique ids) are masked before
// comparison, so what is left must match byte for byte.
//
// The tests: TestE2EHTTPDiffSelfCheck runs every case twice through the
// real haproxy and requires identical recordings (and the case's Want
// lines), which proves the cases are valid and deterministic;
// TestE2EHTTPDiffDataPlane and TestE2EHTTPDiffRules compare the real
// haproxy with ours and print "N passed, N failed".
package httpdiff
