package ipvsnl

import (
	"encoding/binary"
	"fmt"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
)

// putServiceKey writes the attributes that identify a service, in
// libipvs's order: AF, then FWMARK or PROTOCOL, ADDR (16 bytes whatever
// the family), PORT.
func putServiceKey(e *genl.Encoder, k ipvs.ServiceKey) {
	k = k.Normal()
	e.Uint16(svcAF, uint16(k.Family))
	if k.FWMark != 0 {
		e.Uint32(svcFWMark, k.FWMark)
		return
	}
	e.Uint16(svcProtocol, uint16(k.Protocol))
	e.Put(svcAddr, genl.InetAddr(k.Addr))
	e.Be16(svcPort, k.Port)
}

// putService writes a whole service as ipvs_nl_fill_service_attr() does:
// the key, SCHED_NAME, PE_NAME when set, FLAGS with mask ~0, TIMEOUT and
// NETMASK. libipvs sends it whole for every command that names a service,
// with empty scheduler and zero options when only the key is known.
func putService(e *genl.Encoder, s ipvs.Service) {
	e.Nested(attrService, func(e *genl.Encoder) {
		putServiceKey(e, s.ServiceKey)
		e.String(svcSchedName, s.Scheduler)
		if s.PE != "" {
			e.String(svcPEName, s.PE)
		}
		flags := make([]byte, 8) // struct ip_vs_flags {flags, mask}
		binary.NativeEndian.PutUint32(flags, uint32(s.Flags))
		binary.NativeEndian.PutUint32(flags[4:], ^uint32(0))
		e.Put(svcFlags, flags)
		e.Uint32(svcTimeout, s.Timeout)
		e.Put(svcNetmask, netmask(s))
	})
}

// netmask encodes the persistence granularity: an IPv4 mask in network
// order, or for IPv6 the prefix length as a host-order u32 (ipvsadm -M 64
// sends 64; the kernel reads it as a prefix length for AF_INET6).
func netmask(s ipvs.Service) []byte {
	bits := s.NetmaskBits()
	if s.Mask4 != 0 && s.Normal().Family == ipvs.IPv4 {
		return binary.BigEndian.AppendUint32(nil, s.Mask4)
	}
	if s.Normal().Family == ipvs.IPv6 {
		return binary.NativeEndian.AppendUint32(nil, uint32(bits))
	}
	var m uint32
	if bits > 0 {
		m = ^uint32(0) << (32 - min(bits, 32))
	}
	return binary.BigEndian.AppendUint32(nil, m)
}

func serviceMessage(s ipvs.Service) []byte {
	var e genl.Encoder
	putService(&e, s)
	return e.Bytes()
}

// NewService adds a virtual service (ipvsadm -A). The kernel answers
// EEXIST if it exists, ENOENT for an unknown scheduler or persistence
// engine.
func (c *Client) NewService(s ipvs.Service) error {
	if _, err := c.do(cmdNewService, 0, serviceMessage(s)); err != nil {
		return fmt.Errorf("adding service %s: %w", s.ServiceKey, err)
	}
	return nil
}

// UpdateService changes a service's scheduler and options (ipvsadm -E).
// The kernel answers ESRCH if the service does not exist.
func (c *Client) UpdateService(s ipvs.Service) error {
	if _, err := c.do(cmdSetService, 0, serviceMessage(s)); err != nil {
		return fmt.Errorf("editing service %s: %w", s.ServiceKey, err)
	}
	return nil
}

// DeleteService removes a service and its destinations (ipvsadm -D); ESRCH
// if it does not exist.
func (c *Client) DeleteService(k ipvs.ServiceKey) error {
	if _, err := c.do(cmdDelService, 0, serviceMessage(ipvs.Service{ServiceKey: k})); err != nil {
		return fmt.Errorf("deleting service %s: %w", k, err)
	}
	return nil
}

