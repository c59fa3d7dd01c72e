// Package smuggle is the request-smuggling ground truth of the HTTP/1
// codec: tables of malformed or ambiguous requests and of odd back-end
// responses, a runner that sends them through any proxy speaking
// haproxy.cfg, and golden files recording what the real HAProxy 2.6 did
// with each one (testdata/).
//
// A Plan gives every case its own frontend port and its own raw TCP back
// end, so cases run concurrently and never share a connection. The back
// end records the exact bytes it receives and answers each request with a
// canned response once the bytes stop arriving; the client records every
// byte the proxy answers and whether each side's connection was closed.
//
// The same Plan (same cases, same rendered haproxy.cfg) replays through
// our own binary: StartProxy takes any executable that accepts
// `-db -f cfg`, and Compare checks outcomes against the golden files.
//
// The golden files are regenerated from the real /usr/sbin/haproxy with
//
//	go test ./e2e/smuggle -run TestE2ESmuggle -update
//
// and proxy/http1's unit tests replay its decisions against them.
package smuggle
