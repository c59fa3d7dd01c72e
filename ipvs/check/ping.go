package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"sync/atomic"
	"time"

	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
)

// ErrNoEchoReply is a PING_CHECK answered by something else than an
// echo reply.
var ErrNoEchoReply = errors.New("not an echo reply")

// pingSeq numbers the echo requests, as keepalived's seq_no does.
var pingSeq atomic.Uint32

// Ping is PING_CHECK's test: one echo request with 128 bytes of data,
// and the first ICMP message back must be an echo reply
// (icmp_connect_thread(), recv_it()). It uses a ping socket, or a raw
// socket when the ping group range leaves root out (keepalived widens
// the range instead).
func Ping(ctx context.Context, c Conn) error {
	dst := c.Dst.Addr().Unmap()
	v6 := dst.Is6()
	network, raw, laddr := "udp4", "ip4:icmp", "0.0.0.0"
	if v6 {
		network, raw, laddr = "udp6", "ip6:ipv6-icmp", "::"
	}
	pc, err := icmp.ListenPacket(network, laddr)
	isRaw := false
	if err != nil {
		if pc, err = icmp.ListenPacket(raw, laddr); err != nil {
			return &DialError{Class: Error, Immediate: true, Socket: true, Err: err}
		}
		isRaw = true
	}
	defer pc.Close()
	var typ icmp.Type = ipv4.ICMPTypeEcho
	var reply icmp.Type = ipv4.ICMPTypeEchoReply
	proto := 1
	if v6 {
		typ, reply, proto = ipv6.ICMPTypeEchoRequest, ipv6.ICMPTypeEchoReply, 58
	}
	id := os.Getpid() & 0xffff
	seq := int(uint16(pingSeq.Add(1) - 1))
	data := make([]byte, 128)
	for i := range data {
		data[i] = byte(i)
	}
	msg, err := (&icmp.Message{Type: typ, Body: &icmp.Echo{ID: id, Seq: seq, Data: data}}).Marshal(nil)
	if err != nil {
		return &DialError{Class: Error, Immediate: true, Err: err}
	}
	var to net.Addr = &net.UDPAddr{IP: dst.AsSlice(), Zone: dst.Zone()}
	if isRaw {
		to = &net.IPAddr{IP: dst.AsSlice(), Zone: dst.Zone()}
	}
	if _, err := pc.WriteTo(msg, to); err != nil {
		return &DialError{Class: Error, Immediate: true, Err: err, Log: "send ICMP packet fail"}
	}
	_ = pc.SetReadDeadline(time.Now().Add(c.Timeout))
	stop := context.AfterFunc(ctx, func() { _ = pc.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	buf := make([]byte, 1500)
	for {
		n, from, err := pc.ReadFrom(buf)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return &DialError{Class: Timeout, Err: err}
		}
		if err != nil {
			return &DialError{Class: Fail, Err: err, Log: "recv ICMP packet error"}
		}
		if isRaw && !sameAddr(from, dst) {
			continue // a raw socket sees every ICMP message
		}
		m, err := icmp.ParseMessage(proto, buf[:n])
		if err != nil {
			return &DialError{Class: Fail, Err: err}
		}
		if isRaw && m.Type != reply {
			if e, ok := m.Body.(*icmp.Echo); ok && e.ID == id {
				continue // our own request, looped back
			}
		}
		if m.Type != reply {
			return &DialError{Class: Fail, Err: ErrNoEchoReply, Log: fmt.Sprintf("Got ICMP packet with type 0x%x", icmpType(m.Type))}
		}
		if e, ok := m.Body.(*icmp.Echo); isRaw && ok && e.ID != id {
			continue
		}
		return nil
	}
}

// icmpType is the type's number.
func icmpType(t icmp.Type) int {
	switch t := t.(type) {
	case ipv4.ICMPType:
		return int(t)
	case ipv6.ICMPType:
		return int(t)
	}
	return 0
}

func sameAddr(a net.Addr, b netip.Addr) bool {
	var ip net.IP
	switch a := a.(type) {
	case *net.IPAddr:
		ip = a.IP
	case *net.UDPAddr:
		ip = a.IP
	}
	x, ok := netip.AddrFromSlice(ip)
	return ok && x.Unmap() == b
}
