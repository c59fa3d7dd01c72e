package main

import "hakeep/parser"

// feature is one entry of `haproxy -vv`'s "Feature list", the names
// HAProxy's build options (USE_*) give to optional capabilities. The same
// table answers `.if feature(NAME)` and `-cc 'feature(NAME)'`.
type feature struct {
	name string
	on   bool
}

// features lists every name Debian's haproxy 2.6.12 reports, in its
// (alphabetical) order, answered for hakeep: "+" only for what hakeep
// does or is built to do in Go, "-" for libraries it does not have.
func features() []feature {
	return []feature{
		{"51DEGREES", false},
		{"ACCEPT4", true}, // Go's netpoller accepts with accept4(2)
		{"BACKTRACE", false},
		{"CLOSEFROM", false},
		{"CPU_AFFINITY", false},
		{"CRYPT_H", true}, // crypt(3) password hashes in userlists
		{"DEVICEATLAS", false},
		{"DL", false},
		{"ENGINE", false},
		{"EPOLL", true}, // the Go runtime's poller is epoll
		{"EVPORTS", false},
		{"GETADDRINFO", true},
		{"KQUEUE", false},
		{"LIBCRYPT", true},
		{"LINUX_SPLICE", true}, // mode tcp copies TCPConn to TCPConn with splice(2)
		{"LINUX_TPROXY", true},
		{"LUA", false},
		{"MEMORY_PROFILING", false},
		{"NETFILTER", false},
		{"NS", false},
		{"OBSOLETE_LINKER", false},
		// TLS is Go's crypto/tls; configurations test OPENSSL for "ssl"
		// support, which hakeep has.
		{"OPENSSL", true},
		{"OT", false},
		// Regular expressions are Go's regexp (RE2 syntax): no PCRE.
		{"PCRE", false},
		{"PCRE2", false},
		{"PCRE2_JIT", false},
		{"PCRE_JIT", false},
		{"POLL", false},
		{"PRCTL", false},
		{"PROCCTL", false},
		{"PROMEX", true}, // the prometheus-exporter service
		{"QUIC", false},
		{"RT", false},
		{"SLZ", false},
		{"STATIC_PCRE", false},
		{"STATIC_PCRE2", false},
		{"SYSTEMD", true}, // -Ws and sd_notify
		{"TFO", false},
		{"THREAD", true}, // goroutines on every CPU: nbthread is honoured
		{"THREAD_DUMP", false},
		{"TPROXY", true},
		{"WURFL", false},
		{"ZLIB", false},
	}
}

// featureList is the "Feature list" text: "+NAME" or "-NAME".
func featureList() string {
	b := make([]byte, 0, 512)
	for i, f := range features() {
		if i > 0 {
			b = append(b, ' ')
		}
		if f.on {
			b = append(b, '+')
		} else {
			b = append(b, '-')
		}
		b = append(b, f.name...)
	}
	return string(b)
}

// condEnv is what `.if` conditions and -cc see: the enabled features and
// the emulated version.
func condEnv() parser.CondEnv {
	var on []string
	for _, f := range features() {
		if f.on {
			on = append(on, f.name)
		}
	}
	return parser.CondEnv{Features: on, Version: haproxyVersion}
}
