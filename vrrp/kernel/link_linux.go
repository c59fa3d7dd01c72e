package kernel

import (
	"fmt"
	"net"
	"net/netip"
)

// Link is what an instance needs to know of its interface.
type Link struct {
	Index int
	Name  string
	MAC   net.HardwareAddr
	Up    bool // administratively up and carrier (IFF_UP and IFF_RUNNING)
	// IPv4 and IPv6LinkLocal are the first addresses of each kind, the
	// defaults for the advert source (keepalived's ifp->sin_addr and
	// sin6_addr).
	IPv4          netip.Addr
	IPv6LinkLocal netip.Addr
}

// LinkByName reads the interface in ns.
func LinkByName(ns NS, name string) (Link, error) {
	var l Link
	err := ns.do(func() error {
		ifi, err := net.InterfaceByName(name)
		if err != nil {
			return fmt.Errorf("interface %q: %w", name, err)
		}
		l = Link{Index: ifi.Index, Name: ifi.Name, MAC: ifi.HardwareAddr,
			Up: ifi.Flags&net.FlagUp != 0 && ifi.Flags&net.FlagRunning != 0}
		addrs, err := ifi.Addrs()
		if err != nil {
			return fmt.Errorf("addresses of %q: %w", name, err)
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, _ := netip.AddrFromSlice(n.IP)
			ip = ip.Unmap()
			switch {
			case ip.Is4() && !l.IPv4.IsValid():
				l.IPv4 = ip
			case ip.Is6() && ip.IsLinkLocalUnicast() && !l.IPv6LinkLocal.IsValid():
				l.IPv6LinkLocal = ip
			}
		}
		return nil
	})
	return l, err
}
