// Package promex is HAProxy 2.6's Prometheus exporter, the service
// "http-request use-service prometheus-exporter" runs (addons/promex's
// README; configuration.txt section 4.2, "use-service"): the process'
// "show info" fields as haproxy_process_*, and the stats fields of
// frontends, listeners, backends and servers as haproxy_frontend_*,
// haproxy_listener_*, haproxy_backend_* and haproxy_server_*, with 2.6's
// names, types, help texts and labels, in the text exposition format.
// "scope=" selects the families and "no-maint" leaves servers in
// maintenance out.
package promex
