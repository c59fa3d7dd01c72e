package config

import (
	"sort"

	"hakeep/parser"
)

// Status is what hakeep does with a keyword it accepts.
type Status uint8

const (
	// Implemented keywords are decoded into proxy.Config for the engine
	// to run.
	Implemented Status = iota
	// NoEffect keywords are checked like 2.6 does and accepted, but tune
	// HAProxy internals that have no counterpart in hakeep (pollers,
	// buffer pools, ...): they change nothing users can observe.
	NoEffect
	// NotYet keywords are checked like 2.6 does and decoded, but the
	// engine does not run them yet: `haproxy -c` warns about each use.
	NotYet
)

func (s Status) String() string {
	switch s {
	case NoEffect:
		return "accepted, no effect"
	case NotYet:
		return "not yet supported"
	}
	return "implemented"
}

// KeywordDoc describes one keyword for the compatibility documentation.
type KeywordDoc struct {
	// Section is "global", "proxy" (frontend/backend/listen/defaults),
	// "bind", "server", "option", "filter" or an auxiliary section.
	Section string
	Keyword string
	Status  string
	Note    string
}

// supportEntry is a keyword's status and why.
type supportEntry struct {
	status Status
	note   string
}

// support is the one place that decides the status of every keyword: all
// keywords of the tables are Implemented unless listed here. Flipping a
// keyword to Implemented when its engine lands is a one-line change.
func supportTable() map[string]map[string]supportEntry {
	return map[string]map[string]supportEntry{
		"global": {
			"noepoll":                           {NoEffect, "hakeep uses Go's netpoller"},
			"nokqueue":                          {NoEffect, "hakeep uses Go's netpoller"},
			"noevports":                         {NoEffect, "hakeep uses Go's netpoller"},
			"nopoll":                            {NoEffect, "hakeep uses Go's netpoller"},
			"busy-polling":                      {NoEffect, "hakeep uses Go's netpoller"},
			"nogetaddrinfo":                     {NoEffect, "hakeep resolves with Go's resolver"},
			"noreuseport":                       {NoEffect, ""},
			"tune.runqueue-depth":               {NoEffect, "HAProxy scheduler internals"},
			"tune.maxpollevents":                {NoEffect, "HAProxy poller internals"},
			"tune.sched.low-latency":            {NoEffect, "HAProxy scheduler internals"},
			"tune.fd.edge-triggered":            {NoEffect, "HAProxy poller internals"},
			"tune.idle-pool.shared":             {NoEffect, "HAProxy pool internals"},
			"tune.pool-high-fd-ratio":           {NoEffect, "HAProxy pool internals"},
			"tune.pool-low-fd-ratio":            {NoEffect, "HAProxy pool internals"},
			"tune.fail-alloc":                   {NoEffect, "HAProxy debugging aid"},
			"tune.pattern.cache-size":           {NoEffect, "HAProxy pattern cache"},
			"tune.buffers.limit":                {NoEffect, "HAProxy buffer pool"},
			"tune.buffers.reserve":              {NoEffect, "HAProxy buffer pool"},
			"profiling.tasks":                   {NoEffect, "HAProxy profiler"},
			"no-memory-trimming":                {NoEffect, "HAProxy allocator"},
			"set-dumpable":                      {NoEffect, ""},
			"numa-cpu-mapping":                  {NoEffect, ""},
			"thread-group":                      {NoEffect, "goroutines are not pinned to thread groups"},
			"thread-groups":                     {NoEffect, "goroutines are not pinned to thread groups"},
			"cpu-map":                           {Implemented, "the process is pinned to the union of the CPUs of its maps (goroutines are not threads)"},
			"lua-load":                          {NotYet, "Lua is not embedded"},
			"lua-load-per-thread":               {NotYet, "Lua is not embedded"},
			"lua-prepend-path":                  {NotYet, "Lua is not embedded"},
			"tune.lua.forced-yield":             {NoEffect, "Lua is not embedded"},
			"tune.lua.maxmem":                   {NoEffect, "Lua is not embedded"},
			"tune.lua.service-timeout":          {NoEffect, "Lua is not embedded"},
			"tune.lua.session-timeout":          {NoEffect, "Lua is not embedded"},
			"tune.lua.task-timeout":             {NoEffect, "Lua is not embedded"},
			"ssl-engine":                        {NotYet, "TLS termination"},
			"ssl-mode-async":                    {NoEffect, "OpenSSL async engines"},
			"ssl-provider":                      {NotYet, "OpenSSL providers"},
			"ssl-provider-path":                 {NotYet, "OpenSSL providers"},
			"ssl-propquery":                     {NotYet, "OpenSSL providers"},
			"ssl-dh-param-file":                 {NoEffect, "crypto/tls has no finite-field DHE"},
			"tune.ssl.keylog":                   {NotYet, "TLS key logging"},
			"tune.ssl.force-private-cache":      {NoEffect, "OpenSSL session cache"},
			"tune.ssl.ssl-ctx-cache-size":       {NoEffect, "OpenSSL context cache"},
			"issuers-chain-path":                {NotYet, "TLS termination"},
			"cluster-secret":                    {NoEffect, "QUIC is not built"},
			"external-check":                    {Implemented, ""},
			"server-state-file":                 {NotYet, "server state files"},
			"server-state-base":                 {NotYet, "server state files"},
			"httpclient.resolvers.id":           {NotYet, "the internal HTTP client"},
			"httpclient.resolvers.prefer":       {NotYet, "the internal HTTP client"},
			"httpclient.ssl.ca-file":            {NotYet, "the internal HTTP client"},
			"httpclient.ssl.verify":             {NotYet, "the internal HTTP client"},
			"h1-case-adjust":                    {Implemented, ""},
			"h1-case-adjust-file":               {Implemented, ""},
			"set-var":                           {Implemented, ""},
			"set-var-fmt":                       {Implemented, ""},
			"unix-bind":                         {Implemented, ""},
			"maxcomprate":                       {NotYet, "compression"},
			"maxcompcpuusage":                   {NotYet, "compression"},
			"maxzlibmem":                        {NoEffect, "libslz needs no zlib memory"},
			"tune.comp.maxlevel":                {NotYet, "compression"},
			"mworker-max-reloads":               {Implemented, ""},
			"spread-checks":                     {Implemented, ""},
			"max-spread-checks":                 {Implemented, ""},
			"insecure-fork-wanted":              {NoEffect, ""},
			"insecure-setuid-wanted":            {NoEffect, ""},
			"localpeer":                         {NotYet, "peers synchronisation"},
			"tune.peers.max-updates-at-once":    {NotYet, "peers synchronisation"},
			"close-spread-time":                 {NotYet, "spreading of closes over a soft stop"},
			"h1-accept-payload-with-any-method": {NotYet, "HTTP/1.0 GET, HEAD and DELETE requests with a body are refused"},
			"pp2-never-send-local":              {NotYet, "health checks send the PROXY v2 LOCAL command"},
			"nosplice":                          {NoEffect, "splicing only changes how bytes are copied"},
			"tune.http.cookielen":               {NotYet, "captured cookie length"},
			"tune.http.logurilen":               {NotYet, "URI length in logs"},
			"tune.idletimer":                    {NoEffect, "HAProxy I/O internals"},
			"tune.listener.multi-queue":         {NoEffect, "HAProxy I/O internals"},
			"tune.maxaccept":                    {NoEffect, "HAProxy I/O internals"},
			"tune.pipesize":                     {NoEffect, "HAProxy I/O internals"},
			"tune.recv_enough":                  {NoEffect, "HAProxy I/O internals"},
			"tune.rcvbuf.client":                {NotYet, "socket buffer sizes"},
			"tune.rcvbuf.server":                {NotYet, "socket buffer sizes"},
			"tune.sndbuf.client":                {NotYet, "socket buffer sizes"},
			"tune.sndbuf.server":                {NotYet, "socket buffer sizes"},
			"tune.vars.global-max-size":         {NotYet, "variable size limits"},
			"tune.vars.proc-max-size":           {NotYet, "variable size limits"},
			"tune.vars.reqres-max-size":         {NotYet, "variable size limits"},
			"tune.vars.sess-max-size":           {NotYet, "variable size limits"},
			"tune.vars.txn-max-size":            {NotYet, "variable size limits"},
			"tune.vars.check-max-size":          {NotYet, "variable size limits"},
		},
		"proxy": {
			"stick-table":                 {Implemented, "tables are not synchronised with peers yet"},
			"stick":                       {Implemented, ""},
			"email-alert":                 {NotYet, "mail alerts"},
			"compression":                 {NotYet, "compression"},
			"filter":                      {NotYet, "filters"},
			"use-fcgi-app":                {NotYet, "FastCGI"},
			"external-check":              {Implemented, ""},
			"load-server-state-from-file": {NotYet, "server state files"},
			"server-state-file-name":      {NotYet, "server state files"},
			"dynamic-cookie-key":          {Implemented, ""},
			"persist":                     {NotYet, "RDP cookie persistence"},
			"source":                      {Implemented, "usesrc hdr_ip() is not supported yet"},
			"clitcpka-cnt":                {NotYet, "TCP keepalive tuning"},
			"clitcpka-idle":               {NotYet, "TCP keepalive tuning"},
			"clitcpka-intvl":              {NotYet, "TCP keepalive tuning"},
			"srvtcpka-cnt":                {Implemented, ""},
			"srvtcpka-idle":               {Implemented, ""},
			"srvtcpka-intvl":              {Implemented, ""},
			"declare":                     {Implemented, ""},
			"dispatch":                    {NotYet, "dispatch mode"},
			"transparent":                 {NotYet, "transparent proxying"},
			"max-session-srv-conns":       {NotYet, "server connections kept per session"},
			"max-keep-alive-queue":        {NotYet, "keep-alive queueing"},
			"log-format-sd":               {Implemented, ""},
			"http-send-name-header":       {NotYet, "server name header"},
		},
		"option": {
			"splice-auto":                 {NoEffect, "tcp mode copies with splice when the kernel allows it"},
			"splice-request":              {NoEffect, "tcp mode copies with splice when the kernel allows it"},
			"splice-response":             {NoEffect, "tcp mode copies with splice when the kernel allows it"},
			"tcp-smart-accept":            {NoEffect, ""},
			"tcp-smart-connect":           {NoEffect, ""},
			"socket-stats":                {Implemented, ""},
			"transparent":                 {NotYet, "transparent proxying"},
			"ssl-hello-chk":               {Implemented, ""},
			"smtpchk":                     {Implemented, ""},
			"pgsql-check":                 {Implemented, ""},
			"redis-check":                 {Implemented, ""},
			"mysql-check":                 {Implemented, ""},
			"ldap-check":                  {Implemented, ""},
			"spop-check":                  {Implemented, ""},
			"external-check":              {Implemented, ""},
			"h1-case-adjust-bogus-client": {Implemented, ""},
			"h1-case-adjust-bogus-server": {Implemented, ""},
			"http-restrict-req-hdr-names": {NotYet, "header name restriction"},
			"checkcache":                  {NotYet, "cacheable response checks"},
			"clitcpka":                    {NotYet, "client-side TCP keepalive"},
			"tcpka":                       {NotYet, "client-side TCP keepalive; the server side works"},
			"contstats":                   {NotYet, "continuous statistics"},
			"disable-h2-upgrade":          {NotYet, "HTTP/1 to HTTP/2 upgrade control"},
			"http-ignore-probes":          {Implemented, ""},
			"http-no-delay":               {NoEffect, "hakeep never holds data back (no MSG_MORE)"},
			"http-pretend-keepalive":      {Implemented, ""},
			"http-use-proxy-header":       {NotYet, "Proxy-Connection header"},
			"idle-close-on-response":      {NotYet, "soft-stop close of idle connections"},
			"independent-streams":         {NotYet, "independent read and write timeouts"},
			"nolinger":                    {NotYet, "resetting closed connections"},
			"prefer-last-server":          {NotYet, "preferring the last server"},
			"originalto":                  {Implemented, ""},
		},
		"bind": {
			"npn":                  {NoEffect, "crypto/tls has no NPN; clients negotiate with ALPN"},
			"allow-0rtt":           {NoEffect, "crypto/tls servers issue no early-data tickets: clients send after the handshake"},
			"accept-netscaler-cip": {NotYet, "NetScaler client IP"},
			"namespace":            {NotYet, "network namespaces"},
			"tfo":                  {Implemented, ""},
			"process":              {NoEffect, "processes no longer exist"},
			"nice":                 {NoEffect, ""},
			"shards":               {NoEffect, ""},
			"thread":               {NoEffect, "goroutines are not pinned to threads"},
			"defer-accept":         {Implemented, ""},
			"severity-output":      {NotYet, "severity in runtime API answers"},
		},
		"server": {
			"allow-0rtt":           {NoEffect, "crypto/tls clients send no early data"},
			"agent-check":          {Implemented, ""},
			"resolvers":            {NotYet, "run-time DNS resolution"},
			"socks4":               {NotYet, "SOCKS4 servers"},
			"send-proxy-v2-ssl":    {NotYet, "PROXY v2 TLS fields"},
			"namespace":            {NotYet, "network namespaces"},
			"tfo":                  {NotYet, "TCP fast open"},
			"source":               {Implemented, "usesrc hdr_ip() is not supported yet"},
			"ws":                   {NotYet, "WebSocket multiplexer choice"},
			"redir":                {Implemented, ""},
			"non-stick":            {NotYet, "non-stick servers"},
			"send-proxy-v2-ssl-cn": {NotYet, "PROXY v2 TLS fields"},
			"tcp-ut":               {NotYet, "TCP user timeout to servers"},
			"max-reuse":            {NotYet, "connection reuse limit"},
			"resolve-prefer":       {NotYet, "run-time DNS resolution"},
			"resolve-net":          {NotYet, "run-time DNS resolution"},
			"resolve-opts":         {NotYet, "run-time DNS resolution"},
			"check-via-socks4":     {NotYet, "SOCKS4 servers"},
			"check-proto":          {NotYet, "health check multiplexer choice"},
		},
		"filter": {
			"trace":       {NotYet, "filters"},
			"compression": {NotYet, "compression"},
			"cache":       {NotYet, "the HTTP cache"},
			"spoe":        {NotYet, "SPOE"},
			"fcgi-app":    {NotYet, "FastCGI"},
			"opentracing": {NotYet, "OpenTracing"},
		},
		"sections": {
			"userlist":       {Implemented, ""},
			"peers":          {NotYet, "peers synchronisation; its stick tables work locally"},
			"resolvers":      {NotYet, "run-time DNS resolution"},
			"mailers":        {NotYet, "mail alerts"},
			"http-errors":    {Implemented, ""},
			"cache":          {NotYet, "the HTTP cache"},
			"ring":           {Implemented, ""},
			"program":        {NotYet, "program sections"},
			"fcgi-app":       {NotYet, "FastCGI"},
			"log-forward":    {Implemented, ""},
			"namespace_list": {NotYet, "network namespaces"},
		},
	}
}

