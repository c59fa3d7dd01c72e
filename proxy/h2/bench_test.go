package h2

import (
	"bytes"
	"net"
	"sync"
	"testing"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"hakeep/proxy/http1"
)

// BenchmarkFrontStream is the mux's cost per stream: a request in, its
// HTTP/1.1 form read, a small HTTP/1.1 response written back as
// HEADERS and DATA, with 100 streams in flight on one connection.
func BenchmarkFrontStream(b *testing.B) {
	pool := NewFrontPool(http1.Limits{})
	resp := []byte("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nhello\n")
	var buf [4096]byte
	addr := serveTest(b, &Server{Handler: func(st *Stream) {
		fc, _ := pool.Get(st, nil, nil, buf[:0])
		fc.Write(resp)
		fc.Finish(true)
		pool.Put(fc)
	}})
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	fr := http2.NewFramer(nc, nc)
	fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	var hb bytes.Buffer
	enc := hpack.NewEncoder(&hb)
	for _, kv := range [][2]string{{":method", "GET"}, {":scheme", "http"}, {":authority", "b.test"}, {":path", "/"}, {"user-agent", "bench"}} {
		enc.WriteField(hpack.HeaderField{Name: kv[0], Value: kv[1]})
	}
	block := hb.Bytes()
	nc.Write([]byte(http2.ClientPreface))
	fr.WriteSettings()
	var wmu sync.Mutex
	slots := make(chan struct{}, 100)
	done := make(chan struct{})
	go func() {
		defer close(done)
		n := 0
		for n < b.N {
			f, err := fr.ReadFrame()
			if err != nil {
				return
			}
			switch f := f.(type) {
			case *http2.SettingsFrame:
				if !f.IsAck() {
					wmu.Lock()
					fr.WriteSettingsAck()
					wmu.Unlock()
				}
			case *http2.DataFrame:
				if f.Length > 0 {
					wmu.Lock()
					fr.WriteWindowUpdate(0, f.Length)
					wmu.Unlock()
				}
				if f.StreamEnded() {
					n++
					<-slots
				}
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	id := uint32(1)
	for i := 0; i < b.N; i++ {
		slots <- struct{}{}
		wmu.Lock()
		fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: block, EndStream: true, EndHeaders: true})
		wmu.Unlock()
		id += 2
	}
	<-done
}
