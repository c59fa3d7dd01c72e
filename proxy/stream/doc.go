// Package stream is the engine's model of one request/response exchange
// ("stream" in HAProxy's sources), independent of the protocol that
// carried it: the timers, byte counts, termination state and counters a
// log line reports when it ends (configuration.txt section 8), and the
// hook points where rule evaluation, routing and logging plug in.
//
// HTTP/1 fills a transaction from proxy/http1 heads; an HTTP/2 mux will
// fill the same structure, one per stream.
package stream
