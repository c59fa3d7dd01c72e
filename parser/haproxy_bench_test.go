package parser

import (
	"fmt"
	"strings"
	"testing"
)

// bigHAProxyConfig generates the configuration the design measures
// `haproxy -c` on: 10,000 backends and 50,000 servers (about 65,000
// lines), with a frontend routing to every 2nd backend.
func bigHAProxyConfig(backends, serversPer int) []byte {
	var b strings.Builder
	b.WriteString("global\n    maxconn 100000\n    log stdout format raw local0\n\n")
	b.WriteString("defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    option httplog\n\n")
	b.WriteString("frontend fe\n    bind :8080\n")
	for i := 0; i < backends; i += 2 {
		fmt.Fprintf(&b, "    use_backend be%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	for i := 0; i < backends; i++ {
		fmt.Fprintf(&b, "\nbackend be%d\n", i)
		if i%2 == 0 {
			b.WriteString("    balance roundrobin\n")
		}
		for s := 0; s < serversPer; s++ {
			fmt.Fprintf(&b, "    server s%d 10.%d.%d.%d:8080 check inter 2s fall 3 rise 2 weight %d\n", s, i/256%256, i%256, s+1, 10+s)
		}
	}
	return []byte(b.String())
}

func BenchmarkParseHAProxy(b *testing.B) {
	src := bigHAProxyConfig(10000, 5)
	b.Logf("%d bytes, %d lines", len(src), strings.Count(string(src), "\n"))
	opts := HAProxyOptions{LookupEnv: func(string) (string, bool) { return "", false }}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		ds, diags := ParseHAProxySource("big.cfg", src, opts)
		if len(diags) != 0 || len(ds) != 10003 {
			b.Fatalf("%d directives, %v", len(ds), diags)
		}
	}
}
