package h2

import (
	"bytes"
	"net"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// tclient is a raw HTTP/2 client for the tests: it records every frame
// the server sends.
type tclient struct {
	t   testing.TB
	nc  net.Conn
	fr  *http2.Framer
	wmu sync.Mutex
	hb  bytes.Buffer
	enc *hpack.Encoder

	mu       sync.Mutex
	cond     *sync.Cond
	frames   []string
	heads    map[uint32][][]hpack.HeaderField
	data     map[uint32][]byte
	ended    map[uint32]bool
	rst      map[uint32]http2.ErrCode
	settings []http2.Setting
	goaway   *http2.ErrCode
	closed   bool
	// window gives DATA back at once when set
	window bool
}

func dialTest(t testing.TB, addr string, settings ...http2.Setting) *tclient {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	c := &tclient{t: t, nc: nc, heads: map[uint32][][]hpack.HeaderField{}, data: map[uint32][]byte{},
		ended: map[uint32]bool{}, rst: map[uint32]http2.ErrCode{}, window: true}
	c.cond = sync.NewCond(&c.mu)
	c.fr = http2.NewFramer(nc, nc)
	c.fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	c.enc = hpack.NewEncoder(&c.hb)
	nc.Write([]byte(http2.ClientPreface))
	c.fr.WriteSettings(settings...)
	go c.read()
	return c
}

func (c *tclient) read() {
	for {
		f, err := c.fr.ReadFrame()
		c.mu.Lock()
		if err != nil {
			c.closed = true
			c.cond.Broadcast()
			c.mu.Unlock()
			return
		}
		c.frames = append(c.frames, f.Header().Type.String())
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				f.ForeachSetting(func(s http2.Setting) error { c.settings = append(c.settings, s); return nil })
				c.wmu.Lock()
				c.fr.WriteSettingsAck()
				c.wmu.Unlock()
			}
		case *http2.MetaHeadersFrame:
			c.heads[f.StreamID] = append(c.heads[f.StreamID], f.Fields)
			if f.StreamEnded() {
				c.ended[f.StreamID] = true
			}
		case *http2.DataFrame:
			c.data[f.StreamID] = append(c.data[f.StreamID], f.Data()...)
			if f.StreamEnded() {
				c.ended[f.StreamID] = true
			}
			if n := f.Length; n > 0 && c.window {
				c.wmu.Lock()
				c.fr.WriteWindowUpdate(0, n)
				c.fr.WriteWindowUpdate(f.StreamID, n)
				c.wmu.Unlock()
			}
		case *http2.RSTStreamFrame:
			c.rst[f.StreamID] = f.ErrCode
		case *http2.GoAwayFrame:
			code := f.ErrCode
			c.goaway = &code
		}
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// send writes a header section on stream id.
func (c *tclient) send(id uint32, end bool, kv ...string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.hb.Reset()
	for i := 0; i < len(kv); i += 2 {
		c.enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: c.hb.Bytes(), EndStream: end, EndHeaders: true})
}

// get sends a GET on stream id.
func (c *tclient) get(id uint32, path string, extra ...string) {
	c.send(id, true, append([]string{":method", "GET", ":scheme", "http", ":authority", "t.test", ":path", path}, extra...)...)
}

func (c *tclient) dataFrame(id uint32, end bool, p []byte) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.fr.WriteData(id, end, p)
}

// until waits for cond, failing the test after 5 seconds.
func (c *tclient) until(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	c.mu.Lock()
	defer c.mu.Unlock()
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s; frames: %v", what, c.frames)
		}
		t := time.AfterFunc(100*time.Millisecond, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
		c.cond.Wait()
		t.Stop()
	}
}

// serveTest runs a Server on a loopback listener.
func serveTest(t testing.TB, sv *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			go sv.Serve(nc, nil)
		}
	}()
	return ln.Addr().String()
}