// Services lists the virtual services with their counters.
func (c *Client) Services() ([]ipvs.ServiceEntry, error) {
	replies, err := c.do(cmdGetService, genl.FlagDump, nil)
	if err != nil {
		return nil, fmt.Errorf("listing services: %w", err)
	}
	out := make([]ipvs.ServiceEntry, 0, len(replies))
	for _, r := range replies {
		s, err := parseServiceReply(r.Attrs)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Service reads one service; ESRCH if it does not exist.
func (c *Client) Service(k ipvs.ServiceKey) (ipvs.ServiceEntry, error) {
	var e genl.Encoder
	e.Nested(attrService, func(e *genl.Encoder) { putServiceKey(e, k) })
	replies, err := c.do(cmdGetService, 0, e.Bytes())
	if err != nil {
		return ipvs.ServiceEntry{}, fmt.Errorf("reading service %s: %w", k, err)
	}
	if len(replies) != 1 {
		return ipvs.ServiceEntry{}, fmt.Errorf("reading service %s: %d replies", k, len(replies))
	}
	return parseServiceReply(replies[0].Attrs)
}

func parseServiceReply(b []byte) (ipvs.ServiceEntry, error) {
	top, err := genl.AttrMap(b)
	if err != nil {
		return ipvs.ServiceEntry{}, err
	}
	v, ok := top[attrService]
	if !ok {
		return ipvs.ServiceEntry{}, fmt.Errorf("ipvs: service reply without a service")
	}
	return parseService(v)
}

// parseService decodes a nested IPVS_CMD_ATTR_SERVICE as
// ip_vs_genl_fill_service() writes it.
func parseService(b []byte) (ipvs.ServiceEntry, error) {
	a, err := genl.AttrMap(b)
	if err != nil {
		return ipvs.ServiceEntry{}, err
	}
	var s ipvs.ServiceEntry
	af, err := genl.Uint16(a[svcAF])
	if err != nil {
		return s, fmt.Errorf("ipvs service: address family: %w", err)
	}
	s.Family = ipvs.Family(af)
	if v, ok := a[svcFWMark]; ok {
		if s.FWMark, err = genl.Uint32(v); err != nil {
			return s, err
		}
	}
	if s.FWMark == 0 {
		p, err := genl.Uint16(a[svcProtocol])
		if err != nil {
			return s, fmt.Errorf("ipvs service: protocol: %w", err)
		}
		s.Protocol = ipvs.Protocol(p)
		if s.Addr, err = genl.Addr(af, a[svcAddr]); err != nil {
			return s, err
		}
		if s.Port, err = genl.Be16(a[svcPort]); err != nil {
			return s, err
		}
	}
	s.Scheduler = genl.String(a[svcSchedName])
	s.PE = genl.String(a[svcPEName])
	flags, err := genl.Uint32(a[svcFlags])
	if err != nil {
		return s, fmt.Errorf("ipvs service: flags: %w", err)
	}
	s.Flags = ipvs.ServiceFlags(flags) &^ ipvs.FlagHashed
	if s.Timeout, err = genl.Uint32(a[svcTimeout]); err != nil {
		return s, err
	}
	nm := a[svcNetmask]
	if len(nm) < 4 {
		return s, fmt.Errorf("ipvs service: netmask of %d bytes", len(nm))
	}
	if s.Family == ipvs.IPv6 {
		s.Netmask = int(binary.NativeEndian.Uint32(nm))
	} else {
		m := binary.BigEndian.Uint32(nm)
		s.Netmask = maskBits(m)
		if m != prefixMask(s.Netmask) {
			s.Mask4 = m
		}
	}
	if s.Stats, err = parseStats(a, svcStats, svcStats64); err != nil {
		return s, err
	}
	return s, nil
}

// prefixMask is the IPv4 netmask of a prefix length.
func prefixMask(bits int) uint32 {
	if bits <= 0 {
		return 0
	}
	return ^uint32(0) << (32 - min(bits, 32))
}

// maskBits counts the leading ones of an IPv4 netmask.
func maskBits(m uint32) int {
	n := 0
	for m&0x80000000 != 0 {
		n++
		m <<= 1
	}
	return n
}

// parseStats reads the 64-bit counters when present (kernel >= 4.1),
// else the 32-bit ones.
func parseStats(a map[uint16][]byte, attr32, attr64 uint16) (ipvs.Stats, error) {
	if v, ok := a[attr64]; ok {
		return decodeStats(v, true)
	}
	if v, ok := a[attr32]; ok {
		return decodeStats(v, false)
	}
	return ipvs.Stats{}, nil
}

func decodeStats(b []byte, wide bool) (ipvs.Stats, error) {
	a, err := genl.AttrMap(b)
	if err != nil {
		return ipvs.Stats{}, err
	}
	get := func(t uint16, always64 bool) uint64 {
		v := a[t]
		if (wide || always64) && len(v) >= 8 {
			return binary.NativeEndian.Uint64(v)
		}
		if len(v) >= 4 {
			return uint64(binary.NativeEndian.Uint32(v))
		}
		return 0
	}
	// In the 32-bit set the byte counters are already u64.
	return ipvs.Stats{
		Conns: get(statsConns, false), InPkts: get(statsInPkts, false), OutPkts: get(statsOutPkts, false),
		InBytes: get(statsInBytes, true), OutBytes: get(statsOutBytes, true),
		CPS: get(statsCPS, false), InPPS: get(statsInPPS, false), OutPPS: get(statsOutPPS, false),
		InBPS: get(statsInBPS, false), OutBPS: get(statsOutBPS, false),
	}, nil
}
