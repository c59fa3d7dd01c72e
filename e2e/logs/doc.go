// Package logs runs the same configuration and the same requests through
// the real HAProxy 2.6 and through ours and compares the log lines both
// send: to a UDP syslog server, a unix datagram socket, stdout and a TCP
// server behind a ring, in every format (the default "Connect from"
// line, tcplog, httplog, httplog clf, httpslog, custom log-format with
// log-format-sd, error-log-format and unique ids, rfc3164, rfc5424,
// short, iso, timed, priority and raw headers). Dates, process ids,
// client ports and timer values are masked; everything else must be
// equal, field by field.
//
// The test is TestE2ELogs; it skips without haproxy unless
// HAKEEP_E2E_REQUIRED=1.
package logs
