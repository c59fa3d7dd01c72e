package ipvstest

import (
	"encoding/binary"
	"net/netip"
	"syscall"

	"hakeep/ipvs/genl"
)

// set runs a command that changes the table, following
// ip_vs_genl_set_cmd(), ip_vs_genl_set_daemon() and
// ip_vs_genl_set_config() in net/netfilter/ipvs/ip_vs_ctl.c.
func (k *Kernel) set(cmd uint8, attrs map[uint16][]byte) syscall.Errno {
	switch cmd {
	case cmdFlush:
		k.services = nil
		return 0
	case cmdSetConfig:
		for i, a := range []uint16{attrTCP, attrTCPFin, attrUDP} {
			if v, ok := attrs[a]; ok {
				if t, err := genl.Uint32(v); err == nil && t != 0 {
					k.timeouts[i] = t
				}
			}
		}
		return 0
	case cmdNewDaemon:
		return k.newDaemon(attrs)
	case cmdDelDaemon:
		return k.delDaemon(attrs)
	case cmdZero:
		if _, ok := attrs[attrService]; !ok {
			return 0 // counters are always zero here
		}
	case cmdNewService, cmdSetService, cmdDelService, cmdNewDest, cmdSetDest, cmdDelDest:
	default:
		return syscall.EOPNOTSUPP
	}

	full := cmd == cmdNewService || cmd == cmdSetService
	sv, ok := attrs[attrService]
	if !ok {
		return syscall.EINVAL
	}
	req, errno := parseService(sv, full)
	if errno != 0 {
		return errno
	}
	i := k.find(req.key)
	if cmd != cmdNewService && i < 0 {
		return syscall.ESRCH // "Unless we're adding a new service, the service must already exist"
	}
	switch cmd {
	case cmdNewService:
		if i >= 0 {
			return syscall.EEXIST
		}
		return k.addService(req)
	case cmdSetService:
		return k.editService(k.services[i], req)
	case cmdDelService:
		k.services = append(k.services[:i:i], k.services[i+1:]...)
		return 0
	case cmdZero:
		return 0
	}

	svc := k.services[i]
	dv, ok := attrs[attrDest]
	if !ok {
		return syscall.EINVAL
	}
	d, errno := parseDest(dv, cmd != cmdDelDest, svc.key.af)
	if errno != 0 {
		return errno
	}
	if d.af != svc.key.af && cmd != cmdDelDest {
		// "The synchronization protocol is incompatible with mixed
		// family services", and only tunnelling can cross families.
		if k.daemons[1] != nil || k.daemons[2] != nil || d.fwd != fwdTunnel {
			return syscall.EINVAL
		}
	}
	j := svc.findDest(d.key)
	switch cmd {
	case cmdNewDest:
		if errno := checkDest(d); errno != 0 {
			return errno
		}
		if j >= 0 {
			return syscall.EEXIST
		}
		svc.dests = append([]*dest{d}, svc.dests...)
	case cmdSetDest:
		if errno := checkDest(d); errno != 0 {
			return errno
		}
		if j < 0 {
			return syscall.ENOENT
		}
		svc.dests[j] = d
	case cmdDelDest:
		if j < 0 {
			return syscall.ENOENT
		}
		svc.dests = append(svc.dests[:j:j], svc.dests[j+1:]...)
	}
	return 0
}

// checkDest is ip_vs_add_dest()'s and ip_vs_edit_dest()'s validation.
func checkDest(d *dest) syscall.Errno {
	if d.weight < 0 {
		return syscall.ERANGE
	}
	if d.lThresh > d.uThresh {
		return syscall.ERANGE
	}
	if d.tunType == tunGUE && d.tunPort == 0 {
		return syscall.EINVAL
	}
	return 0
}

func (k *Kernel) find(key serviceKey) int {
	for i, s := range k.services {
		if s.key == key {
			return i
		}
	}
	return -1
}

func (s *service) findDest(key destKey) int {
	for i, d := range s.dests {
		if d.key == key {
			return i
		}
	}
	return -1
}

func (k *Kernel) addService(s *service) syscall.Errno {
	if errno := checkService(s); errno != 0 {
		return errno
	}
	k.services = append(k.services, s)
	return 0
}

func (k *Kernel) editService(old, s *service) syscall.Errno {
	if errno := checkService(s); errno != 0 {
		return errno
	}
	old.sched, old.pe, old.flags, old.timeout, old.netmask = s.sched, s.pe, s.flags, s.timeout, s.netmask
	return 0
}

// checkService is ip_vs_add_service()'s and ip_vs_edit_service()'s
// validation: a known scheduler and persistence engine (ENOENT), an IPv6
// netmask that is a prefix length (EINVAL).
func checkService(s *service) syscall.Errno {
	if s.key.af == afInet6 && (s.netmask < 1 || s.netmask > 128) {
		return syscall.EINVAL
	}
	if !knownScheduler(s.sched) {
		return syscall.ENOENT
	}
	if s.pe != "" && !knownPE(s.pe) {
		return syscall.ENOENT
	}
	return 0
}

