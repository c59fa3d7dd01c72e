package checks_e2e

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// scenario is one health-check situation, played the same way through
// both implementations.
type scenario struct {
	name   string
	global string
	// body is the proxy sections; "{name}" becomes a fake's address and
	// "{name.port}" its port.
	body    string
	fakes   []fakeDef
	servers []string
	run     func(e *env)
	// timed scenarios compare intervals: they run alone, not beside
	// the others, to keep the machine quiet
	timed bool
	// raw is a whole configuration used instead of the template.
	raw string
	// setup prepares the run's directory ({tmp}) before the start.
	setup func(dir string) error
}

type fakeDef struct {
	name, kind string
	script     []string
	// timing records the intervals between connections; countAccepts
	// records how many connections reached accept(); requests records
	// what the first connections sent.
	timing, countAccepts, requests bool
}

func (s *scenario) config() string {
	if s.raw != "" {
		return s.raw
	}
	return "global\n    stats socket {sock} level admin\n    log {syslog} local0 debug\n" + s.global +
		"\ndefaults\n    mode http\n    log global\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n\n" +
		strings.TrimLeft(s.body, "\n")
}

func rep(n int, s string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func scenarios() []*scenario {
	return []*scenario{
		{
			// plain connect checks to a closed port: DOWN after one
			// failure (servers start with health = rise), the backup
			// takes over, then the backend has nothing left
			name: "refused",
			body: `
backend be
    server s1 {dead} check inter 300 rise 2 fall 3
    server s2 {dead} check inter 300 rise 2 fall 3 backup
`,
			fakes:   []fakeDef{{name: "dead", kind: "refuse"}},
			servers: []string{"be/s1", "be/s2"},
			// between checks (s1 at 0, 300, ..., s2 at 150, 450, ...): a
			// check in progress has no description yet
			run: func(e *env) { e.wait(1125 * time.Millisecond); e.snap("end") },
		},
		{
			// a plain connect check never completes the handshake from
			// the server's point of view: nothing reaches accept()
			name: "plain-accepts",
			body: `
backend be
    server s1 {up} check inter 200
`,
			fakes:   []fakeDef{{name: "up", kind: "tcp", countAccepts: true}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.wait(1100 * time.Millisecond); e.snap("end") },
		},
		{
			// HTTP status flapping with fastinter/downinter and
			// log-health-checks
			name: "http-flap",
			body: `
backend be
    option httpchk GET /health
    option log-health-checks
    server s1 {web} check inter 700 fastinter 100 downinter 1500 rise 2 fall 3
`,
			fakes:   []fakeDef{{name: "web", kind: "http", timing: true, script: []string{"200", "500", "500", "500", "500", "200", "200", "200"}}},
			timed:   true,
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("web", 8); e.snap("end") },
		},
		{
			// a wrong body, reported in the DOWN line
			name: "http-body",
			body: `
backend be
    option httpchk GET /
    http-check expect string alive
    server s1 {web} check inter 200 rise 2 fall 2
`,
			fakes:   []fakeDef{{name: "web", kind: "http", timing: true, script: []string{"200:alive", "200:dead", "200:gone", "200:alive", "200:alive", "200:alive"}}},
			timed:   true,
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("web", 5); e.snap("end") },
		},
		{
			// no answer: "timeout check" after the connection
			name: "http-timeout",
			body: `
backend be
    option httpchk
    timeout check 200ms
    server s1 {web} check inter 400 rise 1 fall 2
`,
			fakes:   []fakeDef{{name: "web", kind: "http", script: []string{"silent", "silent", "200", "200"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("web", 3); e.snap("end") },
		},
		{
			// tcp-check send/expect with a mismatch and a timeout
			name: "tcp-check",
			body: `
backend be
    option tcp-check
    option log-health-checks
    timeout check 250ms
    tcp-check send PING\r\n
    tcp-check expect string +PONG comment pong
    server s1 {redis} check inter 300 rise 1 fall 3
`,
			fakes:   []fakeDef{{name: "redis", kind: "line", script: []string{"line:+PONG\r\n", "line:-ERR x\r\n", "line:-ERR y\r\n", "silent", "line:+PONG\r\n"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("redis", 4); e.snap("end") },
		},
		{
			// the agent changes weight, drain and maintenance, then
			// takes the server down and up. An agent sent nothing sees
			// the connection only when the delayed ACK of the handshake
			// comes (up to 200 ms, both implementations delay it), so
			// agent-inter leaves room for it.
			name: "agent",
			body: `
backend be
    balance roundrobin
    server s1 127.0.0.1:1 weight 10 agent-check agent-port {agent.port} agent-inter 600
`,
			fakes: []fakeDef{{name: "agent", kind: "agent", script: []string{"line:up 100%\n", "line:50%\n", "line:drain\n",
				"line:ready\n", "line:maint\n", "line:ready\n", "line:down # dead\n", "line:up\n", "line:maxconn:5 20%\n", "line:bogus\n"}}},
			servers: []string{"be/s1"},
			run: func(e *env) {
				for i, l := range []string{"up 100%", "50%", "drain", "ready", "maint", "ready", "down # dead", "up", "maxconn:5 20%", "bogus"} {
					e.waitServed("agent", i)
					e.snap(l)
				}
			},
		},
		{
			// tracking inside and across backends, and a disabled server
			name: "track",
			body: `
backend be
    server s1 {dead} check inter 300
    server s2 {dead} track s1
    server s4 {dead} check disabled
backend be2
    server s3 {dead} track be/s1
`,
			fakes:   []fakeDef{{name: "dead", kind: "refuse"}},
			servers: []string{"be/s1", "be/s2", "be/s4", "be2/s3"},
			run:     func(e *env) { e.wait(750 * time.Millisecond); e.snap("end") },
		},
		{
			// 404 with disable-on-404: NOLB, then back
			name: "disable-on-404",
			body: `
backend be
    option httpchk
    http-check disable-on-404
    server s1 {web} check inter 200 rise 1 fall 1
    server s2 127.0.0.1:1 backup
`,
			fakes:   []fakeDef{{name: "web", kind: "http", script: []string{"200", "404", "404", "200", "200"}}},
			servers: []string{"be/s1", "be/s2"},
			run: func(e *env) {
				e.waitServed("web", 2)
				e.snap("nolb")
				e.waitServed("web", 4)
				e.snap("end")
			},
		},
		{
			// the request bytes: send-state, inline headers after the
			// version, and an HTTP/1.1 POST
			name: "requests",
			body: `
backend b1
    option httpchk GET /s HTTP/1.1
    http-check send-state
    server s1 {web1} check inter 300 weight 7
    server s2 127.0.0.1:1 backup
backend b2
    option httpchk OPTIONS * HTTP/1.1\r\nHost:\ www
    server s1 {web2} check inter 300
backend b3
    option httpchk
    http-check send meth POST uri /p ver HTTP/1.1 hdr Host h body hello
    http-check expect status 201
    server s1 {web3} check inter 300
`,
			fakes: []fakeDef{{name: "web1", kind: "http", requests: true, script: []string{"200"}},
				{name: "web2", kind: "http", requests: true, script: []string{"200"}},
				{name: "web3", kind: "http", requests: true, script: []string{"201"}}},
			servers: []string{"b1/s1", "b2/s1", "b3/s1"},
			run:     func(e *env) { e.waitServed("web1", 2); e.waitServed("web2", 2); e.waitServed("web3", 2); e.snap("end") },
		},
		{
			// status changes while down are logged too; an empty answer
			name: "http-log-down",
			body: `
backend be
    option httpchk
    option log-health-checks
    server s1 {web} check inter 200 rise 1 fall 1
`,
			fakes:   []fakeDef{{name: "web", kind: "http", script: []string{"500", "close", "close", "503", "200"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("web", 4); e.snap("end") },
		},
		{
			// "port" sends the checks elsewhere than the traffic
			name: "check-port",
			body: `
backend be
    option httpchk
    server s1 {dead} check port {alt.port} inter 200
`,
			fakes:   []fakeDef{{name: "dead", kind: "refuse"}, {name: "alt", kind: "http", countAccepts: true, script: []string{"200"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("alt", 2); e.snap("end") },
		},
		{
			// agent-send and the agent's address and port
			name: "agent-send",
			body: `
backend be
    server s1 127.0.0.1:1 agent-check agent-addr 127.0.0.1 agent-port {agent.port} agent-send "hello\n" agent-inter 300
`,
			fakes:   []fakeDef{{name: "agent", kind: "agent", requests: true, script: []string{"line:up\n", "line:75%\n"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("agent", 2); e.snap("end") },
		},
		{
			// an SMTP server: banner, EHLO, answer
			name: "smtpchk",
			body: `
backend be
    option smtpchk EHLO me.example
    server s1 {mx} check inter 300 rise 1 fall 1
`,
			fakes: []fakeDef{{name: "mx", kind: "line", requests: true, script: []string{
				"smtp:220 mx ready\r\n|250 mx.example greets you\r\n",
				"smtp:220 mx ready\r\n|550 go away\r\n",
				"smtp:554 busy\r\n|",
				"smtp:220 mx ready\r\n|250 ok\r\n"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("mx", 3); e.snap("end") },
		},
		{
			// MySQL without a user: the initial handshake, then an error
			name: "mysql-check",
			body: `
backend be
    option mysql-check
    option log-health-checks
    server s1 {db} check inter 300 rise 1 fall 1
`,
			fakes: []fakeDef{{name: "db", kind: "line", script: []string{
				"line:\x0f\x00\x00\x00\x0a5.7.1-test\x00\x01\x00\x00\x00",
				"line:\x16\x00\x00\x00\xff\x15\x04#28000Access denied",
				"line:\x0f\x00\x00\x00\x0a5.7.1-test\x00\x01\x00\x00\x00"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("db", 2); e.snap("end") },
		},
		{
			// the MySQL parser sets the status, then the end of the
			// ruleset sets it again: one answer counts twice
			name: "mysql-rise",
			body: `
backend be
    option mysql-check
    option log-health-checks
    server s1 {db} check inter 300 rise 2 fall 1
`,
			fakes: []fakeDef{{name: "db", kind: "line", script: []string{
				"line:\x16\x00\x00\x00\xff\x15\x04#28000Access denied",
				"line:\x0f\x00\x00\x00\x0a5.7.1-test\x00\x01\x00\x00\x00"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("db", 2); e.snap("end") },
		},
		{
			// an external command's exit status
			name:   "external-check",
			global: "    external-check\n    insecure-fork-wanted\n",
			body: `
backend be
    option external-check
    external-check path "/usr/bin:/bin"
    external-check command {tmp}/check.sh
    server s1 127.0.0.1:8080 check inter 300 rise 1 fall 1 maxconn 12
`,
			setup: func(dir string) error {
				return os.WriteFile(filepath.Join(dir, "check.sh"), []byte("#!/bin/sh\n"+
					"echo \"$# $1 $2 $3 $4 $HAPROXY_PROXY_NAME $HAPROXY_PROXY_ID $HAPROXY_SERVER_NAME $HAPROXY_SERVER_ID $HAPROXY_SERVER_ADDR $HAPROXY_SERVER_PORT $HAPROXY_SERVER_MAXCONN $HAPROXY_SERVER_CURCONN $PATH\" > "+
					filepath.Join(dir, "args")+"\n[ -e "+filepath.Join(dir, "fail")+" ] && exit 3\nexit 0\n"), 0o755)
			},
			servers: []string{"be/s1"},
			run: func(e *env) {
				e.wait(500 * time.Millisecond)
				os.WriteFile(filepath.Join(e.dir, "fail"), nil, 0o644)
				e.wait(450 * time.Millisecond)
				e.snap("failing")
				args, _ := os.ReadFile(filepath.Join(e.dir, "args"))
				e.note("args", strings.TrimSpace(string(args)))
			},
		},
		{
			// the connection never completes: "Layer4 timeout" after
			// inter, or min(inter, timeout connect) with "timeout check"
			name: "connect-timeout",
			body: `
backend be1
    server s1 {full} check inter 300 fall 1
backend be2
    timeout check 2s
    timeout connect 100ms
    server s1 {full} check inter 3000 fall 1
`,
			fakes:   []fakeDef{{name: "full", kind: "full"}},
			servers: []string{"be1/s1", "be2/s1"},
			run: func(e *env) {
				e.waitLine("be2/s1 is DOWN", 5*time.Second)
				e.wait(100 * time.Millisecond)
				e.snap("end")
			},
		},
		{
			// "option tcp-check" failures name their step
			name: "tcp-check-steps",
			body: `
backend be1
    option tcp-check
    server s1 {dead} check inter 300 fall 1
backend be2
    option tcp-check
    tcp-check connect port {dead.port}
    tcp-check send x
    server s1 127.0.0.1:1 check inter 300 fall 1
backend be3
    option tcp-check
    tcp-check comment "say hello"
    tcp-check send-binary 48454c4c4f0a
    tcp-check expect rbinary ^4F4B
    server s1 {srv} check inter 300 rise 1 fall 1
`,
			fakes:   []fakeDef{{name: "dead", kind: "refuse"}, {name: "srv", kind: "line", requests: true, script: []string{"line:KO\n", "line:OK\n", "line:OK\n"}}},
			servers: []string{"be1/s1", "be2/s1", "be3/s1"},
			run:     func(e *env) { e.waitServed("srv", 2); e.snap("end") },
		},
		{
			// PostgreSQL: startup packet, authentication answer or error
			name: "pgsql-check",
			body: `
backend be
    option pgsql-check user haproxy
    option log-health-checks
    server s1 {db} check inter 300 rise 1 fall 1
`,
			fakes: []fakeDef{{name: "db", kind: "line", requests: true, script: []string{
				"line:R\x00\x00\x00\x08\x00\x00\x00\x00",
				"line:E\x00\x00\x00\x20SFATAL\x00Mrole missing\x00\x00",
				"line:R\x00\x00\x00\x08\x00\x00\x00\x05"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("db", 2); e.snap("end") },
		},
		{
			// the SSLv3 hello: a TLS record back is enough
			name: "ssl-hello-chk",
			body: `
backend be
    option ssl-hello-chk
    option log-health-checks
    server s1 {srv} check inter 300 rise 1 fall 1
`,
			fakes: []fakeDef{{name: "srv", kind: "line", script: []string{
				"line:\x15\x03\x01\x00\x02\x02\x28", "line:HTTP/1.0 400 Bad\r\n", "line:\x16\x03\x03\x00\x02\x02\x00"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("srv", 2); e.snap("end") },
		},
		{
			// an agent line without its end
			name: "agent-incomplete",
			body: `
backend be
    server s1 127.0.0.1:1 agent-check agent-port {agent.port} agent-inter 600
`,
			fakes:   []fakeDef{{name: "agent", kind: "agent", script: []string{"line:down", "line:50%\n", "line:up"}}},
			servers: []string{"be/s1"},
			run: func(e *env) {
				e.waitServed("agent", 0)
				e.snap("incomplete")
				e.waitServed("agent", 2)
				e.snap("end")
			},
		},
		{
			// check-ssl: TLS to a TLS server, and to a clear-text one
			name: "check-ssl",
			body: `
backend be1
    option httpchk
    server s1 {tls} check check-ssl verify none inter 300 rise 1 fall 1
backend be2
    server s1 {tls} check check-ssl verify none inter 300
backend be3
    server s1 {plain} check check-ssl verify none inter 300 fall 1
backend be4
    server s1 {tls} ssl verify none check inter 300
`,
			fakes:   []fakeDef{{name: "tls", kind: "tls", script: []string{"200"}}, {name: "plain", kind: "http", script: []string{"200"}}},
			servers: []string{"be1/s1", "be2/s1", "be3/s1", "be4/s1"},
			run:     func(e *env) { e.waitServed("plain", 1); e.wait(200 * time.Millisecond); e.snap("end") },
		},
		{
			// a server coming back with a slowstart
			name: "slowstart",
			body: `
backend be
    option httpchk
    server s1 {web} check inter 300 rise 1 fall 1 slowstart 1s
    server s2 127.0.0.1:1
`,
			fakes:   []fakeDef{{name: "web", kind: "http", script: []string{"200", "500", "200", "200", "200", "200", "200", "200", "200"}}},
			servers: []string{"be/s1"},
			run: func(e *env) {
				e.waitServed("web", 2)
				e.snap("starting")
				e.waitServed("web", 7)
				e.snap("end")
			},
		},
		{
			// check-send-proxy: a PROXY line with no address
			name: "check-send-proxy",
			body: `
backend be
    option httpchk
    server s1 {web} check check-send-proxy inter 300
`,
			fakes:   []fakeDef{{name: "web", kind: "http", requests: true, script: []string{"200"}}},
			servers: []string{"be/s1"},
			// requests keep the first three: wait for them all
			run: func(e *env) { e.waitServed("web", 2); e.snap("end") },
		},
		{
			// health check and agent together: the agent's "down" holds
			// the server down while its health checks pass
			name: "agent-and-health",
			body: `
backend be
    option httpchk
    server s1 {web} check inter 300 rise 1 fall 1 agent-check agent-port {agent.port} agent-inter 600
`,
			fakes: []fakeDef{{name: "web", kind: "http", script: []string{"200"}},
				{name: "agent", kind: "agent", script: []string{"line:up\n", "line:down\n", "line:down\n", "line:up\n", "line:up\n"}}},
			servers: []string{"be/s1"},
			run: func(e *env) {
				e.waitServed("agent", 2)
				e.snap("agent down")
				e.waitServed("agent", 4)
				e.snap("end")
			},
		},
		{
			// SPOP: HAPROXY-HELLO with "healthcheck", AGENT-HELLO back,
			// then an AGENT-DISCONNECT
			name: "spop-check",
			body: `
backend be
    option spop-check
    option log-health-checks
    server s1 {spoa} check inter 300 rise 1 fall 1
`,
			fakes:   []fakeDef{{name: "spoa", kind: "line", script: []string{"line:" + spopAgentHello(), "line:" + spopDisconnect(8), "line:" + spopAgentHello()}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("spoa", 2); e.snap("end") },
		},
		{
			// a listen section is a "proxy" in the alert
			name: "listen",
			body: `
listen web
    bind 127.0.0.1:{fe.port}
    server s1 {dead} check inter 300
`,
			fakes:   []fakeDef{{name: "dead", kind: "refuse"}, {name: "fe", kind: "refuse"}},
			servers: []string{"web/s1"},
			run:     func(e *env) { e.wait(450 * time.Millisecond); e.snap("end") },
		},
		{
			// the runtime API's server commands that act on checks
			name: "runtime",
			body: `
backend be
    option httpchk
    server s1 {web} check inter 10s weight 10
    server s2 {web} check inter 10s backup
    server s3 {web}
`,
			fakes:   []fakeDef{{name: "web", kind: "http", script: []string{"200"}}},
			servers: []string{"be/s1", "be/s2", "be/s3"},
			run: func(e *env) {
				e.wait(300 * time.Millisecond)
				e.cli("set server be/s1 health down")
				e.snap("health down")
				e.cli("set server be/s1 health stopping")
				e.cli("set server be/s1 health up")
				e.cli("set server be/s1 health sideways")
				e.cli("set server be/s1 state maint")
				e.snap("maint")
				e.cli("set server be/s1 state ready")
				e.snap("ready")
				e.cli("set server be/s1 weight 50%")
				e.cli("set server be/s1 state drain")
				e.snap("drain")
				e.cli("set server be/s1 state ready")
				e.cli("disable health be/s1")
				e.snap("health disabled")
				e.cli("enable health be/s1")
				e.cli("enable health be/s3")
				e.cli("set server be/s1 agent up")
				e.cli("set server be/s1 check-port 70000")
				e.cli("set server be/s1 check-port abc")
				e.cli("set server be/s1 weight 300")
				e.cli("set server be/s1 weight abc")
				e.cli("set server be/s1 state bogus")
				e.cli("set server be/s1 agent-port 80")
				e.cli("set server be/s1 agent-send x")
				e.cli("set maxconn server be/s1 abc")
				e.cli("enable agent be/s1")
				e.cli("set server be/s3 health down")
				e.snap("end")
			},
		},
		{
			// "option redis-check": its own messages
			name: "redis-check",
			body: `
backend be
    option redis-check
    option log-health-checks
    server s1 {redis} check inter 200 rise 1 fall 1
`,
			fakes:   []fakeDef{{name: "redis", kind: "line", script: []string{"line:+PONG\r\n", "line:-LOADING wait\r\n", "line:+PONG\r\n"}}},
			servers: []string{"be/s1"},
			run:     func(e *env) { e.waitServed("redis", 2); e.snap("end") },
		},
	}
}

// spopString is an SPOP string: varint length (small) and bytes.
func spopString(s string) string { return string(rune(len(s))) + s }

// spopFrame prefixes a frame with its 4-byte length.
func spopFrame(f string) string {
	n := len(f)
	return string([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}) + f
}

// spopAgentHello is a valid AGENT-HELLO (doc/SPOE.txt section 3.2.5):
// version 2.0, max-frame-size 16380 (varint FC F0 06), no capabilities.
func spopAgentHello() string {
	return spopFrame("\x65\x00\x00\x00\x01\x00\x00" +
		spopString("version") + "\x08" + spopString("2.0") +
		spopString("max-frame-size") + "\x03\xfc\xf0\x06" +
		spopString("capabilities") + "\x08\x00")
}

// spopDisconnect is an AGENT-DISCONNECT with a status code.
func spopDisconnect(code byte) string {
	return spopFrame("\x66\x00\x00\x00\x01\x00\x00" +
		spopString("status-code") + "\x03" + string([]byte{code}) +
		spopString("message") + "\x08" + spopString("bye"))
}
