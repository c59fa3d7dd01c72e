package balance

import (
	"fmt"
	"net/netip"
	"testing"
)

// benchBackend builds n servers with weights 1 to 5.
func benchBackend(tb testing.TB, spec Spec, n int) *Backend {
	tb.Helper()
	cfgs := make([]ServerConfig, n)
	for i := range cfgs {
		cfgs[i] = ServerConfig{Name: fmt.Sprintf("s%d", i+1), Weight: 1 + i%5}
	}
	b, err := New(spec, cfgs, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// hostHeaders is a HeaderLookup on a pointer, as the data plane's request
// will be: converting it to the interface does not allocate.
type hostHeaders struct{ host []byte }

func (h *hostHeaders) Header(name string) ([]byte, bool) {
	if len(name) == 4 && (name[0]|0x20) == 'h' {
		return h.host, true
	}
	return nil, false
}

// TestPickDoesNotAllocate holds every algorithm to zero allocations per
// request, taking and releasing the connection included.
func TestPickDoesNotAllocate(t *testing.T) {
	uris := [][]byte{[]byte("/a/b?c=1"), []byte("/img/logo.png"), []byte("/p?userid=42&x=1")}
	hdr := &hostHeaders{host: []byte("www.example.com")}
	for _, line := range []string{
		"roundrobin", "static-rr", "leastconn", "first", "source", "uri", "uri whole",
		"url_param userid", "hdr(host) use_domain_only", "random", "random(3)", "hash req.hdr(x)",
	} {
		for _, consistent := range []bool{false, true} {
			var spec Spec
			if err := spec.SetBalance(splitWords(line)); err != nil {
				t.Fatal(err)
			}
			spec.Consistent, spec.Avalanche = consistent, consistent
			if consistent && spec.Algorithm.hashed() {
				spec.BalanceFactor = 150
			}
			b := benchBackend(t, spec, 20)
			i := 0
			allocs := testing.AllocsPerRun(200, func() {
				i++
				r := Request{
					Src:     netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}),
					URI:     uris[i%len(uris)],
					Headers: hdr,
					Key:     uris[i%len(uris)],
				}
				r.KeyFound = true
				b.Enter()
				s, st := b.Pick(&r, nil)
				if st == OK {
					b.Take(s)
					b.Release(s)
				}
				b.Leave()
			})
			if allocs != 0 {
				t.Errorf("balance %s (consistent %v): %.1f allocations per request", line, consistent, allocs)
			}
		}
	}
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func benchPick(b *testing.B, be *Backend, r *Request) {
	b.ReportAllocs()
	for b.Loop() {
		if s, _ := be.Pick(r, nil); s == nil {
			b.Fatal("no server")
		}
	}
}

func BenchmarkRoundRobin10(b *testing.B) {
	benchPick(b, benchBackend(b, Spec{Algorithm: RoundRobin}, 10), nil)
}

func BenchmarkRoundRobin1000(b *testing.B) {
	benchPick(b, benchBackend(b, Spec{Algorithm: RoundRobin}, 1000), nil)
}

func BenchmarkStaticRR100(b *testing.B) {
	benchPick(b, benchBackend(b, Spec{Algorithm: StaticRR}, 100), nil)
}

// BenchmarkLeastConnTakeRelease is a whole request's work under leastconn
// over 100 servers with 50 connections open: pick, take, release.
func BenchmarkLeastConnTakeRelease(b *testing.B) {
	be := benchBackend(b, Spec{Algorithm: LeastConn}, 100)
	for range 50 {
		s, _ := be.Pick(nil, nil)
		be.Take(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, _ := be.Pick(nil, nil)
		be.Take(s)
		be.Release(s)
	}
}

// BenchmarkConsistentHash100 maps URIs onto 100 servers (4800 ring
// occurrences): sdbm of the URI, avalanche, tree lookup.
func BenchmarkConsistentHash100(b *testing.B) {
	be := benchBackend(b, Spec{Algorithm: URI, Consistent: true, Avalanche: true}, 100)
	r := &Request{URI: []byte("/static/js/app.js?cache=no")}
	benchPick(b, be, r)
}

// BenchmarkConsistentLookup100 is the ring lookup alone.
func BenchmarkConsistentLookup100(b *testing.B) {
	be := benchBackend(b, Spec{Algorithm: URI, Consistent: true}, 100)
	c := be.algo.(*chash)
	h := uint32(0)
	b.ReportAllocs()
	for b.Loop() {
		h += 0x9e3779b9
		if c.byHash(h, nil) == nil {
			b.Fatal("no server")
		}
	}
}

func BenchmarkMapHashSource100(b *testing.B) {
	be := benchBackend(b, Spec{Algorithm: Source}, 100)
	benchPick(b, be, &Request{Src: netip.MustParseAddr("192.0.2.77")})
}

func BenchmarkRandom100(b *testing.B) {
	benchPick(b, benchBackend(b, Spec{Algorithm: Random}, 100), nil)
}

func BenchmarkFirst100(b *testing.B) {
	benchPick(b, benchBackend(b, Spec{Algorithm: First}, 100), nil)
}
