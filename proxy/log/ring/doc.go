// Package ring is 2.6's ring buffer of log messages ("ring" sections,
// configuration.txt section 3.9, and the implicit ring behind a "log
// tcp@..." target) and its forwarding to syslog servers over TCP.
//
// A ring keeps the newest messages that fit in its size; writing drops
// the oldest unless a reader has not read it yet, in which case the new
// message is dropped and counted, and the next message that fits is
// preceded by "N events dropped" (src/ring.c ring_write(), src/sink.c
// sink_write()). Each "server" line of the ring gets a Forwarder, which
// reads from the oldest message on, keeps its place across reconnections,
// and frames messages with a line feed, or with octet counting ("log-proto
// octet-count", RFC 6587 section 3.4.1).
package ring
