package vrrp

import (
	"context"
	"errors"
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
			in.detailf("advert from %s dropped: %s", src, reason)
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