// parseService is ip_vs_genl_parse_service(): the key always, and with
// full the scheduler, flags, timeout and netmask.
func parseService(b []byte, full bool) (*service, syscall.Errno) {
	a, err := genl.AttrMap(b)
	if err != nil {
		return nil, syscall.EINVAL
	}
	s := &service{}
	af, err := genl.Uint16(a[svcAF])
	if err != nil {
		return nil, syscall.EINVAL
	}
	if af != afInet && af != afInet6 {
		return nil, syscall.EAFNOSUPPORT
	}
	s.key.af = af
	if v, ok := a[svcFWMark]; ok {
		s.key.fwmark, _ = genl.Uint32(v)
	} else {
		proto, err1 := genl.Uint16(a[svcProtocol])
		port, err2 := genl.Be16(a[svcPort])
		addr, err3 := genl.Addr(af, a[svcAddr])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, syscall.EINVAL
		}
		s.key.protocol, s.key.port, s.key.addr = proto, port, addr
	}
	if !full {
		return s, 0
	}
	sched, ok1 := a[svcSched]
	flags, ok2 := a[svcFlags]
	timeout, ok3 := a[svcTimeout]
	netmask, ok4 := a[svcNetmask]
	if !ok1 || !ok2 || !ok3 || !ok4 || len(flags) < 8 || len(timeout) < 4 || len(netmask) < 4 {
		return nil, syscall.EINVAL
	}
	s.sched = genl.String(sched)
	s.pe = genl.String(a[svcPE])
	f := binary.NativeEndian.Uint32(flags)
	mask := binary.NativeEndian.Uint32(flags[4:])
	s.flags = f & mask &^ svcFHashed
	s.timeout = binary.NativeEndian.Uint32(timeout)
	if af == afInet6 {
		s.netmask = binary.NativeEndian.Uint32(netmask)
	} else {
		s.netmask = binary.BigEndian.Uint32(netmask)
	}
	return s, 0
}

// parseDest is ip_vs_genl_parse_dest(): address and port always, and
// with full the forwarding method, weight and thresholds.
func parseDest(b []byte, full bool, svcAF uint16) (*dest, syscall.Errno) {
	a, err := genl.AttrMap(b)
	if err != nil {
		return nil, syscall.EINVAL
	}
	d := &dest{af: svcAF}
	if v, ok := a[destAF]; ok {
		d.af, _ = genl.Uint16(v)
	}
	addr, err1 := genl.Addr(d.af, a[destAddr])
	port, err2 := genl.Be16(a[destPort])
	if err1 != nil || err2 != nil {
		return nil, syscall.EINVAL
	}
	d.key = destKey{addr: addr, port: port}
	if !full {
		return d, 0
	}
	fwd, err1 := genl.Uint32(a[destFwd])
	w, err2 := genl.Uint32(a[destWeight])
	u, err3 := genl.Uint32(a[destUThresh])
	l, err4 := genl.Uint32(a[destLThresh])
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return nil, syscall.EINVAL
	}
	d.fwd, d.weight, d.uThresh, d.lThresh = fwd&connFwdMask, int32(w), u, l
	if v, ok := a[destTunType]; ok {
		d.tunType, _ = genl.Uint8(v)
	}
	if v, ok := a[destTunPort]; ok {
		d.tunPort, _ = genl.Be16(v)
	}
	if v, ok := a[destTunFlags]; ok {
		d.tunFlags, _ = genl.Uint16(v)
	}
	return d, 0
}

// newDaemon is ip_vs_genl_new_daemon(): state, interface and sync id are
// required; the rest takes start_sync_thread()'s defaults.
func (k *Kernel) newDaemon(attrs map[uint16][]byte) syscall.Errno {
	a, err := genl.AttrMap(attrs[attrDaemon])
	if err != nil {
		return syscall.EINVAL
	}
	st, err1 := genl.Uint32(a[daemonState])
	_, ok := a[daemonIfn]
	id, err2 := genl.Uint32(a[daemonSyncID])
	if err1 != nil || err2 != nil || !ok {
		return syscall.EINVAL
	}
	for _, s := range k.services {
		for _, d := range s.dests {
			if d.af != s.key.af {
				return syscall.EINVAL // mixed_address_family_dests
			}
		}
	}
	if st != 1 && st != 2 {
		return syscall.EINVAL
	}
	if k.daemons[st] != nil {
		return syscall.EEXIST
	}
	d := &daemon{state: st, ifn: genl.String(a[daemonIfn]), syncID: id,
		maxLen: 1472, group: netip.MustParseAddr("224.0.0.81"), port: 8848, ttl: 1}
	if v, ok := a[daemonMax]; ok {
		d.maxLen, _ = genl.Uint16(v)
	}
	if v, ok := a[daemonPort]; ok {
		d.port, _ = genl.Uint16(v)
	}
	if v, ok := a[daemonTTL]; ok {
		d.ttl, _ = genl.Uint8(v)
	}
	if v, ok := a[daemonGroup]; ok {
		d.group, _ = genl.Addr(afInet, v)
	}
	if v, ok := a[daemonGroup6]; ok {
		d.group, _ = genl.Addr(afInet6, v)
	}
	k.daemons[st] = d
	return 0
}

// delDaemon is ip_vs_genl_del_daemon(): ESRCH when none runs in the
// state.
func (k *Kernel) delDaemon(attrs map[uint16][]byte) syscall.Errno {
	a, err := genl.AttrMap(attrs[attrDaemon])
	if err != nil {
		return syscall.EINVAL
	}
	st, err := genl.Uint32(a[daemonState])
	if err != nil || (st != 1 && st != 2) {
		return syscall.EINVAL
	}
	if k.daemons[st] == nil {
		return syscall.ESRCH
	}
	k.daemons[st] = nil
	return 0
}
