package acl

import (
	"fmt"
	"strings"
	"testing"

	"hakeep/proxy/sample"
)

// BenchmarkACLHdrDom1000 is the acceptance case: an ACL
// "hdr_dom(host) -f <1,000 domains>" matched against a Host value.
func BenchmarkACLHdrDom1000(b *testing.B) {
	c, _ := testContext(b)
	words := []string{"hosts", "hdr_dom(host)"}
	for i := 0; i < 1000; i++ {
		words = append(words, fmt.Sprintf("site%d.example.com", i))
	}
	acl, err := Declare(words, c)
	if err != nil {
		b.Fatal(err)
	}
	x := acl.Exprs[0]
	hit := []byte("www.site742.example.com")
	miss := []byte("www.unknown-site.example.org")
	b.Run("hit", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if !x.MatchString(hit) {
				b.Fatal("no match")
			}
		}
	})
	b.Run("miss", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if x.MatchString(miss) {
				b.Fatal("match")
			}
		}
	})
}

// BenchmarkMap100k is the second acceptance case: a lookup in a
// 100,000-entry map (map_str).
func BenchmarkMap100k(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&sb, "/path/to/resource/%d backend%d\n", i, i%50)
	}
	c, _ := testContext(b)
	c.ReadFile = func(string) ([]byte, error) { return []byte(sb.String()), nil }
	for _, conv := range []string{"map_str", "map_beg", "map_ip"} {
		conv := conv
		b.Run(conv, func(b *testing.B) {
			file := "big-" + conv + ".map"
			data := sb.String()
			key := []byte("/path/to/resource/73421")
			if conv == "map_ip" {
				var ib strings.Builder
				for i := 0; i < 100000; i++ {
					fmt.Fprintf(&ib, "%d.%d.%d.0/24 be%d\n", 10+i/65536, (i/256)%256, i%256, i%50)
				}
				data = ib.String()
			}
			c.ReadFile = func(string) ([]byte, error) { return []byte(data), nil }
			m, err := c.Env.LoadMap(c.Registry.Converter(conv), file, c.Context)
			if err != nil {
				b.Fatal(err)
			}
			mp := m.(*Map)
			if conv == "map_ip" {
				addr := mustAddr("10.200.100.7")
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, ok := mp.LookupIP(addr); !ok {
						b.Fatal("miss")
					}
				}
				return
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if v, ok := mp.LookupString(key); !ok || v.Str != "backend21" {
					b.Fatal("miss")
				}
			}
		})
	}
	_ = sample.Str
}
