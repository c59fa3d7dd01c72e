package vrrp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"

	"hakeep/vrrp/wire"
)

// rxCheck is what an instance's reader checks received packets against.
// The loop replaces it whole when a reload changes the instance; the
// reader keeps its own copy of the AH sequence number.
type rxCheck struct {
	expect   wire.Expect
	peers    []Peer
	skipAddr bool
	// known is set on one instance per interface and family when
	// log_unknown_vrids is on: the VRIDs of the instances there; an
	// advert for another is logged.
	known *[256]bool
}

func (in *instance) newRxCheck(prev *rxCheck) *rxCheck {
	c := in.cfg
	unicast := len(c.UnicastPeers) > 0
	rc := &rxCheck{peers: c.UnicastPeers, skipAddr: c.SkipCheckAdvAddr}
	rc.expect = wire.Expect{Version: in.version, VRID: c.VRID, IPv6: in.ipv6, AuthType: c.Auth.Type,
		AuthData: c.Auth.key(), Addrs: in.addrs, Unicast: unicast, CheckAddrs: true}
	rc.expect.Interval = uint16(c.AdvertInt / time.Second)
	if c.CheckUnicastSrc && unicast {
		for _, p := range c.UnicastPeers {
			rc.expect.Peers = append(rc.expect.Peers, p.Addr)
		}
	}
	if unicast && in.version == 3 {
		rc.expect.ChecksumGroup = c.McastGroup
	}
	if prev != nil {
		rc.expect.LastSeq = prev.expect.LastSeq
	}
	return rc
}

// rxAdvert is an advert that passed the receive checks, handed from an
// instance's reader to the engine loop.
type rxAdvert struct {
	in       *instance
	src      netip.Addr
	priority uint8
	interval time.Duration
}

// read is an instance's reader goroutine. It runs keepalived's receive
// checks itself and counts what they drop, so a flood of bad packets
// never reaches the loop and the kernel buffer keeps draining; only
// accepted adverts go on. It ends when the socket closes.
func (in *instance) read(out chan<- rxAdvert) {
	defer close(in.readerQ)
	buf := make([]byte, 65536)
	var p wire.Packet
	var cur *rxCheck
	var check rxCheck
	for {
		r, err := in.conn.Read(buf)
		if errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrClosed) {
			return
		}
		if err != nil {
			// A transient error (ENOBUFS, a vanished interface): keep
			// reading, without spinning.
			in.log.Debug("recvmsg: " + err.Error())
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if rc := in.rx.Load(); rc != cur {
			seq := check.expect.LastSeq
			cur, check = rc, *rc
			if seq > check.expect.LastSeq {
				check.expect.LastSeq = seq
			}
		}
		a, ok := in.check(&check, buf[:r.N], r, &p)
		if !ok {
			continue
		}
		out <- a
	}
}

// check runs the receive checks on one packet (vrrp.c vrrp_in_chk).
func (in *instance) check(rc *rxCheck, b []byte, r Received, p *wire.Packet) (rxAdvert, bool) {
	src := r.Src
	if !in.ipv6 && len(b) >= 20 {
		src = netip.AddrFrom4([4]byte(b[12:16]))
	}
	if src == in.src {
		return rxAdvert{}, false // our own, looped back
	}
	// vrrp_skip_check_adv_addr: the current master's address list is
	// trusted once checked.
	rc.expect.CheckAddrs = true
	if rc.skipAddr {
		if m := in.master.Load(); m != nil && *m == src {
			rc.expect.CheckAddrs = false
		}
	}
	var reason wire.Reason
	if in.ipv6 {
		reason = rc.expect.ReceiveIPv6(b, r.Src, r.Dst, r.HopLimit, p)
	} else {
		reason = rc.expect.ReceiveIPv4(b, p)
	}
	if reason == wire.Accept && len(rc.peers) > 0 {
		for _, peer := range rc.peers {
			if peer.Addr == p.Src && (peer.MinTTL > 0 || peer.MaxTTL > 0) {
				max := peer.MaxTTL
				if max == 0 {
					max = 255
				}
				if int(p.HopLimit) < peer.MinTTL || int(p.HopLimit) > max {
					in.detailf("TTL/HL %d not in range %d - %d", p.HopLimit, peer.MinTTL, max)
					reason = wire.DropTTL
				}
			}
		}
	}
	if reason != wire.Accept {
		in.stats.count(reason)
		if reason != wire.DropVRID {
			in.logDrop(rc, reason, b, p)
		} else if rc.known != nil {
			in.logUnknownVRID(rc, b)
		}
		return rxAdvert{}, false
	}
	in.stats.advertRcvd.Add(1)
	if p.Advert.Priority == 0 {
		in.stats.priZeroRcvd.Add(1)
	}
	return rxAdvert{in: in, src: p.Src, priority: p.Advert.Priority, interval: p.Advert.AdvertInterval()}, true
}

// waitReader waits for the reader to end after close, bounded by ctx.
func (in *instance) waitReader(ctx context.Context) {
	select {
	case <-in.readerQ:
	case <-ctx.Done():
	}
}

