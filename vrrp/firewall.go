package vrrp

import "strings"

// firewall stands for keepalived's accept mode rules (vrrp.c
// vrrp_handle_accept_mode): without accept mode, a master that does not
// own its addresses drops all traffic sent to them, with nftables rules
// in keepalived's table. hakeep installs no firewall rules; it logs the
// rules keepalived would have added or removed, so that an operator who
// relies on them knows to add them.
func (in *instance) firewall(add bool) {
	if in.cfg.Accept || in.m.BasePriority() == 255 {
		return
	}
	if add == in.fwRules {
		return
	}
	in.fwRules = add
	verb, prep := "would add", "to"
	if !add {
		verb, prep = "would remove", "from"
	}
	fam := "ip"
	if in.ipv6 {
		fam = "ip6"
	}
	var addrs []string
	for _, v := range in.allVIPs() {
		addrs = append(addrs, v.Prefix.Addr().String())
	}
	in.log.Info("(" + in.cfg.Name + ") no accept mode: keepalived " + verb + " 'drop' rules for " + fam + " daddr { " +
		strings.Join(addrs, ", ") + " } " + prep + " nftables table keepalived; hakeep installs no firewall rules")
}
