// Package lvs is keepalived's checker process (Keepalived_healthcheckers)
// as an engine: it programs IPVS from virtual servers and keeps it in
// step with the health checks of their real servers, as keepalived 2.2.7
// does (keepalived.conf(5) "LVS CONFIGURATION").
//
// The logic is keepalived's, state for state: ipwrapper.c's real server
// and quorum states (alive, set, inhibit, failed checker counts, quorum
// with hysteresis, the sorry server, alpha and omega), each checker's
// epilog (retries, delay_before_retry, the log lines and smtp alerts of
// TCP_CHECK, HTTP_GET/SSL_GET, MISC_CHECK, SMTP_CHECK, DNS_CHECK,
// UDP_CHECK, PING_CHECK, FILE_CHECK), the reload's carrying over of
// state (clear_diff_services()), ha_suspend.
//
// The core (core.go and the files it uses) has no clock, socket or
// goroutine: events come in as calls with the time, and keepalived's IPVS
// commands (ipvs_cmd()) are played on a table that answers as the kernel
// would. The Engine runs the checkers' tests (NetProber, over
// hakeep/ipvs/check) in goroutines, feeds their results to the core, and
// reconciles the kernel with the table (hakeep/ipvs.Reconciler) after
// every change, so that the kernel ends where keepalived's commands would
// have left it, destinations listed in keepalived's order.
//
// Deliberate differences from keepalived 2.2.7:
//   - without IPVS in the kernel, keepalived's checker process exits and
//     takes keepalived down; here the failure is logged once in its words
//     and the checkers run with nothing programmed;
//   - local addresses (ha_suspend) and track files (FILE_CHECK) are read
//     every 500 ms instead of following netlink and inotify events;
//   - url regexes are Go's RE2 (no backreferences or lookaround) matched
//     over the response read, where keepalived matches PCRE2 buffer by
//     buffer.
package lvs
