// Package balance is HAProxy 2.6's server selection, server for server:
// the "balance" algorithms of configuration.txt section 4.2 (roundrobin,
// static-rr, leastconn, first, source, uri, url_param, hdr, rdp-cookie,
// hash, random), "hash-type" map-based and consistent with the sdbm, djb2,
// wt6 and crc32 functions and the avalanche modifier,
// "hash-balance-factor", backup servers and "option allbackups", maxconn,
// minconn and fullconn, slowstart, and the runtime changes of weight and
// state.
//
// The structures and their tie-breaks follow src/lb_fwrr.c, lb_map.c,
// lb_fwlc.c, lb_fas.c, lb_chash.c and src/backend.c, so that the same
// configuration and server states give the same sequence of servers and the
// same key-to-server mapping as the real HAProxy; e2e/balance records that
// ground truth and the tests here replay it.
//
// A Backend is built from a Spec (the "balance" and "hash-type" lines)
// and ServerConfigs in declaration order. The data plane calls Pick per
// request, then Take and Release around each server connection; Pick does
// not allocate.
package balance
