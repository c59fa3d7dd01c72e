package check

import (
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"net/netip"
	"testing"
	"time"
)

func TestDNSQuery(t *testing.T) {
	q := DNSQuery(0x1234, 6, ".")
	want := []byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1}
	if !bytes.Equal(q, want) {
		t.Errorf("root SOA query % x, want % x", q, want)
	}
	q = DNSQuery(1, 28, "example.com")
	if !bytes.Equal(q[12:], append([]byte("\x07example\x03com\x00"), 0, 28, 0, 1)) {
		t.Errorf("AAAA example.com % x", q[12:])
	}
	if !bytes.Equal(DNSQuery(1, 1, "example.com."), DNSQuery(1, 1, "example.com")) {
		t.Error("a trailing dot changes the query")
	}
}

// dnsServer answers each query with answer(query), or nothing when it
// returns nil.
func dnsServer(t *testing.T, answer func(q []byte) []byte) netip.AddrPort {
	t.Helper()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if a := answer(append([]byte(nil), buf[:n]...)); a != nil {
				pc.WriteTo(a, from)
			}
		}
	}()
	return netip.MustParseAddrPort(pc.LocalAddr().String())
}

func reply(q []byte, rcode uint16) []byte {
	r := append([]byte(nil), q...)
	binary.BigEndian.PutUint16(r[2:], 0x8180|rcode)
	return r
}

func TestDNS(t *testing.T) {
	ctx := context.Background()
	ok := dnsServer(t, func(q []byte) []byte { return reply(q, 0) })
	if err := DNS(ctx, Conn{Dst: ok, Timeout: time.Second}, 6, "."); err != nil {
		t.Errorf("answered: %v", err)
	}
	// Answers with another id, and queries, are not the answer.
	stray := dnsServer(t, func(q []byte) []byte {
		r := reply(q, 0)
		r[0]++
		return r
	})
	if err := DNS(ctx, Conn{Dst: stray, Timeout: 300 * time.Millisecond}, 6, "."); err == nil || err.Error() != "read timeout from socket" {
		t.Errorf("wrong id: %v", err)
	}
	nx := dnsServer(t, func(q []byte) []byte { return reply(q, 3) })
	if err := DNS(ctx, Conn{Dst: nx, Timeout: time.Second}, 6, "."); err == nil || err.Error() != "read error occurred. (rcode = 3)" {
		t.Errorf("NXDOMAIN: %v", err)
	}
	if err := DNS(ctx, Conn{Dst: closedUDP(t), Timeout: time.Second}, 6, "."); err == nil || err.Error() != "failed to read socket; errno 111 (Connection refused)" {
		t.Errorf("port unreachable: %v", err)
	}
}

func closedUDP(t *testing.T) netip.AddrPort {
	t.Helper()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := netip.MustParseAddrPort(pc.LocalAddr().String())
	pc.Close()
	return a
}
