package h2

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// ws2Backend is an HTTP/2 server that announces RFC 8441's extended
// CONNECT and echoes what a tunnel carries; it records the header
// sections it receives.
func ws2Backend(t testing.TB, j *journal) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveWS2(c, j)
		}
	}()
	return ln.Addr().String()
}

func serveWS2(c net.Conn, j *journal) {
	defer c.Close()
	pre := make([]byte, len(http2.ClientPreface))
	if _, err := io.ReadFull(c, pre); err != nil {
		return
	}
	fr := http2.NewFramer(c, c)
	fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	var hb bytes.Buffer
	enc := hpack.NewEncoder(&hb)
	fr.WriteSettings(http2.Setting{ID: http2.SettingEnableConnectProtocol, Val: 1})
	write := func(id uint32, end bool, fields ...string) {
		hb.Reset()
		for i := 0; i < len(fields); i += 2 {
			enc.WriteField(hpack.HeaderField{Name: fields[i], Value: fields[i+1]})
		}
		fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: hb.Bytes(), EndHeaders: true, EndStream: end})
	}
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		f, err := fr.ReadFrame()
		if err != nil {
			return
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				fr.WriteSettingsAck()
			}
		case *http2.MetaHeadersFrame:
			var fs []string
			method := ""
			for _, hf := range f.Fields {
				if hf.Name == ":method" {
					method = hf.Value
				}
				v := hf.Value
				if hf.Name == "sec-websocket-key" {
					v = "<key>"
				}
				fs = append(fs, hf.Name+"="+v)
			}
			pseudo, regular := splitPseudo(fs)
			sort.Strings(regular)
			j.add(fmt.Sprintf("ws2 %v %v end=%v\n", pseudo, regular, f.StreamEnded()))
			if method == "CONNECT" {
				write(f.StreamID, false, ":status", "200", "x-srv", "ws2")
			} else {
				write(f.StreamID, false, ":status", "200", "content-length", "6", "x-srv", "ws2")
				fr.WriteData(f.StreamID, true, []byte("ok ws\n"))
			}
		case *http2.DataFrame:
			if n := len(f.Data()); n > 0 {
				fr.WriteWindowUpdate(0, uint32(n))
				fr.WriteWindowUpdate(f.StreamID, uint32(n))
				fr.WriteData(f.StreamID, false, append([]byte("echo:"), f.Data()...))
			}
			if f.StreamEnded() {
				fr.WriteData(f.StreamID, true, nil)
			}
		case *http2.PingFrame:
			if !f.IsAck() {
				fr.WritePing(true, f.Data)
			}
		}
	}
}

// splitPseudo separates pseudo-header fields (in order) from the others.
func splitPseudo(fs []string) (pseudo, regular []string) {
	for _, f := range fs {
		if strings.HasPrefix(f, ":") {
			pseudo = append(pseudo, f)
		} else {
			regular = append(regular, f)
		}
	}
	return pseudo, regular
}

// wsH1 runs an HTTP/1.1 WebSocket handshake to addr on path, sends one
// message, reads the echo and half-closes; it describes what it saw.
func wsH1(t testing.TB, addr, path string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: ws.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", path)
	br := bufio.NewReader(c)
	var b strings.Builder
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			fmt.Fprintf(&b, "head error: %v\n", err)
			return b.String()
		}
		if strings.HasPrefix(strings.ToLower(line), "date:") {
			line = "date: <date>\r\n"
		}
		b.WriteString(line)
		if line == "\r\n" {
			break
		}
	}
	c.Write([]byte("frame-1"))
	buf := make([]byte, 64)
	n, err := br.Read(buf)
	fmt.Fprintf(&b, "echo: %q %v\n", buf[:n], err)
	c.(*net.TCPConn).CloseWrite()
	rest, err := io.ReadAll(br)
	fmt.Fprintf(&b, "rest: %q %v\n", rest, err)
	return b.String()
}

// wsH2 runs an extended CONNECT (RFC 8441) on c to path, sends one
// message, reads the echo and ends the stream.
func wsH2(c *h2client, path string) string {
	id := c.open([]field{{":method", "CONNECT"}, {":protocol", "websocket"}, {":scheme", "http"},
		{":path", path}, {":authority", "ws.test"}, {"sec-websocket-version", "13"}}, false)
	deadline := time.Now().Add(5 * time.Second)
	c.mu.Lock()
	r := c.streams[id]
	for len(r.sections) == 0 && r.rst == "" && !c.closed && time.Now().Before(deadline) {
		c.waitLocked(time.Second)
	}
	c.mu.Unlock()
	c.data(id, []byte("frame-1"), false, 16384)
	c.mu.Lock()
	for r.body.Len() < len("frame-1") && r.rst == "" && !c.closed && time.Now().Before(deadline) {
		c.waitLocked(time.Second)
	}
	c.mu.Unlock()
	c.data(id, nil, true, 16384)
	c.wait(id, 5*time.Second)
	return r.render(c)
}
