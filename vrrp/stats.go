package vrrp

import (
	"net/netip"
	"sync/atomic"
	"time"

	"hakeep/vrrp/fsm"
	"hakeep/vrrp/wire"
)

// Stats are an instance's counters, named after the lines of keepalived's
// /tmp/keepalived.stats (vrrp_print.c) and, beyond those, the RFC 6527
// statistics keepalived keeps only for SNMP.
type Stats struct {
	AdvertRcvd     uint64 // Advertisements: Received
	AdvertSent     uint64 // Advertisements: Sent
	BecameMaster   uint64 // Became master
	ReleasedMaster uint64 // Released master
	PacketLenErr   uint64 // Packet Errors: Length
	IPTTLErr       uint64 // Packet Errors: TTL
	InvalidType    uint64 // Packet Errors: Invalid Type
	AdvertIntErr   uint64 // Packet Errors: Advertisement Interval
	AddrListErr    uint64 // Packet Errors: Address List
	AuthInvalid    uint64 // Authentication Errors: Invalid Type
	AuthMismatch   uint64 // Authentication Errors: Type Mismatch
	AuthFailure    uint64 // Authentication Errors: Failure
	PriZeroRcvd    uint64 // Priority Zero: Received
	PriZeroSent    uint64 // Priority Zero: Sent
	VersionErr     uint64 // SNMP vrrpStatsVersionErrors
	VRIDErr        uint64 // SNMP vrrpStatsVrIdErrors (other routers' VRIDs)
	ChecksumErr    uint64 // SNMP vrrpStatsChecksumErrors
	NotPeerErr     uint64 // vrrp_check_unicast_src drops
}

// counters are Stats kept with atomics: the reader counts drops while the
// loop counts sends and transitions.
type counters struct {
	advertRcvd, advertSent, becameMaster, releasedMaster             atomic.Uint64
	packetLenErr, ipTTLErr, invalidType, advertIntErr, addrListErr   atomic.Uint64
	authInvalid, authMismatch, authFailure, priZeroRcvd, priZeroSent atomic.Uint64
	versionErr, vridErr, checksumErr, notPeerErr                     atomic.Uint64
	baseBecame, baseReleased                                         atomic.Uint64 // machine counts at the last clear
}

func (c *counters) count(r wire.Reason) {
	switch r {
	case wire.DropLength:
		c.packetLenErr.Add(1)
	case wire.DropTTL:
		c.ipTTLErr.Add(1)
	case wire.DropAuthType:
		c.authInvalid.Add(1)
	case wire.DropAuthMismatch:
		c.authMismatch.Add(1)
	case wire.DropAuthFailure:
		c.authFailure.Add(1)
	case wire.DropInterval:
		c.advertIntErr.Add(1)
	case wire.DropVersion:
		c.versionErr.Add(1)
	case wire.DropType:
		c.invalidType.Add(1)
	case wire.DropVRID:
		c.vridErr.Add(1)
	case wire.DropAddrList:
		c.addrListErr.Add(1)
	case wire.DropChecksum:
		c.checksumErr.Add(1)
	case wire.DropNotPeer:
		c.notPeerErr.Add(1)
	}
}

func (c *counters) snapshot(ms fsm.Stats) Stats {
	return Stats{
		AdvertRcvd: c.advertRcvd.Load(), AdvertSent: c.advertSent.Load(),
		BecameMaster: ms.BecameMaster - c.baseBecame.Load(), ReleasedMaster: ms.ReleasedMaster - c.baseReleased.Load(),
		PacketLenErr: c.packetLenErr.Load(), IPTTLErr: c.ipTTLErr.Load(), InvalidType: c.invalidType.Load(),
		AdvertIntErr: c.advertIntErr.Load(), AddrListErr: c.addrListErr.Load(), AuthInvalid: c.authInvalid.Load(),
		AuthMismatch: c.authMismatch.Load(), AuthFailure: c.authFailure.Load(), PriZeroRcvd: c.priZeroRcvd.Load(),
		PriZeroSent: c.priZeroSent.Load(), VersionErr: c.versionErr.Load(), VRIDErr: c.vridErr.Load(),
		ChecksumErr: c.checksumErr.Load(), NotPeerErr: c.notPeerErr.Load(),
	}
}

// clear zeroes the counters (keepalived's STATS_CLEAR signal).
func (c *counters) clear(ms fsm.Stats) {
	for _, a := range []*atomic.Uint64{&c.advertRcvd, &c.advertSent, &c.packetLenErr, &c.ipTTLErr, &c.invalidType,
		&c.advertIntErr, &c.addrListErr, &c.authInvalid, &c.authMismatch, &c.authFailure, &c.priZeroRcvd,
		&c.priZeroSent, &c.versionErr, &c.vridErr, &c.checksumErr, &c.notPeerErr} {
		a.Store(0)
	}
	c.baseBecame.Store(ms.BecameMaster)
	c.baseReleased.Store(ms.ReleasedMaster)
}

// InstanceStatus is a snapshot of one instance for the SIGUSR1, SIGUSR2
// and JSON dumps.
type InstanceStatus struct {
	Config            InstanceConfig // resolved
	Interface         string         // where it runs (its VMAC if any)
	Version           uint8
	IPv6              bool
	State             fsm.State
	WantState         fsm.State
	BasePriority      uint8
	EffectivePriority uint8
	// TotalPriority is base plus tracking weights before clamping.
	TotalPriority  int
	MasterAdverInt time.Duration
	DownTimer      time.Duration
	Deadline       time.Time
	Master         netip.Addr
	MasterPriority uint8
	LastTransition time.Time
	Src            netip.Addr
	Group          netip.Addr // multicast group, invalid for unicast
	VIPsSet        bool
	Faults         int // tracked objects down (num_script_if_fault)
	ScriptsInit    int // weight 0 scripts without a result yet
	SyncGroup      string
	// FD is the instance's socket descriptor (the dump's fd_in/fd_out).
	FD    int
	Stats Stats
}

// GroupStatus is a snapshot of one sync group.
type GroupStatus struct {
	Config SyncGroupConfig
	State  fsm.State
}

// ScriptStatus is a snapshot of one vrrp_script.
type ScriptStatus struct {
	Config ScriptConfig
	// State is "idle" until a first result, then "good" or "bad".
	Init, Good bool
	Result     int
}

// Status is the whole engine's snapshot.
type Status struct {
	Instances []InstanceStatus
	Groups    []GroupStatus
	Scripts   []ScriptStatus
}
