package ipvsnl

import (
	"fmt"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
)

// putDest writes a destination in ipvs_nl_fill_dest_attr()'s order:
// ADDR_FAMILY, ADDR, PORT, FWD_METHOD, WEIGHT, TUN_TYPE, TUN_PORT,
// TUN_FLAGS, U_THRESH, L_THRESH.
func putDest(e *genl.Encoder, d ipvs.Destination) {
	e.Nested(attrDest, func(e *genl.Encoder) {
		e.Uint16(destAddrFamily, uint16(d.Family()))
		e.Put(destAddr, genl.InetAddr(d.Addr))
		e.Be16(destPort, d.Port)
		e.Uint32(destFwdMethod, uint32(d.Method))
		e.Uint32(destWeight, uint32(int32(d.Weight)))
		e.Uint8(destTunType, uint8(d.TunnelType))
		e.Be16(destTunPort, d.TunnelPort)
		e.Uint16(destTunFlags, uint16(d.TunnelFlags))
		e.Uint32(destUThresh, d.UpperThreshold)
		e.Uint32(destLThresh, d.LowerThreshold)
	})
}

func destMessage(k ipvs.ServiceKey, d ipvs.Destination) []byte {
	var e genl.Encoder
	putService(&e, ipvs.Service{ServiceKey: k})
	putDest(&e, d)
	return e.Bytes()
}

// NewDestination adds a real server to service k (ipvsadm -a): ESRCH if
// the service does not exist, EEXIST if the destination does.
func (c *Client) NewDestination(k ipvs.ServiceKey, d ipvs.Destination) error {
	if _, err := c.do(cmdNewDest, 0, destMessage(k, d)); err != nil {
		return fmt.Errorf("adding destination %s to %s: %w", d.Key(), k, err)
	}
	return nil
}

// UpdateDestination changes a real server's options (ipvsadm -e); ENOENT
// if it does not exist.
func (c *Client) UpdateDestination(k ipvs.ServiceKey, d ipvs.Destination) error {
	if _, err := c.do(cmdSetDest, 0, destMessage(k, d)); err != nil {
		return fmt.Errorf("editing destination %s of %s: %w", d.Key(), k, err)
	}
	return nil
}

// DeleteDestination removes a real server (ipvsadm -d); ENOENT if it does
// not exist. Only d's address and port matter to the kernel, but the
// whole destination is sent, as libipvs does.
func (c *Client) DeleteDestination(k ipvs.ServiceKey, d ipvs.Destination) error {
	if _, err := c.do(cmdDelDest, 0, destMessage(k, d)); err != nil {
		return fmt.Errorf("deleting destination %s of %s: %w", d.Key(), k, err)
	}
	return nil
}

// Destinations lists the real servers of service k with their counters.
// The request names the service by its key alone, as ipvsadm's does.
func (c *Client) Destinations(k ipvs.ServiceKey) ([]ipvs.DestinationEntry, error) {
	var e genl.Encoder
	e.Nested(attrService, func(e *genl.Encoder) { putServiceKey(e, k) })
	replies, err := c.do(cmdGetDest, genl.FlagDump, e.Bytes())
	if err != nil {
		return nil, fmt.Errorf("listing destinations of %s: %w", k, err)
	}
	out := make([]ipvs.DestinationEntry, 0, len(replies))
	for _, r := range replies {
		top, err := genl.AttrMap(r.Attrs)
		if err != nil {
			return nil, err
		}
		v, ok := top[attrDest]
		if !ok {
			return nil, fmt.Errorf("ipvs: destination reply without a destination")
		}
		d, err := parseDest(v, k.Normal().Family)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// parseDest decodes ip_vs_genl_fill_dest()'s attributes; kernels before
// 3.18 send no ADDR_FAMILY, and then the service's family applies.
func parseDest(b []byte, svcFamily ipvs.Family) (ipvs.DestinationEntry, error) {
	a, err := genl.AttrMap(b)
	if err != nil {
		return ipvs.DestinationEntry{}, err
	}
	var d ipvs.DestinationEntry
	af := uint16(svcFamily)
	if v, ok := a[destAddrFamily]; ok {
		if af, err = genl.Uint16(v); err != nil {
			return d, err
		}
	}
	if d.Addr, err = genl.Addr(af, a[destAddr]); err != nil {
		return d, fmt.Errorf("ipvs destination: %w", err)
	}
	if d.Port, err = genl.Be16(a[destPort]); err != nil {
		return d, fmt.Errorf("ipvs destination: port: %w", err)
	}
	fwd, err := genl.Uint32(a[destFwdMethod])
	if err != nil {
		return d, fmt.Errorf("ipvs destination: forwarding method: %w", err)
	}
	d.Method = ipvs.FwdMethod(fwd & 0x7) // IP_VS_CONN_F_FWD_MASK
	w, err := genl.Uint32(a[destWeight])
	if err != nil {
		return d, fmt.Errorf("ipvs destination: weight: %w", err)
	}
	d.Weight = int(int32(w))
	for _, f := range []struct {
		attr uint16
		dst  *uint32
	}{
		{destUThresh, &d.UpperThreshold}, {destLThresh, &d.LowerThreshold},
		{destActiveConns, &d.ActiveConns}, {destInactConns, &d.InactConns},
		{destPersistConns, &d.PersistConns},
	} {
		if v, ok := a[f.attr]; ok {
			if *f.dst, err = genl.Uint32(v); err != nil {
				return d, err
			}
		}
	}
	if v, ok := a[destTunType]; ok {
		t, err := genl.Uint8(v)
		if err != nil {
			return d, err
		}
		d.TunnelType = ipvs.TunnelType(t)
	}
	if v, ok := a[destTunPort]; ok {
		if d.TunnelPort, err = genl.Be16(v); err != nil {
			return d, err
		}
	}
	if v, ok := a[destTunFlags]; ok {
		f, err := genl.Uint16(v)
		if err != nil {
			return d, err
		}
		d.TunnelFlags = ipvs.TunnelFlags(f)
	}
	if d.Stats, err = parseStats(a, destStats, destStats64); err != nil {
		return d, err
	}
	return d, nil
}
