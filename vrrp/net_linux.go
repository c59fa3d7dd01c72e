package vrrp

import (
	"context"
	"fmt"
	"net"
	"net/netip"

	"hakeep/vrrp/kernel"
)

// LinuxNet is Net over the Linux kernel, optionally inside a network
// namespace (keepalived's net_namespace).
type LinuxNet struct {
	ns    kernel.NS
	addrs *kernel.Addrs
	// promoted are the interfaces whose promote_secondaries was off
	// before an instance set it: Close turns it off again, as keepalived
	// restores it when it stops (vrrp_daemon.c stop_vrrp,
	// reset_promote_secondaries).
	promoted map[string]bool
}

// NewLinuxNet opens the rtnetlink handle; ns may be the zero value.
func NewLinuxNet(ns kernel.NS) (*LinuxNet, error) {
	a, err := kernel.NewAddrs(ns)
	if err != nil {
		return nil, err
	}
	return &LinuxNet{ns: ns, addrs: a}, nil
}

// Close restores promote_secondaries where it was off and releases the
// rtnetlink handle.
func (n *LinuxNet) Close() {
	for ifname := range n.promoted {
		kernel.SetPromoteSecondaries(n.ns, ifname, false)
	}
	n.promoted = nil
	n.addrs.Close()
}

// Link reads an interface.
func (n *LinuxNet) Link(name string) (Link, error) {
	l, err := kernel.LinkByName(n.ns, name)
	if err != nil {
		return Link{}, err
	}
	return Link{Index: l.Index, MAC: l.MAC, Up: l.Up, IPv4: l.IPv4, IPv6LinkLocal: l.IPv6LinkLocal}, nil
}

type linuxConn struct{ c *kernel.Conn }

func (c linuxConn) Read(b []byte) (Received, error) {
	r, err := c.c.Read(b)
	return Received{N: r.N, Src: r.Src, Dst: r.Dst, HopLimit: r.HopLimit}, err
}
func (c linuxConn) Write(b []byte, dst netip.Addr) error { return c.c.Write(b, dst) }
func (c linuxConn) Close() error                         { return c.c.Close() }
func (c linuxConn) FD() int                              { return c.c.FD() }

// OpenConn opens a raw VRRP socket.
func (n *LinuxNet) OpenConn(s ConnSpec) (Conn, error) {
	c, err := kernel.Open(kernel.SocketConfig{Interface: s.Interface, IPv6: s.IPv6, Protocol: s.Protocol,
		Group: s.Group, Src: s.Src, NS: n.ns, RxBufSize: s.RxBufSize})
	if err != nil {
		return nil, err
	}
	return linuxConn{c}, nil
}

func (n *LinuxNet) address(v VIP) kernel.Address {
	return kernel.Address{Prefix: v.Prefix, Broadcast: v.Broadcast, Peer: v.Peer, Dev: v.Dev, Scope: v.Scope,
		Label: v.Label, Flags: v.Flags, PreferredLft: v.PreferredLft}
}

// AddAddr adds a virtual address.
func (n *LinuxNet) AddAddr(v VIP) error { return n.addrs.Add(n.address(v)) }

// DelAddr removes a virtual address.
func (n *LinuxNet) DelAddr(v VIP) error { return n.addrs.Del(n.address(v)) }

// OpenAnnouncer opens a GARP/NA sender on ifname.
func (n *LinuxNet) OpenAnnouncer(ifname string) (Announcer, error) {
	a, err := kernel.NewAnnouncer(n.ns, ifname, nil)
	if err != nil {
		return nil, fmt.Errorf("announcer: %w", err)
	}
	return a, nil
}

// PromoteSecondaries sets net.ipv4.conf.IFNAME.promote_secondaries,
// remembering an interface where it was off.
func (n *LinuxNet) PromoteSecondaries(ifname string) error {
	was, err := kernel.SetPromoteSecondaries(n.ns, ifname, true)
	if err == nil && !was {
		if n.promoted == nil {
			n.promoted = map[string]bool{}
		}
		n.promoted[ifname] = true
	}
	return err
}

// WatchLinks reports link changes from rtnetlink (RTNLGRP_LINK), as
// keepalived's netlink monitor receives them.
func (n *LinuxNet) WatchLinks(ctx context.Context, changed chan<- struct{}) error {
	return kernel.WatchLinks(ctx, n.ns, func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
}

// AddVMAC creates the macvlan of a use_vmac instance.
func (n *LinuxNet) AddVMAC(name, parent string, mac net.HardwareAddr) (Link, error) {
	l, err := kernel.AddVMAC(n.ns, name, parent, mac)
	if err != nil {
		return Link{}, err
	}
	return Link{Index: l.Index, MAC: l.MAC, Up: l.Up, IPv4: l.IPv4, IPv6LinkLocal: l.IPv6LinkLocal}, nil
}

// DelVMAC removes a macvlan AddVMAC created.
func (n *LinuxNet) DelVMAC(name string) error { return kernel.DelVMAC(n.ns, name) }

// AddRoute installs a virtual route.
func (n *LinuxNet) AddRoute(r kernel.Route) error { return n.addrs.AddRoute(r) }

// DelRoute removes a virtual route.
func (n *LinuxNet) DelRoute(r kernel.Route) error { return n.addrs.DelRoute(r) }

// AddRule installs a virtual rule.
func (n *LinuxNet) AddRule(r kernel.Rule) error { return n.addrs.AddRule(r) }

// DelRule removes a virtual rule.
func (n *LinuxNet) DelRule(r kernel.Rule) error { return n.addrs.DelRule(r) }
