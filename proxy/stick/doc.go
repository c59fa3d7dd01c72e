// Package stick is HAProxy 2.6's stick tables at run time
// (configuration.txt §4.2 "stick-table", §7.3.3 stick counters): typed
// keys, the stored counters and rates with 2.6's frequency counters
// (src/freq_ctr.c), expiry, and the sample.Table / sample.Entry views
// that fetches, converters and track-sc actions use.
//
// A Table is safe for concurrent use: keys are spread over lock-striped
// shards, and each entry has its own lock for its data, so two streams
// only contend when they touch the same key.
package stick
