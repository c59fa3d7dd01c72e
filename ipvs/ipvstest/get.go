package ipvstest

import (
	"encoding/binary"
	"syscall"

	"hakeep/ipvs/genl"
)

// putService writes a service as ip_vs_genl_fill_service() does: the
// nest without NLA_F_NESTED (nla_nest_start_noflag), HASHED in the flags,
// and both counter sets (all zero: no traffic crosses the fake).
func putService(e *genl.Encoder, s *service) {
	var in genl.Encoder
	in.Uint16(svcAF, s.key.af)
	if s.key.fwmark != 0 {
		in.Uint32(svcFWMark, s.key.fwmark)
	} else {
		in.Uint16(svcProtocol, s.key.protocol)
		in.Put(svcAddr, genl.InetAddr(s.key.addr))
		in.Be16(svcPort, s.key.port)
	}
	in.String(svcSched, s.sched)
	if s.pe != "" {
		in.String(svcPE, s.pe)
	}
	flags := make([]byte, 8)
	binary.NativeEndian.PutUint32(flags, s.flags|svcFHashed)
	binary.NativeEndian.PutUint32(flags[4:], ^uint32(0))
	in.Put(svcFlags, flags)
	in.Uint32(svcTimeout, s.timeout)
	if s.key.af == afInet6 {
		in.Uint32(svcNetmask, s.netmask)
	} else {
		in.Put(svcNetmask, binary.BigEndian.AppendUint32(nil, s.netmask))
	}
	putStats(&in, svcStats, false)
	putStats(&in, svcStats64, true)
	e.Put(attrService, in.Bytes())
}

// putStats writes ip_vs_genl_fill_stats() (u32 counters, u64 bytes) or
// ip_vs_genl_fill_stats64() (all u64), all zero.
func putStats(e *genl.Encoder, typ uint16, wide bool) {
	var in genl.Encoder
	for a := uint16(1); a <= 10; a++ {
		if wide || a == 4 || a == 5 {
			in.Uint64(a, 0)
		} else {
			in.Uint32(a, 0)
		}
	}
	e.Put(typ, in.Bytes())
}

func (k *Kernel) dumpServices(r genl.Raw) []genl.Message {
	var out []genl.Message
	for _, s := range k.services {
		var e genl.Encoder
		putService(&e, s)
		out = append(out, reply(k.familyID, r, cmdNewService, e.Bytes()))
	}
	return out
}

func (k *Kernel) getService(r genl.Raw, attrs map[uint16][]byte) (genl.Message, syscall.Errno) {
	sv, ok := attrs[attrService]
	if !ok {
		return genl.Message{}, syscall.EINVAL
	}
	req, errno := parseService(sv, false)
	if errno != 0 {
		return genl.Message{}, errno
	}
	i := k.find(req.key)
	if i < 0 {
		return genl.Message{}, syscall.ESRCH
	}
	var e genl.Encoder
	putService(&e, k.services[i])
	return reply(k.familyID, r, cmdNewService, e.Bytes()), 0
}

// dumpDests is ip_vs_genl_dump_dests(): an unknown service dumps nothing.
func (k *Kernel) dumpDests(r genl.Raw, attrs map[uint16][]byte) []genl.Message {
	sv, ok := attrs[attrService]
	if !ok {
		return nil
	}
	req, errno := parseService(sv, false)
	if errno != 0 {
		return nil
	}
	i := k.find(req.key)
	if i < 0 {
		return nil
	}
	var out []genl.Message
	for _, d := range k.services[i].dests {
		var in genl.Encoder
		in.Put(destAddr, genl.InetAddr(d.key.addr))
		in.Be16(destPort, d.key.port)
		in.Uint32(destFwd, d.fwd)
		in.Uint32(destWeight, uint32(d.weight))
		in.Uint8(destTunType, d.tunType)
		in.Be16(destTunPort, d.tunPort)
		in.Uint16(destTunFlags, d.tunFlags)
		in.Uint32(destUThresh, d.uThresh)
		in.Uint32(destLThresh, d.lThresh)
		in.Uint32(destActive, 0)
		in.Uint32(destInact, 0)
		in.Uint32(destPersist, 0)
		in.Uint16(destAF, d.af)
		putStats(&in, destStats, false)
		putStats(&in, destStats64, true)
		var e genl.Encoder
		e.Put(attrDest, in.Bytes())
		out = append(out, reply(k.familyID, r, cmdNewDest, e.Bytes()))
	}
	return out
}

func (k *Kernel) dumpDaemons(r genl.Raw) []genl.Message {
	var out []genl.Message
	for _, d := range k.daemons {
		if d == nil {
			continue
		}
		var in genl.Encoder
		in.Uint32(daemonState, d.state)
		in.String(daemonIfn, d.ifn)
		in.Uint32(daemonSyncID, d.syncID)
		in.Uint16(daemonMax, d.maxLen)
		in.Uint16(daemonPort, d.port)
		in.Uint8(daemonTTL, d.ttl)
		if d.group.Is4() {
			v := d.group.As4()
			in.Put(daemonGroup, v[:])
		} else {
			v := d.group.As16()
			in.Put(daemonGroup6, v[:])
		}
		var e genl.Encoder
		e.Put(attrDaemon, in.Bytes())
		out = append(out, reply(k.familyID, r, cmdNewDaemon, e.Bytes()))
	}
	return out
}

func (k *Kernel) config(r genl.Raw) genl.Message {
	var e genl.Encoder
	e.Uint32(attrTCP, k.timeouts[0])
	e.Uint32(attrTCPFin, k.timeouts[1])
	e.Uint32(attrUDP, k.timeouts[2])
	return reply(k.familyID, r, cmdSetConfig, e.Bytes())
}

func (k *Kernel) info(r genl.Raw) genl.Message {
	var e genl.Encoder
	e.Uint32(infoVersion, versionCode)
	e.Uint32(infoConnTabSize, connTabSize)
	return reply(k.familyID, r, cmdSetInfo, e.Bytes())
}
