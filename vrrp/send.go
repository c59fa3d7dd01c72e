package vrrp

import (
	"time"

	"hakeep/vrrp/wire"
)

// sendAdvert sends one advert to the group or to every unicast peer. The
// IPv4 ID and the AH sequence number advance once per advert, not per
// peer (vrrp.c vrrp_send_adv / vrrp_update_pkt).
func (in *instance) sendAdvert(prio uint8) {
	a := wire.Advert{Version: in.version, Type: wire.TypeAdvert, VRID: in.cfg.VRID, Priority: prio,
		AuthType: in.cfg.Auth.Type, Addrs: in.addrs, HasAuthData: in.version == 2 && !in.ipv6}
	a.SetInterval(in.advertInt())
	if a.AuthType == wire.AuthSimple {
		a.AuthData = in.cfg.Auth.key()
	}
	unicast := len(in.cfg.UnicastPeers) > 0
	var key *[wire.AuthLen]byte
	var seq uint32
	if !in.ipv6 {
		in.ipID++
		if in.ipID == 0 {
			in.ipID = 1 // the kernel would fill in a 0 ID
		}
		if a.AuthType == wire.AuthAH {
			k := in.cfg.Auth.key()
			key = &k
			// vrrp_update_pkt: the sequence number stops short of
			// wrapping (0xFFFFFFFD, the "cycle"); keepalived then stops
			// advancing it, and so do we.
			if in.ahSeq < 0xfffffffd {
				in.ahSeq++
			}
			seq = in.ahSeq
		}
	}
	ttl := uint8(wire.TTL)
	if unicast && in.cfg.UnicastTTL != 0 {
		ttl = in.cfg.UnicastTTL
	}
	for _, dst := range in.dsts {
		var b []byte
		var err error
		// unicast_chksum_compat: the VRRPv3 checksum of a unicast advert
		// is computed as if it went to the multicast group.
		sumDst := dst
		if unicast && in.cfg.OldUnicastChecksum && in.version == 3 {
			sumDst = in.cfg.McastGroup
		}
		if in.ipv6 {
			b, err = wire.AppendAdvert(in.tx[:0], &a, in.src, sumDst)
		} else {
			b, err = wire.AppendIPv4(in.tx[:0], &a, &wire.IPv4Options{Src: in.src, Dst: dst, TOS: wire.TOSNetControl,
				TTL: ttl, ID: in.ipID, Key: key, Seq: seq, Unicast: unicast, ChecksumDst: sumDst})
		}
		if err == nil {
			err = in.conn.Write(b, dst)
		}
		if err != nil {
			in.log.Warn("(" + in.cfg.Name + ") Cant send advert to " + dst.String() + " (" + err.Error() + ")")
		}
	}
	in.stats.advertSent.Add(1)
	if prio == 0 {
		in.stats.priZeroSent.Add(1)
	}
}

// advertInt is the configured interval.
func (in *instance) advertInt() time.Duration { return in.cfg.AdvertInt }
