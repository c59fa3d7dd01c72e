package wire

import (
	"net/netip"
	"testing"
)

var (
	src4  = netip.MustParseAddr("10.0.0.1")
	grp4  = netip.MustParseAddr("224.0.0.18")
	vip4a = netip.MustParseAddr("10.0.0.100")
	vip4b = netip.MustParseAddr("10.0.0.101")
	src6  = netip.MustParseAddr("fe80::1")
	grp6  = netip.MustParseAddr("ff02::12")
	vip6  = netip.MustParseAddr("fe80::100")
)

func v2Expect() Expect {
	return Expect{Version: 2, VRID: 7, AuthType: AuthSimple, AuthData: key("pw"), Interval: 1,
		Addrs: []netip.Addr{vip4a, vip4b}, CheckAddrs: true}
}

func v2Datagram(t *testing.T, mutate func(a *Advert, o *IPv4Options)) []byte {
	t.Helper()
	a := Advert{Version: 2, VRID: 7, Priority: 100, AuthType: AuthSimple, Interval: 1,
		Addrs: []netip.Addr{vip4a, vip4b}, AuthData: key("pw"), HasAuthData: true}
	o := IPv4Options{Src: src4, Dst: grp4, TOS: TOSNetControl, TTL: TTL, ID: 1}
	if mutate != nil {
		mutate(&a, &o)
	}
	b, err := AppendIPv4(nil, &a, &o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReceiveIPv4Reasons(t *testing.T) {
	tests := []struct {
		name   string
		expect func(e *Expect)
		mutate func(a *Advert, o *IPv4Options)
		bytes  func(b []byte) []byte
		want   Reason
	}{
		{name: "ok", want: Accept},
		{name: "short", bytes: func(b []byte) []byte { return b[:24] }, want: DropLength},
		// keepalived checks the length its configuration expects first
		// ("vrrp packet too short/long", observed with 2.2.7).
		{name: "truncated", bytes: func(b []byte) []byte { return b[:len(b)-1] }, want: DropLength},
		{name: "trailing byte", bytes: func(b []byte) []byte { return append(b, 0) }, want: DropLength},
		{name: "ttl", mutate: func(a *Advert, o *IPv4Options) { o.TTL = 64 }, want: DropTTL},
		{name: "ttl ignored for unicast", expect: func(e *Expect) { e.Unicast = true },
			mutate: func(a *Advert, o *IPv4Options) { o.TTL = 64 }, want: Accept},
		{name: "auth invalid type", mutate: func(a *Advert, o *IPv4Options) { a.AuthType = 3 }, want: DropAuthType},
		{name: "auth mismatch", mutate: func(a *Advert, o *IPv4Options) { a.AuthType = AuthNone }, want: DropAuthMismatch},
		{name: "bad password", mutate: func(a *Advert, o *IPv4Options) { a.AuthData = key("nope") }, want: DropAuthFailure},
		{name: "interval", mutate: func(a *Advert, o *IPv4Options) { a.Interval = 2 }, want: DropInterval},
		{name: "version", mutate: func(a *Advert, o *IPv4Options) { a.Version = 3; a.HasAuthData = true }, want: DropVersion},
		{name: "v2 to a v3 instance is too long", expect: func(e *Expect) { e.Version = 3; e.AuthType = AuthNone },
			mutate: func(a *Advert, o *IPv4Options) { a.AuthType = AuthNone }, want: DropLength},
		{name: "type", mutate: func(a *Advert, o *IPv4Options) { a.Type = 2 }, want: DropType},
		{name: "vrid", mutate: func(a *Advert, o *IPv4Options) { a.VRID = 8 }, want: DropVRID},
		{name: "address count", mutate: func(a *Advert, o *IPv4Options) { a.Addrs = a.Addrs[:1] }, want: DropLength},
		{name: "address list", mutate: func(a *Advert, o *IPv4Options) {
			a.Addrs = []netip.Addr{vip4a, netip.MustParseAddr("10.0.0.9")}
		}, want: DropAddrList},
		{name: "address list skipped", expect: func(e *Expect) { e.CheckAddrs = false }, mutate: func(a *Advert, o *IPv4Options) {
			a.Addrs = []netip.Addr{vip4a, netip.MustParseAddr("10.0.0.9")}
		}, want: Accept},
		{name: "checksum", bytes: func(b []byte) []byte { b[26] ^= 0xff; return b }, want: DropChecksum},
		{name: "total length", bytes: func(b []byte) []byte { b[3]++; return b }, want: DropLength},
		{name: "not a peer", expect: func(e *Expect) { e.Peers = []netip.Addr{netip.MustParseAddr("10.0.0.2")} }, want: DropNotPeer},
		{name: "a peer", expect: func(e *Expect) { e.Peers = []netip.Addr{netip.MustParseAddr("10.0.0.2"), src4} }, want: Accept},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := v2Expect()
			if tt.expect != nil {
				tt.expect(&e)
			}
			b := v2Datagram(t, tt.mutate)
			if tt.bytes != nil {
				b = tt.bytes(b)
			}
			var p Packet
			if got := e.ReceiveIPv4(b, &p); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReceiveAH(t *testing.T) {
	k := key("secret")
	e := Expect{Version: 2, VRID: 7, AuthType: AuthAH, AuthData: k, Interval: 1, Addrs: []netip.Addr{vip4a}}
	mk := func(seq uint32, kk [AuthLen]byte, src netip.Addr) []byte {
		a := Advert{Version: 2, VRID: 7, Priority: 100, AuthType: AuthAH, Interval: 1, Addrs: []netip.Addr{vip4a}, HasAuthData: true}
		b, err := AppendIPv4(nil, &a, &IPv4Options{Src: src, Dst: grp4, TOS: TOSNetControl, TTL: TTL, ID: uint16(seq), Key: &kk, Seq: seq})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var p Packet
	if r := e.ReceiveIPv4(mk(5, k, src4), &p); r != Accept {
		t.Fatalf("first: %v", r)
	}
	if r := e.ReceiveIPv4(mk(5, k, src4), &p); r != DropAuthFailure {
		t.Fatalf("replay: %v", r)
	}
	if r := e.ReceiveIPv4(mk(6, key("other"), src4), &p); r != DropAuthFailure {
		t.Fatalf("wrong key: %v", r)
	}
	b := mk(7, k, src4)
	b[8] = 64 // TTL is in the multicast hash: a changed TTL breaks the ICV... but fails the TTL check first
	if r := e.ReceiveIPv4(b, &p); r != DropTTL {
		t.Fatalf("ttl: %v", r)
	}
	b = mk(8, k, src4)
	b[1] = 0 // TOS is mutable and outside the hash
	if r := e.ReceiveIPv4(b, &p); r != Accept {
		t.Fatalf("mutable tos: %v", r)
	}
	if e.LastSeq != 8 {
		t.Fatalf("last seq %d", e.LastSeq)
	}
}

func TestReceiveIPv6(t *testing.T) {
	e := Expect{Version: 3, VRID: 9, IPv6: true, Addrs: []netip.Addr{vip6}, CheckAddrs: true}
	a := Advert{Version: 3, VRID: 9, Priority: 200, Interval: 100, Addrs: []netip.Addr{vip6}}
	b, err := AppendAdvert(nil, &a, src6, grp6)
	if err != nil {
		t.Fatal(err)
	}
	var p Packet
	if r := e.ReceiveIPv6(b, src6, grp6, 255, &p); r != Accept {
		t.Fatalf("got %v", r)
	}
	if p.Advert.Priority != 200 || p.Advert.AdvertInterval().Seconds() != 1 || p.Src != src6 {
		t.Fatalf("decoded %+v", p.Advert)
	}
	if r := e.ReceiveIPv6(b, src6, grp6, 1, &p); r != DropTTL {
		t.Fatalf("hop limit: %v", r)
	}
	if r := e.ReceiveIPv6(b, src6, netip.MustParseAddr("ff02::13"), 255, &p); r != DropChecksum {
		t.Fatalf("pseudo-header: %v", r)
	}
	if r := e.ReceiveIPv6(b[:len(b)-1], src6, grp6, 255, &p); r != DropLength {
		t.Fatalf("short: %v", r)
	}
}

func TestReceiveDoesNotAllocate(t *testing.T) {
	e := v2Expect()
	e.AuthType, e.AuthData = AuthNone, [8]byte{}
	b := v2Datagram(t, func(a *Advert, o *IPv4Options) { a.AuthType = AuthNone; a.AuthData = [8]byte{} })
	var p Packet
	p.Advert.Addrs = make([]netip.Addr, 0, 4)
	n := testing.AllocsPerRun(100, func() {
		if r := e.ReceiveIPv4(b, &p); r != Accept {
			t.Fatal(r)
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations per receive", n)
	}
}

func TestIntervalUnits(t *testing.T) {
	a := Advert{Version: 3}
	a.SetInterval(350 * 1e6)
	if a.Interval != 35 {
		t.Fatalf("v3 350ms = %d cs", a.Interval)
	}
	a = Advert{Version: 2}
	a.SetInterval(3 * 1e9)
	if a.Interval != 3 || a.AdvertInterval().Seconds() != 3 {
		t.Fatalf("v2 3s = %d", a.Interval)
	}
}
