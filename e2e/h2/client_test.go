package h2

import (
	"bytes"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// h2client is a raw HTTP/2 client over x/net's framer, so that the
// tests can send what well-behaved clients never send (resets,
// malformed fields, odd trailers) and see every frame that comes back.
type h2client struct {
	nc  net.Conn
	fr  *http2.Framer
	wmu sync.Mutex
	enc *hpack.Encoder
	hb  bytes.Buffer

	mu       sync.Mutex
	cond     *sync.Cond
	streams  map[uint32]*result
	settings []http2.Setting
	goaway   string
	closed   bool
	nextID   uint32
	connWin  int64
	peerWin  int64
	// autoWindow gives back every DATA byte at once (off to test the
	// proxy's flow control).
	autoWindow bool
}

// result is what one stream received.
type result struct {
	sections [][]hpack.HeaderField
	body     bytes.Buffer
	rst      string
	end      bool
	sendWin  int64
}

// dialH2 opens a connection with prior knowledge (RFC 9113 3.3).
func dialH2(t testing.TB, addr string) *h2client {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := newH2Client(nc)
	t.Cleanup(func() { nc.Close() })
	return c
}

func newH2Client(nc net.Conn) *h2client {
	c := &h2client{nc: nc, streams: map[uint32]*result{}, nextID: 1, connWin: 65535, peerWin: 65535, autoWindow: true}
	c.cond = sync.NewCond(&c.mu)
	c.fr = http2.NewFramer(nc, nc)
	c.fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	c.fr.MaxHeaderListSize = 1 << 20
	c.enc = hpack.NewEncoder(&c.hb)
	nc.Write([]byte(http2.ClientPreface))
	c.fr.WriteSettings()
	go c.read()
	return c
}

func (c *h2client) read() {
	for {
		f, err := c.fr.ReadFrame()
		if err != nil {
			c.mu.Lock()
			c.closed = true
			c.cond.Broadcast()
			c.mu.Unlock()
			return
		}
		c.mu.Lock()
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				f.ForeachSetting(func(s http2.Setting) error {
					c.settings = append(c.settings, s)
					if s.ID == http2.SettingInitialWindowSize {
						d := int64(s.Val) - c.peerWin
						c.peerWin = int64(s.Val)
						for _, r := range c.streams {
							r.sendWin += d
						}
					}
					return nil
				})
				c.wmu.Lock()
				c.fr.WriteSettingsAck()
				c.wmu.Unlock()
			}
		case *http2.PingFrame:
			if !f.IsAck() {
				c.wmu.Lock()
				c.fr.WritePing(true, f.Data)
				c.wmu.Unlock()
			}
		case *http2.MetaHeadersFrame:
			if r := c.streams[f.StreamID]; r != nil {
				r.sections = append(r.sections, f.Fields)
				if f.StreamEnded() {
					r.end = true
				}
			}
		case *http2.DataFrame:
			if r := c.streams[f.StreamID]; r != nil {
				r.body.Write(f.Data())
				if f.StreamEnded() {
					r.end = true
				}
			}
			if n := f.Length; n > 0 && c.autoWindow {
				c.wmu.Lock()
				c.fr.WriteWindowUpdate(0, n)
				if !f.StreamEnded() {
					c.fr.WriteWindowUpdate(f.StreamID, n)
				}
				c.wmu.Unlock()
			}
		case *http2.RSTStreamFrame:
			if r := c.streams[f.StreamID]; r != nil {
				r.rst = f.ErrCode.String()
			}
		case *http2.GoAwayFrame:
			c.goaway = f.ErrCode.String()
		case *http2.WindowUpdateFrame:
			if f.StreamID == 0 {
				c.connWin += int64(f.Increment)
			} else if r := c.streams[f.StreamID]; r != nil {
				r.sendWin += int64(f.Increment)
			}
		}
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// field is one header field as sent, in order.
type field struct{ name, value string }

// get builds the usual fields of a request to path.
func get(method, path string, extra ...field) []field {
	f := []field{{":method", method}, {":scheme", "http"}, {":authority", "proxy.test"}, {":path", path}}
	return append(f, extra...)
}

// open starts a stream with fields; end closes it at once.
func (c *h2client) open(fields []field, end bool) uint32 {
	c.mu.Lock()
	id := c.nextID
	c.nextID += 2
	c.streams[id] = &result{sendWin: c.peerWin}
	c.mu.Unlock()
	c.headers(id, fields, end)
	return id
}

// headers sends a header section on stream id.
func (c *h2client) headers(id uint32, fields []field, end bool) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.hb.Reset()
	for _, f := range fields {
		c.enc.WriteField(hpack.HeaderField{Name: f.name, Value: f.value})
	}
	block := c.hb.Bytes()
	first := true
	for {
		n := min(len(block), 16384)
		if first {
			c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: block[:n], EndStream: end, EndHeaders: n == len(block)})
			first = false
		} else {
			c.fr.WriteContinuation(id, n == len(block), block[:n])
		}
		block = block[n:]
		if len(block) == 0 {
			return
		}
	}
}

