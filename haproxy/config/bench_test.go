package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeConfig writes the configuration of the -c benchmark: 10,000
// backends of 5 servers each, and 10 frontends routing to them with one
// use_backend rule per backend.
func writeLargeConfig(tb testing.TB) string {
	const backends, servers, frontends = 10000, 5, 10
	var b strings.Builder
	b.WriteString("global\n    maxconn 100000\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n")
	per := backends / frontends
	for f := 0; f < frontends; f++ {
		fmt.Fprintf(&b, "frontend fe%d\n    bind 127.0.0.1:%d\n", f, 10000+f)
		for i := f * per; i < (f+1)*per; i++ {
			fmt.Fprintf(&b, "    use_backend be%d if { hdr(host) -i site%d.example.com }\n", i, i)
		}
		fmt.Fprintf(&b, "    default_backend be%d\n\n", f*per)
	}
	for i := 0; i < backends; i++ {
		fmt.Fprintf(&b, "backend be%d\n    balance roundrobin\n", i)
		for s := 0; s < servers; s++ {
			n := i*servers + s
			fmt.Fprintf(&b, "    server s%d 10.%d.%d.%d:80 check\n", s, (n>>16)&255, (n>>8)&255, n&255)
		}
		b.WriteString("\n")
	}
	p := filepath.Join(tb.TempDir(), "large.cfg")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkLoadLarge measures Load on 10,000 backends and 50,000 servers.
func BenchmarkLoadLarge(b *testing.B) {
	p := writeLargeConfig(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := Load([]string{p}, Options{LookupHost: hostsOnly})
		if r.Config == nil {
			b.Fatalf("refused: %v", r.Messages)
		}
	}
}
