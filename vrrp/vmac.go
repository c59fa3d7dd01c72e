package vrrp

import (
	"fmt"
	"net"
)

// vmacMAC is the virtual router MAC address of RFC 5798 §7.3:
// 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6.
func vmacMAC(vrid uint8, ipv6 bool) net.HardwareAddr {
	fam := byte(1)
	if ipv6 {
		fam = 2
	}
	return net.HardwareAddr{0, 0, 0x5e, 0, fam, vrid}
}

// openVMAC creates the instance's macvlan (use_vmac): keepalived names it
// vrrp.VRID unless told otherwise, gives it the virtual router MAC, and
// puts the instance's addresses and announcements on it
// (vrrp_vmac.c netlink_link_add_vmac).
func (in *instance) openVMAC(base Link) error {
	vn, ok := in.net.(VMACNet)
	if !ok {
		return fmt.Errorf("(%s) use_vmac: this system cannot create macvlan interfaces", in.cfg.Name)
	}
	name := in.cfg.VMAC.Name
	if name == "" {
		name = fmt.Sprintf("vrrp.%d", in.cfg.VRID)
	}
	mac := in.cfg.VMAC.MAC
	if mac == nil {
		mac = vmacMAC(in.cfg.VRID, in.ipv6)
	}
	if _, err := vn.AddVMAC(name, in.cfg.Interface, mac); err != nil {
		return fmt.Errorf("(%s) use_vmac %s on %s: %w", in.cfg.Name, name, in.cfg.Interface, err)
	}
	in.log.Info(fmt.Sprintf("(%s): Success creating VMAC interface %s", in.cfg.Name, name))
	in.vmac = name
	in.ifname = name
	return nil
}

// closeVMAC removes the macvlan the instance created.
func (in *instance) closeVMAC() {
	if in.vmac == "" {
		return
	}
	if vn, ok := in.net.(VMACNet); ok {
		if err := vn.DelVMAC(in.vmac); err != nil {
			in.log.Warn("(" + in.cfg.Name + ") removing " + in.vmac + ": " + err.Error())
		} else {
			in.logf("Success removing VMAC interface %s", in.vmac)
		}
	}
	in.vmac = ""
}
