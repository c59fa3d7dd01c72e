package check

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"
)

// udpServer answers each datagram with answer(datagram), or not at all.
func udpServer(t *testing.T, answer func([]byte) []byte) netip.AddrPort {
	t.Helper()
	return dnsServer(t, answer)
}

func TestUDP(t *testing.T) {
	ctx := context.Background()
	echo := udpServer(t, func(b []byte) []byte { return b })
	silent := udpServer(t, func([]byte) []byte { return nil })
	conn := func(a netip.AddrPort) Conn { return Conn{Dst: a, Timeout: 300 * time.Millisecond} }
	if err := UDP(ctx, conn(echo), UDPCheck{Payload: []byte{1, 2, 3}, RequireReply: true, MaxReply: 255}); err != nil {
		t.Errorf("echo: %v", err)
	}
	// Without require_reply, silence passes; with it, it fails.
	if err := UDP(ctx, conn(silent), UDPCheck{MaxReply: 255}); err != nil {
		t.Errorf("silent without require_reply: %v", err)
	}
	if err := UDP(ctx, conn(silent), UDPCheck{RequireReply: true, MaxReply: 255}); !errors.Is(err, ErrUDPNoReply) {
		t.Errorf("silent with require_reply: %v", err)
	}
	// An ICMP port unreachable fails the check.
	err := UDP(ctx, conn(closedUDP(t)), UDPCheck{MaxReply: 255})
	if class, _, _ := ClassOf(err); err == nil || class != Fail {
		t.Errorf("closed port: %v", err)
	}
	// The reply is compared under the mask, within its length bounds.
	for _, c := range []struct {
		u    UDPCheck
		want error
	}{
		{UDPCheck{Payload: []byte{0xab, 0xcd}, Reply: []byte{0xab}, MaxReply: 255}, nil},
		{UDPCheck{Payload: []byte{0xab, 0xcd}, Reply: []byte{0xab, 0xce}, MaxReply: 255}, ErrUDPMismatch},
		{UDPCheck{Payload: []byte{0xab, 0xcd}, Reply: []byte{0xab, 0xce}, ReplyMask: []byte{0, 0x0f}, MaxReply: 255}, nil},
		{UDPCheck{Payload: []byte{0xab, 0xcd}, Reply: []byte{0xab}, MinReply: 3, MaxReply: 255}, ErrUDPMismatch},
		{UDPCheck{Payload: []byte{0xab, 0xcd}, Reply: []byte{0xab}, MaxReply: 1}, ErrUDPMismatch},
	} {
		if err := UDP(ctx, conn(echo), c.u); !errors.Is(err, c.want) && err != c.want {
			t.Errorf("%+v: %v, want %v", c.u, err, c.want)
		}
	}
}

func TestPing(t *testing.T) {
	if os.Geteuid() != 0 {
		if c, err := net.ListenPacket("udp4:icmp", "127.0.0.1"); err != nil {
			t.Skip("no ping socket for this user and not root")
		} else {
			c.Close()
		}
	}
	if err := Ping(context.Background(), Conn{Dst: netip.MustParseAddrPort("127.0.0.1:0"), Timeout: time.Second}); err != nil {
		t.Errorf("ping 127.0.0.1: %v", err)
	}
}
