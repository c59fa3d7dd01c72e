package kernel

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netlink/nl"
)

// AddVMAC creates a private-mode macvlan named name on parent with mac
// and brings it up, as keepalived does for use_vmac (vrrp_vmac.c). An
// existing macvlan of that name on the same parent with that address is
// adopted (a restart finds its own); anything else of that name is an
// error. ARP on the parent is set so that it does not answer for the
// addresses on the macvlan (arp_ignore 1, arp_filter 1, as keepalived's
// set_interface_parameters), and the macvlan gets arp_ignore 1,
// arp_filter 0, accept_local 1 and promote_secondaries 1 (the values
// 2.2.7 leaves there).
func AddVMAC(ns NS, name, parent string, mac net.HardwareAddr) (Link, error) {
	h, err := handle(ns)
	if err != nil {
		return Link{}, err
	}
	defer h.Close()
	p, err := h.LinkByName(parent)
	if err != nil {
		return Link{}, fmt.Errorf("interface %q: %w", parent, err)
	}
	if l, err := h.LinkByName(name); err == nil {
		mv, ok := l.(*netlink.Macvlan)
		if !ok || mv.ParentIndex != p.Attrs().Index || !bytes.Equal(mv.HardwareAddr, mac) {
			return Link{}, fmt.Errorf("interface %q exists and is not this instance's vmac", name)
		}
	} else {
		mv := &netlink.Macvlan{LinkAttrs: netlink.LinkAttrs{Name: name, ParentIndex: p.Attrs().Index, HardwareAddr: mac},
			Mode: netlink.MACVLAN_MODE_PRIVATE}
		if err := h.LinkAdd(mv); err != nil {
			return Link{}, fmt.Errorf("creating macvlan %q: %w", name, err)
		}
	}
	l, err := h.LinkByName(name)
	if err != nil {
		return Link{}, err
	}
	// No autoconfigured IPv6 link-local address: the virtual MAC is
	// shared by every router of the VRID (keepalived sets addrgenmode
	// none; observed with 2.2.7).
	h.LinkSetIP6AddrGenMode(l, nl.IN6_ADDR_GEN_MODE_NONE)
	if err := h.LinkSetUp(l); err != nil {
		return Link{}, fmt.Errorf("bringing %q up: %w", name, err)
	}
	err = ns.do(func() error {
		return errors.Join(
			sysctl("ipv4/conf/"+parent+"/arp_ignore", "1"),
			sysctl("ipv4/conf/"+parent+"/arp_filter", "1"),
			sysctl("ipv4/conf/"+name+"/arp_ignore", "1"),
			sysctl("ipv4/conf/"+name+"/arp_filter", "0"),
			sysctl("ipv4/conf/"+name+"/accept_local", "1"),
			sysctl("ipv4/conf/"+name+"/promote_secondaries", "1"))
	})
	if err != nil {
		return Link{}, err
	}
	return LinkByName(ns, name)
}

// DelVMAC removes a macvlan; one already gone is not an error.
func DelVMAC(ns NS, name string) error {
	h, err := handle(ns)
	if err != nil {
		return err
	}
	defer h.Close()
	l, err := h.LinkByName(name)
	if err != nil {
		return nil
	}
	if _, ok := l.(*netlink.Macvlan); !ok {
		return fmt.Errorf("interface %q is not a macvlan", name)
	}
	return h.LinkDel(l)
}

func handle(ns NS) (*netlink.Handle, error) {
	if ns.set() {
		return netlink.NewHandleAt(ns.Handle)
	}
	return netlink.NewHandle()
}

func sysctl(path, value string) error {
	return os.WriteFile(filepath.Join("/proc/sys/net", path), []byte(value+"\n"), 0o644)
}
