package config

import (
	"strconv"
	"strings"
)

// devNameValid is the kernel's dev_valid_name() (keepalived copies it).
func devNameValid(name string) bool {
	if name == "" || len(name) >= ifNameSize || name == "." || name == ".." {
		return false
	}
	return !strings.ContainsAny(name, "/: \t\n\v\f\r")
}

// useVMAC is use_vmac [NAME] [MAC] (vrrp_vmac_handler).
func (v *vrrpReader) useVMAC(p *pass, l *line) {
	vi := v.cur()
	vi.vmac = true
	for i := 1; i < l.n() && i <= 2; i++ {
		w := l.words[i]
		if strings.Contains(w, ":") {
			if vi.vmacMACSpecified {
				p.report(ClassGeneral, "VMAC interface address already specified")
				continue
			}
			if strings.Trim(w, "0123456789ABCDEFabcdef:") != "" {
				p.report(ClassGeneral, "VMAC invalid MAC address %s", w)
				continue
			}
			mac, useVRID, ok := parseVMAC(w)
			switch {
			case !ok:
				p.report(ClassGeneral, "VMAC invalid MAC address %s - ignored", w)
			case mac[0]&1 != 0:
				p.report(ClassGeneral, "VMAC MAC address is multicast %s - ignoring", w)
			case mac[0] == 0 && mac[1] == 0 && mac[2] == 0x5e && mac[3] == 0 && (mac[4] == 1 || mac[4] == 2):
				p.report(ClassGeneral, "VMAC MAC address not allowed to be RFC5798 address (%s) - ignoring", w)
			default:
				vi.vmacMACSpecified, vi.vmacUseVRID, vi.vmacMAC = true, useVRID, w
			}
			continue
		}
		if vi.vmacName != "" {
			p.report(ClassGeneral, "VMAC interface name already specified")
			continue
		}
		if !devNameValid(w) {
			p.report(ClassGeneral, "VMAC interface name '%s' too long or invalid characters - ignoring", w)
			continue
		}
		if o := v.vmacUser(w); o != nil {
			p.report(ClassGeneral, "(%s) VRRP instance %s is already using %s - ignoring name", vi.name, o.name, w)
			continue
		}
		vi.vmacName = w
		if ifp := p.ifByName(w, ifNoCreate); ifp != nil && ifp.Index != 0 {
			// An existing interface of that name is only usable when it
			// is a private macvlan; hakeep does not look at link kinds
			// yet and takes it as not one.
			p.report(ClassGeneral, "(%s) interface %s already exists and is not a private macvlan; ignoring vmac if_name", vi.name, w)
			vi.vmacName = ""
		}
	}
}

func (v *vrrpReader) vmacUser(name string) *vinst {
	for _, o := range v.instances {
		if o.vmacName == name {
			return o
		}
	}
	return nil
}

// parseVMAC reads a MAC address of 6 octets, or of 5 where the last is
// the VRID.
func parseVMAC(s string) (mac [6]byte, useVRID, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) == 6 && parts[5] == "" {
		parts = parts[:5]
	}
	if len(parts) != 5 && len(parts) != 6 {
		return mac, false, false
	}
	for i, part := range parts {
		if part == "" || len(part) > 2 {
			return mac, false, false
		}
		b, err := strconv.ParseUint(part, 16, 8)
		if err != nil {
			return mac, false, false
		}
		mac[i] = byte(b)
	}
	return mac, len(parts) == 5, true
}

// useIPVLAN is use_ipvlan [NAME] [ADDRESS] [bridge|private|vepa].
func (v *vrrpReader) useIPVLAN(p *pass, l *line) {
	vi := v.cur()
	if vi.ipvlan {
		p.report(ClassGeneral, "(%s) use_ipvlan already specified", vi.name)
		return
	}
	vi.ipvlan = true
	hadType := false
	for i := 1; i < l.n(); i++ {
		w := l.words[i]
		switch {
		case w == "bridge" || w == "private" || w == "vepa":
			if hadType {
				p.report(ClassGeneral, "(%s) ipvlan type already specified - ignoring '%s'", vi.name, w)
				continue
			}
			vi.ipvlanType, hadType = w, true
		case validIPAddress(w, true):
			a, ok := p.parseIPAddress(w, true)
			if !ok {
				continue
			}
			if vi.ipvlanAddr != nil {
				p.report(ClassGeneral, "(%s) ipvlan address already specified - ignoring '%s'", vi.name, w)
				continue
			}
			fam := family(a.Addr)
			if vi.family == 0 {
				vi.family = fam
			} else if fam != vi.family {
				p.report(ClassGeneral, "(%s) ipvlan address[%s] MUST match vrrp instance family !!! Skipping...", vi.name, w)
				continue
			}
			vi.ipvlanAddr = &a
			if !vi.saddr.IsValid() {
				vi.saddr, vi.saddrFromConfig = a.Addr, true
			}
		case vi.vmacName != "":
			p.report(ClassGeneral, "(%s) IPVLAN interface already specified - ignoring '%s'", vi.name, w)
		case len(w) >= ifNameSize:
			p.report(ClassGeneral, "(%s) IPVLAN interface name '%s' too long - ignoring", vi.name, w)
		default:
			if o := v.vmacUser(w); o != nil {
				p.report(ClassGeneral, "(%s) VRRP instance %s is already using %s - ignoring name", vi.name, o.name, w)
				continue
			}
			vi.vmacName = w
			if ifp := p.ifByName(w, ifNoCreate); ifp != nil && ifp.Index != 0 {
				p.report(ClassGeneral, "(%s) interface %s already exists and is not an l2 ipvlan; ignoring ipvlan if_name", vi.name, w)
				vi.vmacName = ""
			}
		}
	}
}
