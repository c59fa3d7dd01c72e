// Package ratelimit checks stick-table rate limiting against the real
// HAProxy 2.6: the same configuration (track-sc0 src, deny 429 when
// sc_http_req_rate(0) passes a limit) runs in the real haproxy and in
// ours, the same timed request sequence goes to both at the same
// instants, and both must deny exactly the same requests. HAProxy's
// period frequency counter (freq_ctr.c) decides when denial starts and
// ends, including in the middle of a period, so the sequences cross
// period boundaries on purpose.
package ratelimit
