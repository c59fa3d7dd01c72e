package kernel

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/mdlayher/packet"

	"hakeep/vrrp/announce"
)

// Announcer sends gratuitous ARPs and unsolicited neighbour
// advertisements on one interface through AF_PACKET.
type Announcer struct {
	c   *packet.Conn
	mac net.HardwareAddr
	buf []byte
}

// NewAnnouncer opens a raw packet socket on the interface in ns. mac is
// the source hardware address (the interface's, or the VMAC).
func NewAnnouncer(ns NS, ifname string, mac net.HardwareAddr) (*Announcer, error) {
	a := &Announcer{mac: mac, buf: make([]byte, 0, announce.NALen)}
	err := ns.do(func() error {
		ifi, err := net.InterfaceByName(ifname)
		if err != nil {
			return fmt.Errorf("interface %q: %w", ifname, err)
		}
		if a.mac == nil {
			a.mac = ifi.HardwareAddr
		}
		// Protocol 0: send only, receive nothing.
		a.c, err = packet.Listen(ifi, packet.Raw, 0, nil)
		if err != nil {
			return fmt.Errorf("packet socket on %q: %w", ifname, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Announce sends one GARP (IPv4) or unsolicited NA (IPv6) for ip; router
// sets the NA router flag (the interface forwards IPv6).
func (a *Announcer) Announce(ip netip.Addr, router bool) error {
	var dst net.HardwareAddr
	if ip.Is4() {
		a.buf = announce.AppendGARP(a.buf[:0], a.mac, ip)
		dst = announce.Broadcast
	} else {
		a.buf = announce.AppendNA(a.buf[:0], a.mac, ip, router)
		dst = announce.AllNodes
	}
	if _, err := a.c.WriteTo(a.buf, &packet.Addr{HardwareAddr: dst}); err != nil {
		return fmt.Errorf("announcing %s: %w", ip, err)
	}
	return nil
}

// Close closes the socket.
func (a *Announcer) Close() error { return a.c.Close() }