// logUnknownVRID logs an advert for a VRID no instance on the interface
// has, as keepalived does with log_unknown_vrids (vrrp_scheduler.c
// vrrp_dispatcher_read), at most once a second like the other drops.
func (in *instance) logUnknownVRID(rc *rxCheck, b []byte) {
	at := 1 // the VRID's offset
	if !in.ipv6 {
		if len(b) < 20 {
			return
		}
		at += int(b[0]&0x0f) * 4
		if rc.expect.AuthType == wire.AuthAH {
			at += wire.AHLen
		}
	}
	if at >= len(b) || rc.known[b[at]] {
		return
	}
	d := &in.drops[wire.DropVRID]
	now := time.Now()
	if now.Sub(d.at) < time.Second {
		d.suppressed++
		return
	}
	d.at = now
	msg := fmt.Sprintf("Unknown VRID(%d) received on interface(%s). ignoring...", b[at], in.ifname)
	if d.suppressed > 0 {
		msg += fmt.Sprintf(" (%d more such packets in the last second not logged)", d.suppressed)
		d.suppressed = 0
	}
	in.log.Info(msg)
}

// markKnownVRIDs gives the first instance on each interface and family
// the VRIDs there, when log_unknown_vrids is on (after a build or a
// reload, which replace the receive checks).
func (cur *run) markKnownVRIDs(on bool) {
	type key struct {
		ifname string
		ipv6   bool
	}
	first := map[key]*instance{}
	known := map[key]*[256]bool{}
	for _, in := range cur.instances {
		k := key{in.ifname, in.ipv6}
		if first[k] == nil {
			first[k], known[k] = in, &[256]bool{}
		}
		known[k][in.cfg.VRID] = true
	}
	for _, in := range cur.instances {
		rc := *in.rx.Load()
		rc.known = nil
		if k := (key{in.ifname, in.ipv6}); on && first[k] == in {
			rc.known = known[k]
		}
		in.rx.Store(&rc)
	}
}

// dropLog limits the messages about dropped packets to one per reason
// per second: keepalived logs every one, which a flood turns into a
// flood of log lines; hakeep says how many it left out.
type dropLog struct {
	at         time.Time
	suppressed int
}

// logDrop logs why a packet was dropped, in keepalived's words
// (vrrp.c vrrp_in_chk).
func (in *instance) logDrop(rc *rxCheck, r wire.Reason, b []byte, p *wire.Packet) {
	if int(r) >= len(in.drops) {
		return
	}
	d := &in.drops[r]
	now := time.Now()
	if now.Sub(d.at) < time.Second {
		d.suppressed++
		return
	}
	d.at = now
	msg := dropText(rc, r, b, p, in.ipv6)
	if d.suppressed > 0 {
		msg += fmt.Sprintf(" (%d more such packets in the last second not logged)", d.suppressed)
		d.suppressed = 0
	}
	in.logf("%s", msg)
}

func dropText(rc *rxCheck, r wire.Reason, b []byte, p *wire.Packet, ipv6 bool) string {
	e := &rc.expect
	hdr := 0 // the VRRP header's offset
	if !ipv6 && len(b) >= 20 {
		hdr = int(b[0]&0x0f) * 4
		if e.AuthType == wire.AuthAH {
			hdr += wire.AHLen
		}
	}
	at := func(i int) int {
		if hdr+i < len(b) {
			return int(b[hdr+i])
		}
		return 0
	}
	switch r {
	case wire.DropLength:
		want := hdr + wire.HeaderLen + len(e.Addrs)*4
		if ipv6 {
			want = wire.HeaderLen + len(e.Addrs)*16
		} else if e.Version == 2 {
			want += wire.AuthLen
		}
		if len(b) >= 20 && len(b) == want && !ipv6 {
			return fmt.Sprintf("ip_tot_len mismatch against received length. %d and received %d", int(b[2])<<8|int(b[3]), len(b))
		}
		return fmt.Sprintf("vrrp packet too %s, length %d and expect %d", map[bool]string{true: "short", false: "long"}[len(b) < want], len(b), want)
	case wire.DropTTL:
		return fmt.Sprintf("invalid TTL/HL. Received %d and expect %d", p.HopLimit, wire.TTL)
	case wire.DropVersion:
		return fmt.Sprintf("wrong version. Received %d and expect %d", at(0)>>4, e.Version)
	case wire.DropAuthType:
		return fmt.Sprintf("Invalid auth type: %d", at(4))
	case wire.DropAuthMismatch:
		return fmt.Sprintf("received a %d auth, expecting %d!", at(4), e.AuthType)
	case wire.DropAuthFailure:
		if e.AuthType == wire.AuthAH {
			return "IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !"
		}
		return "received an invalid passwd!"
	case wire.DropInterval:
		return fmt.Sprintf("advertisement interval mismatch mine=%d sec rcv'd=%d sec", e.Interval, at(5))
	case wire.DropType:
		return fmt.Sprintf("Invalid packet type. %d and expect %d", at(0)&0x0f, wire.TypeAdvert)
	case wire.DropAddrList:
		if at(3) != len(e.Addrs) {
			return fmt.Sprintf("received an unexpected ip number count %d, expected %d!", at(3), len(e.Addrs))
		}
		for _, want := range e.Addrs {
			found := false
			for _, got := range p.Advert.Addrs {
				found = found || got == want
			}
			if !found {
				return fmt.Sprintf("ip address associated with VRID %d not present in MASTER advert: %s", e.VRID, want)
			}
		}
		return "address list mismatch"
	case wire.DropChecksum:
		return fmt.Sprintf("Invalid VRRPv%d checksum", e.Version)
	case wire.DropNotPeer:
		return fmt.Sprintf("unicast source address %s not a unicast peer", p.Src)
	}
	return r.String()
}
