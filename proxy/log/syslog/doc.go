// Package syslog builds the header HAProxy 2.6 puts in front of every log
// message, in each format of the "format" option of a "log" line
// (configuration.txt section 4.2, "log"; src/log.c, build_log_header()),
// and frames header and message the way each kind of target receives
// them: datagrams (UDP, unix sockets), file descriptors (stdout, stderr)
// and rings.
//
// Everything appends to a caller's buffer: building a header allocates
// nothing.
package syslog
