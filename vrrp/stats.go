package vrrp

import (
	"net/netip"
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

func (s *Stats) count(r wire.Reason) {
	switch r {
	case wire.DropLength:
		s.PacketLenErr++
	case wire.DropTTL:
		s.IPTTLErr++
	case wire.DropAuthType:
		s.AuthInvalid++
	case wire.DropAuthMismatch:
		s.AuthMismatch++
	case wire.DropAuthFailure:
		s.AuthFailure++
	case wire.DropInterval:
		s.AdvertIntErr++
	case wire.DropVersion:
		s.VersionErr++
	case wire.DropType:
		s.InvalidType++
	case wire.DropVRID:
		s.VRIDErr++
	case wire.DropAddrList:
		s.AddrListErr++
	case wire.DropChecksum:
		s.ChecksumErr++
	case wire.DropNotPeer:
		s.NotPeerErr++
	}
}

// InstanceStatus is a snapshot of one instance for SIGUSR1/SIGUSR2/JSON
// dumps.
type InstanceStatus struct {
	Name              string
	Interface         string
	VRID              uint8
	Version           uint8
	State             fsm.State
	BasePriority      uint8
	EffectivePriority uint8
	AdvertInt         time.Duration
	MasterAdverInt    time.Duration
	DownTimer         time.Duration
	Master            netip.Addr
	MasterPriority    uint8
	LastTransition    time.Time
	VIPs              []VIP
	Stats             Stats
}