// openWhole opens a stream and sends its header section and a small
// body with END_STREAM in one write, so that the proxy reads both
// frames at once.
func (c *h2client) openWhole(fields []field, b []byte) uint32 {
	c.mu.Lock()
	id := c.nextID
	c.nextID += 2
	c.streams[id] = &result{sendWin: c.peerWin}
	c.mu.Unlock()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.hb.Reset()
	for _, f := range fields {
		c.enc.WriteField(hpack.HeaderField{Name: f.name, Value: f.value})
	}
	var out bytes.Buffer
	fr := http2.NewFramer(&out, nil)
	fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: c.hb.Bytes(), EndHeaders: true})
	fr.WriteData(id, true, b)
	c.nc.Write(out.Bytes())
	return id
}

// data sends body bytes within the proxy's windows, in frames of at
// most chunk bytes.
func (c *h2client) data(id uint32, p []byte, end bool, chunk int) bool {
	for {
		c.mu.Lock()
		r := c.streams[id]
		deadline := time.Now().Add(10 * time.Second)
		for len(p) > 0 && (c.connWin <= 0 || r.sendWin <= 0) && !c.closed && r.rst == "" {
			if time.Now().After(deadline) {
				c.mu.Unlock()
				return false
			}
			c.waitLocked(time.Second)
		}
		if c.closed || r.rst != "" {
			c.mu.Unlock()
			return false
		}
		n := min(len(p), chunk, int(c.connWin), int(r.sendWin))
		c.connWin -= int64(n)
		r.sendWin -= int64(n)
		c.mu.Unlock()
		last := end && n == len(p)
		c.wmu.Lock()
		c.fr.WriteData(id, last, p[:n])
		c.wmu.Unlock()
		p = p[n:]
		if len(p) == 0 {
			return true
		}
	}
}

// rst resets stream id.
func (c *h2client) rst(id uint32, code http2.ErrCode) {
	c.wmu.Lock()
	c.fr.WriteRSTStream(id, code)
	c.wmu.Unlock()
}

// waitLocked waits for news up to d; c.mu is held.
func (c *h2client) waitLocked(d time.Duration) {
	t := time.AfterFunc(d, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	c.cond.Wait()
	t.Stop()
}

// wait waits until stream id ended (END_STREAM or reset) or the
// connection closed, up to d.
func (c *h2client) wait(id uint32, d time.Duration) *result {
	deadline := time.Now().Add(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.streams[id]
	for !r.end && r.rst == "" && !c.closed && time.Now().Before(deadline) {
		c.waitLocked(time.Until(deadline))
	}
	return r
}

// waitClosed waits for the proxy to close the connection, up to d.
func (c *h2client) waitClosed(d time.Duration) bool {
	deadline := time.Now().Add(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	for !c.closed && time.Now().Before(deadline) {
		c.waitLocked(time.Until(deadline))
	}
	return c.closed
}

// render is a stream's result as text, dates masked.
func (r *result) render(c *h2client) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for i, sec := range r.sections {
		fmt.Fprintf(&b, "section %d:\n", i)
		for _, hf := range sec {
			v := hf.Value
			switch hf.Name {
			case "date":
				v = "<date>"
			case "sec-websocket-accept":
				// made from a key the proxy made up
				v = "<accept>"
			}
			fmt.Fprintf(&b, "  %s: %s\n", hf.Name, v)
		}
	}
	fmt.Fprintf(&b, "body: %d bytes %s\n", r.body.Len(), digest(r.body.Bytes()))
	fmt.Fprintf(&b, "end: %v rst: %s\n", r.end, r.rst)
	return b.String()
}

// waitSettings waits for the proxy's SETTINGS, as a client that
// respects the announced windows does before sending a body.
func (c *h2client) waitSettings(d time.Duration) {
	deadline := time.Now().Add(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.settings) == 0 && !c.closed && time.Now().Before(deadline) {
		c.waitLocked(time.Until(deadline))
	}
}

// connState is the connection's fate.
func (c *h2client) connState() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("goaway: %s closed: %v", c.goaway, c.closed)
}

// serverSettings lists the SETTINGS the proxy sent, in order.
func (c *h2client) serverSettings() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var s []string
	for _, v := range c.settings {
		s = append(s, v.String())
	}
	return strings.Join(s, " ")
}

// digest names a body by its length and a short hash.
func digest(b []byte) string {
	var h uint32 = 2166136261
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	if len(b) <= 64 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("fnv:%08x", h)
}

// sortedLines sorts the lines of s (for concurrent streams).
func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}