// support prints the warning of a keyword the engine does not run yet.
func (l *loader) support(section, kw string, ln *line) {
	e := l.kw.statusOf(section, kw)
	if e.status != NotYet {
		return
	}
	what := "'" + kw + "'"
	switch section {
	case "option":
		what = "'option " + kw + "'"
	case "bind", "server", "filter":
		what = "'" + section + " ... " + kw + "'"
	}
	note := ""
	if e.note != "" {
		note = " (" + e.note + ")"
	}
	// Not counted for zero-warning: it is hakeep's notice, not one of
	// HAProxy 2.6's warnings.
	l.msgs = append(l.msgs, Message{Severity: parser.SevWarning, Pos: ln.pos, Hakeep: true,
		Text: ctxPrefix + "parsing " + ln.where() + " : " + what + " is not supported by hakeep yet" + note + "; it is accepted but has no effect."})
}

// KeywordDocs lists every keyword hakeep knows, by section, with its
// status, for docs/COMPAT.md.
func KeywordDocs() []KeywordDoc {
	var out []KeywordDoc
	t := newKeywordTables()
	add := func(section string, names []string) {
		sort.Strings(names)
		for _, n := range names {
			e := t.statusOf(section, n)
			out = append(out, KeywordDoc{Section: section, Keyword: n, Status: e.status.String(), Note: e.note})
		}
	}
	add("global", keys(t.global))
	add("proxy", keys(t.proxy))
	var opts []string
	for _, o := range t.options {
		opts = append(opts, o.name)
	}
	opts = append(opts, "httpclose", "http-server-close", "http-keep-alive", "redispatch",
		"httplog", "tcplog", "httpslog", "tcpka", "httpchk", "ssl-hello-chk", "smtpchk",
		"pgsql-check", "redis-check", "mysql-check", "ldap-check", "spop-check", "tcp-check",
		"external-check", "forwardfor", "originalto", "http-restrict-req-hdr-names")
	add("option", opts)
	add("bind", keys(t.bind))
	add("server", keys(t.server))
	add("filter", filterNames())
	add("sections", keys(t.support["sections"]))
	// Rule actions are listed only when not implemented: proxy/rules
	// owns their list.
	actions := keys(t.support["action"])
	sort.Strings(actions)
	for _, n := range actions {
		e := t.statusOf("action", n)
		out = append(out, KeywordDoc{Section: "rule actions (those not listed are implemented)", Keyword: n,
			Status: e.status.String(), Note: e.note})
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
