package kernel

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// Address is one virtual_ipaddress entry as keepalived.conf(5) writes it:
// "<IP>[/<MASK>] [brd <IP>] [dev <STRING>] [scope <SCOPE>] [label <LABEL>]".
type Address struct {
	Prefix    netip.Prefix // a bare address is /32 or /128
	Broadcast netip.Addr   // "brd"; invalid for none
	Dev       string
	// Scope is the rtnetlink scope (0 global, 253 link, 254 host);
	// keepalived defaults to global.
	Scope uint8
	Label string
	// NoDAD skips duplicate address detection; keepalived sets it on every
	// IPv6 VIP, so the address is usable at once.
	NoDAD bool
	// Peer is the point-to-point peer ("peer"); Flags further IFA_F_*
	// flags; PreferredLft the IPv6 preferred lifetime (nil: forever).
	Peer         netip.Prefix
	Flags        uint32
	PreferredLft *uint32
}

func (a Address) String() string {
	s := a.Prefix.String()
	if a.Dev != "" {
		s += " dev " + a.Dev
	}
	return s
}

// Addrs adds and removes addresses over rtnetlink.
type Addrs struct {
	h *netlink.Handle
}

// NewAddrs opens an rtnetlink handle in ns.
func NewAddrs(ns NS) (*Addrs, error) {
	var h *netlink.Handle
	var err error
	if ns.set() {
		h, err = netlink.NewHandleAt(ns.Handle)
	} else {
		h, err = netlink.NewHandle()
	}
	if err != nil {
		return nil, fmt.Errorf("rtnetlink: %w", err)
	}
	return &Addrs{h: h}, nil
}

// Close releases the handle.
func (a *Addrs) Close() { a.h.Close() }

func (a *Addrs) nl(addr Address) (netlink.Link, *netlink.Addr, error) {
	link, err := a.h.LinkByName(addr.Dev)
	if err != nil {
		return nil, nil, fmt.Errorf("address %s: device %q: %w", addr.Prefix, addr.Dev, err)
	}
	p := addr.Prefix
	n := &netlink.Addr{
		IPNet: &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())},
		Label: addr.Label,
		Scope: int(addr.Scope),
	}
	switch {
	case addr.Broadcast.IsValid():
		n.Broadcast = addr.Broadcast.AsSlice()
	case p.Addr().Is4():
		// keepalived sets no broadcast address unless told to ("brd");
		// 0.0.0.0 keeps the netlink package from computing one.
		n.Broadcast = net.IPv4zero
	}
	if addr.NoDAD || p.Addr().Is6() {
		n.Flags |= unix.IFA_F_NODAD
	}
	n.Flags |= int(addr.Flags)
	if addr.Peer.IsValid() {
		n.Peer = &net.IPNet{IP: addr.Peer.Addr().AsSlice(), Mask: net.CIDRMask(addr.Peer.Bits(), addr.Peer.Addr().BitLen())}
	}
	if addr.PreferredLft != nil && p.Addr().Is6() {
		n.PreferedLft = int(*addr.PreferredLft)
		n.ValidLft = int(^uint32(0))
	}
	return link, n, nil
}

// Add installs the address; one already present is not an error (a
// restart after a crash finds its own VIPs).
func (a *Addrs) Add(addr Address) error {
	link, n, err := a.nl(addr)
	if err != nil {
		return err
	}
	if err := a.h.AddrAdd(link, n); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("adding %s: %w", addr, err)
	}
	return nil
}

// Del removes the address; one already gone is not an error.
func (a *Addrs) Del(addr Address) error {
	link, n, err := a.nl(addr)
	if err != nil {
		return err
	}
	if err := a.h.AddrDel(link, n); err != nil && !errors.Is(err, unix.EADDRNOTAVAIL) && !errors.Is(err, unix.ENODEV) {
		return fmt.Errorf("removing %s: %w", addr, err)
	}
	return nil
}

// Has reports whether the address is on its device.
func (a *Addrs) Has(addr Address) (bool, error) {
	link, err := a.h.LinkByName(addr.Dev)
	if err != nil {
		return false, err
	}
	fam := netlink.FAMILY_V4
	if addr.Prefix.Addr().Is6() {
		fam = netlink.FAMILY_V6
	}
	list, err := a.h.AddrList(link, fam)
	if err != nil {
		return false, err
	}
	for _, l := range list {
		if ip, ok := netip.AddrFromSlice(l.IP); ok && ip.Unmap() == addr.Prefix.Addr() {
			return true, nil
		}
	}
	return false, nil
}

// SetPromoteSecondaries sets net.ipv4.conf.DEV.promote_secondaries to
// on, so removing a VIP that happens to be the primary address does not
// take the secondaries with it (keepalived.conf(5) promote_secondaries);
// it returns the value it replaced.
func SetPromoteSecondaries(ns NS, dev string, on bool) (was bool, err error) {
	err = ns.do(func() error {
		p := filepath.Join("/proc/sys/net/ipv4/conf", filepath.Base(dev), "promote_secondaries")
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		was = len(b) > 0 && b[0] == '1'
		v := "0\n"
		if on {
			v = "1\n"
		}
		return os.WriteFile(p, []byte(v), 0o644)
	})
	return was, err
}
