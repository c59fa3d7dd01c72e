// Package stats_e2e tests the operator surfaces of our haproxy against
// the real HAProxy 2.6: "show stat", "show info" and "show servers
// state" after the same traffic, the stats page in a headless browser
// with an admin action, a scripted Runtime API session replayed against
// recorded 2.6.12 transcripts, and the Prometheus exporter's metric set.
package stats_e2e
