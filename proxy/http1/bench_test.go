package http1

import (
	"io"
	"net"
	"testing"
)

// browserRequest is what a current browser sends for a page: 15 headers.
const browserRequest = "GET /articles/2024/http-smuggling?ref=home&utm_source=news HTTP/1.1\r\n" +
	"Host: www.example.com\r\n" +
	"Connection: keep-alive\r\n" +
	"Cache-Control: max-age=0\r\n" +
	"sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"\r\n" +
	"sec-ch-ua-mobile: ?0\r\n" +
	"sec-ch-ua-platform: \"Linux\"\r\n" +
	"Upgrade-Insecure-Requests: 1\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8\r\n" +
	"Sec-Fetch-Site: same-origin\r\n" +
	"Sec-Fetch-Mode: navigate\r\n" +
	"Sec-Fetch-Dest: document\r\n" +
	"Referer: https://www.example.com/\r\n" +
	"Accept-Encoding: gzip, deflate, br\r\n" +
	"Accept-Language: en-US,en;q=0.9\r\n" +
	"\r\n"

const keepAliveResponse = "HTTP/1.1 200 OK\r\n" +
	"Server: nginx/1.22.1\r\n" +
	"Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n" +
	"Content-Type: text/html; charset=utf-8\r\n" +
	"Content-Length: 1024\r\n" +
	"Connection: keep-alive\r\n" +
	"Cache-Control: private, max-age=0\r\n" +
	"Vary: Accept-Encoding\r\n" +
	"\r\n"

func BenchmarkParseRequest(b *testing.B) {
	buf := []byte(browserRequest)
	h := NewHead(Limits{})
	var p Parser
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		if done, err := p.ParseRequest(buf, h); !done || err != nil {
			b.Fatal(err)
		}
	}
	// 15 lines; "Connection: keep-alive" is consumed, not stored.
	if len(h.Headers) != 14 || h.Flags&FlagConnKeepAlive == 0 {
		b.Fatalf("%d headers, flags %#x", len(h.Headers), h.Flags)
	}
}

func BenchmarkParseResponse(b *testing.B) {
	req := mustRequest(b, browserRequest)
	buf := []byte(keepAliveResponse)
	h := NewHead(Limits{})
	var p Parser
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		if done, err := p.ParseResponse(buf, h, req); !done || err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRewriteSerialize is the request path of a keep-alive
// transaction after parsing: connection decisions, the rewrites of a
// typical configuration (option forwardfor, a set-header, a del-header)
// and the head serialised for the server.
func BenchmarkRewriteSerialize(b *testing.B) {
	buf := []byte(browserRequest)
	h := NewHead(Limits{})
	var p Parser
	out := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		if done, err := p.ParseRequest(buf, h); !done || err != nil {
			b.Fatal(err)
		}
		var x Exchange
		x.Request(h)
		h.Add("x-forwarded-for", []byte("192.0.2.10"))
		h.Set("x-request-start", []byte("t=1700000000000"))
		h.Del("upgrade-insecure-requests")
		out = h.AppendHead(out[:0], x.RequestOut(h), nil)
	}
	b.SetBytes(int64(len(out)))
}

// BenchmarkResponseSerialize parses a keep-alive response and writes it
// for the client.
func BenchmarkResponseSerialize(b *testing.B) {
	req := mustRequest(b, browserRequest)
	buf := []byte(keepAliveResponse)
	h := NewHead(Limits{})
	var p Parser
	out := make([]byte, 0, 4096)
	var x Exchange
	x.Request(req)
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		if done, err := p.ParseResponse(buf, h, req); !done || err != nil {
			b.Fatal(err)
		}
		x.Response(req, h)
		out = h.AppendHead(out[:0], x.ResponseOut(req, h), nil)
	}
	b.SetBytes(int64(len(out)))
}

func BenchmarkDecodeChunked(b *testing.B) {
	var body []byte
	for range 16 {
		body = append(body, "400\r\n"...)
		body = append(body, make([]byte, 1024)...)
		body = append(body, "\r\n"...)
	}
	body = append(body, "0\r\n\r\n"...)
	var d Decoder
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		d.Reset(BodyChunked, 0, false)
		in := body
		for {
			p, err := d.Next(in)
			if err != nil {
				b.Fatal(err)
			}
			in = in[p.N:]
			if p.Kind == PieceEnd {
				break
			}
		}
	}
}

// BenchmarkBatchWrite writes a head and a payload with one writev on a
// loopback TCP connection.
func BenchmarkBatchWrite(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			io.Copy(io.Discard, c)
			c.Close()
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	resp := mustResponse(b, keepAliveResponse, nil)
	payload := make([]byte, 1024)
	var bt Batch
	b.ReportAllocs()
	for b.Loop() {
		bt.Head(resp, ConnNone, nil)
		bt.Payload(payload)
		if _, err := bt.WriteTo(c); err != nil {
			b.Fatal(err)
		}
	}
}
