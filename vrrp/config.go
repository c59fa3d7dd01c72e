// Package vrrp is the VRRP engine: it runs the instances and sync groups
// of a keepalived.conf (typed here, mapped from keepalived/config by
// keepalived/vrrpmap) over the codec in vrrp/wire, the state machine in
// vrrp/fsm and a kernel boundary (Net) whose Linux implementation is in
// vrrp/kernel.
//
// Its log messages are keepalived 2.2.7's own texts ("(VI_1) Entering
// MASTER STATE"); Debug records are what keepalived logs only with -D
// (LOG_DETAIL).
package vrrp

import (
	"net"
	"net/netip"
	"time"

	"hakeep/vrrp/kernel"
	"hakeep/vrrp/wire"
)

// Config is the whole VRRP side of a keepalived.conf. The zero value is a
// valid, empty configuration; every zero field takes keepalived 2.2.7's
// default.
type Config struct {
	Global     GlobalConfig
	Instances  []InstanceConfig
	SyncGroups []SyncGroupConfig
	Static     StaticConfig
}

// GlobalConfig holds the global_defs keywords that drive VRRP. Durations
// are exact; where keepalived's default is not zero, 0 means that default
// and a negative value means "none" (0 in keepalived.conf).
type GlobalConfig struct {
	// Version is vrrp_version: 2 (default) or 3, for instances that do not
	// set their own.
	Version uint8
	// McastGroup4 / McastGroup6 are vrrp_mcast_group4/6; defaults
	// 224.0.0.18 and ff02::12 (RFC 5798 §5.1.1.2, §5.1.2.2).
	McastGroup4, McastGroup6 netip.Addr
	// StartupDelay is vrrp_startup_delay: no instance becomes master
	// before it has passed.
	StartupDelay time.Duration
	// GARP is the announcement schedule instances inherit.
	GARP GARPConfig
	// SkipCheckAdvAddr is vrrp_skip_check_adv_addr: do not check the
	// address list of adverts from the current master.
	SkipCheckAdvAddr bool
	// CheckUnicastSrc is vrrp_check_unicast_src: unicast adverts must come
	// from a configured unicast_peer.
	CheckUnicastSrc bool
	// HigherPrioSendAdvert / LowerPrioNoAdvert are
	// vrrp_higher_prio_send_advert / vrrp_lower_prio_no_advert.
	HigherPrioSendAdvert, LowerPrioNoAdvert bool
	// FIFOWriteStatesOnReload is fifo_write_vrrp_states_on_reload: after a
	// reload every instance's and group's state is reported again.
	FIFOWriteStatesOnReload bool
	// RxBufSize is the receive buffer of the VRRP sockets (bytes); 0
	// leaves the kernel default.
	RxBufSize int
	// LogUnknownVRIDs is log_unknown_vrids: adverts for a VRID no
	// instance on the interface has are logged.
	LogUnknownVRIDs bool
}

// GARPConfig is keepalived's gratuitous ARP / unsolicited NA schedule.
type GARPConfig struct {
	// MasterDelay is vrrp_garp_master_delay / garp_master_delay: the
	// second burst after becoming master. 0 means 5s, negative none.
	MasterDelay time.Duration
	// MasterRepeat is vrrp_garp_master_repeat: announcements per address
	// per burst. 0 means 5.
	MasterRepeat int
	// MasterRefresh is vrrp_garp_master_refresh: periodic bursts while
	// master. 0 or negative means none.
	MasterRefresh time.Duration
	// MasterRefreshRepeat is vrrp_garp_master_refresh_repeat. 0 means 1,
	// negative none (vrrp_min_garp).
	MasterRefreshRepeat int
	// LowerPrioDelay / LowerPrioRepeat are vrrp_garp_lower_prio_delay /
	// _repeat: bursts after a lower priority advert reaches the master.
	// 0 means keepalived's default (5s / 5); negative means none.
	LowerPrioDelay  time.Duration
	LowerPrioRepeat int
	// Interval / NAInterval are vrrp_garp_interval / vrrp_gna_interval:
	// the gap between two announcements on an interface. 0 sends a burst
	// at once.
	Interval, NAInterval time.Duration
}

// merge fills g's unset fields from def.
func (g GARPConfig) merge(def GARPConfig) GARPConfig {
	if g.MasterDelay == 0 {
		g.MasterDelay = def.MasterDelay
	}
	if g.MasterRepeat == 0 {
		g.MasterRepeat = def.MasterRepeat
	}
	if g.MasterRefresh == 0 {
		g.MasterRefresh = def.MasterRefresh
	}
	if g.MasterRefreshRepeat == 0 {
		g.MasterRefreshRepeat = def.MasterRefreshRepeat
	}
	if g.LowerPrioDelay == 0 {
		g.LowerPrioDelay = def.LowerPrioDelay
	}
	if g.LowerPrioRepeat == 0 {
		g.LowerPrioRepeat = def.LowerPrioRepeat
	}
	if g.Interval == 0 {
		g.Interval = def.Interval
	}
	if g.NAInterval == 0 {
		g.NAInterval = def.NAInterval
	}
	return g
}

// keepalivedGARP is keepalived 2.2.7's default schedule (global_data.c,
// and the "Gratuitous ARP ..." lines of its data dump).
func keepalivedGARP() GARPConfig {
	return GARPConfig{MasterDelay: 5 * time.Second, MasterRepeat: 5, MasterRefreshRepeat: 1,
		LowerPrioDelay: 5 * time.Second, LowerPrioRepeat: 5}
}

// InstanceConfig is one vrrp_instance.
type InstanceConfig struct {
	Name      string
	Interface string
	VRID      uint8
	// Version is 2 or 3; 0 takes GlobalConfig.Version (3 for IPv6).
	Version uint8
	// Priority 1..255; 0 means 100, or 255 with InitialMaster.
	Priority uint8
	// AdvertInt is advert_int; 0 means 1s. VRRPv3 allows centiseconds.
	AdvertInt time.Duration
	// InitialMaster is "state MASTER".
	InitialMaster bool
	Nopreempt     bool
	PreemptDelay  time.Duration
	Auth          Auth
	// VIPs are virtual_ipaddress, advertised; ExcludedVIPs are
	// virtual_ipaddress_excluded, added and removed but not advertised.
	// The family of the first VIP is the instance's family.
	VIPs, ExcludedVIPs []VIP
	// Routes and Rules are virtual_routes and virtual_rules, installed
	// while master (after the addresses) and removed on leaving it.
	Routes []kernel.Route
	Rules  []kernel.Rule
	// McastSrc is mcast_src_ip; UnicastSrc / UnicastPeers are
	// unicast_src_ip / unicast_peer. With peers the instance is unicast.
	McastSrc, UnicastSrc netip.Addr
	UnicastPeers         []Peer
	// McastGroup is mcast_dst_ip: this instance's group instead of the
	// global one.
	McastGroup netip.Addr
	// UnicastTTL is unicast_ttl, the TTL of unicast adverts; 0 means 255.
	UnicastTTL uint8
	// CheckUnicastSrc is check_unicast_src (added to the global setting).
	CheckUnicastSrc bool
	// OldUnicastChecksum is unicast_chksum_compat: VRRPv3 unicast
	// checksums computed over the multicast group address, as keepalived
	// before 1.3.6 did.
	OldUnicastChecksum bool
	// DontTrackPrimary ignores the state of Interface itself.
	DontTrackPrimary bool
	TrackInterfaces  []TrackInterface
	TrackScripts     []TrackScript
	TrackFiles       []TrackFile
	TrackProcesses   []TrackProcess
	Notify           Notify
	// SMTPAlert asks for an email on each transition (smtp_alert).
	SMTPAlert bool
	// NotifyPriorityChanges reports effective priority changes
	// (notify_priority_changes).
	NotifyPriorityChanges bool
	// GARP overrides the global schedule field by field.
	GARP GARPConfig
	// SkipCheckAdvAddr, HigherPrioSendAdvert and LowerPrioNoAdvert add to
	// the global settings of the same names.
	SkipCheckAdvAddr, HigherPrioSendAdvert, LowerPrioNoAdvert bool
	// PromoteSecondaries sets promote_secondaries on the interface.
	PromoteSecondaries bool
	// DownTimerAdverts is down_timer_adverts; 0 means 3.
	DownTimerAdverts int
	// Strict is vrrp_strict / strict_mode; Accept is accept (or the
	// default: on unless strict). Without accept mode keepalived installs
	// firewall rules dropping traffic to the addresses of a non-owner
	// master; hakeep installs none and logs the rules instead.
	Strict, Accept bool
	// VMAC is use_vmac; nil runs on Interface itself.
	VMAC *VMACConfig
	// ConfigFaults are the configuration problems keepalived counts
	// (num_config_faults): the instance stays in FAULT.
	ConfigFaults int
}

// Peer is a unicast_peer with its optional TTL range (min_ttl/max_ttl,
// checked on received adverts).
type Peer struct {
	Addr           netip.Addr
	MinTTL, MaxTTL int
}

// VMACConfig is use_vmac: the instance runs on a macvlan interface with
// the virtual router MAC address (RFC 5798 §7.3).
type VMACConfig struct {
	// Name is the interface's name; "" means vrrp.VRID (keepalived's
	// default, vrrp6.VRID for IPv6 when vrrp.VRID is taken).
	Name string
	// MAC overrides the virtual router MAC (vmac_addr); nil means
	// 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6).
	MAC net.HardwareAddr
	// XmitBase is vmac_xmit_base: adverts go out on the base interface.
	XmitBase bool
}

// Auth is the VRRPv2 authentication block.
type Auth struct {
	Type wire.AuthType
	// Password is auth_pass; keepalived keeps the first 8 bytes.
	Password string
}

func (a Auth) key() (k [wire.AuthLen]byte) {
	copy(k[:], a.Password)
	return k
}

// VIP is one virtual_ipaddress line: <IP>[/<MASK>] [brd <IP>] [dev
// <STRING>] [scope <SCOPE>] [label <LABEL>] [peer <IP>] [home]
// [-nodad] [noprefixroute] [autojoin] [preferred_lft <N>].
type VIP struct {
	Prefix    netip.Prefix
	Broadcast netip.Addr
	// Peer is the point-to-point peer address ("peer").
	Peer netip.Prefix
	// Dev defaults to the instance's interface.
	Dev string
	// Scope is the rtnetlink scope number: 0 global (default), 253 link,
	// 254 host.
	Scope uint8
	Label string
	// Flags are the IFA_F_* flags to set (home, nodad, mngtmpaddr,
	// noprefixroute, autojoin).
	Flags uint32
	// PreferredLft is the IPv6 preferred lifetime; nil is forever.
	PreferredLft *uint32
}

// TrackInterface is a track_interface entry. Weight 0 puts the instance
// in FAULT when the interface is down (up, with Reverse); otherwise the
// weight moves the priority as keepalived.conf(5) says.
type TrackInterface struct {
	Name    string
	Weight  int
	Reverse bool
}

// Script is a program keepalived runs, split into words, and the user and
// group it runs as (script_user, or the script's own "user" option).
type Script struct {
	Args     []string
	UID, GID uint32
}

// TrackScript is a track_script entry naming a vrrp_script, with the
// weight and direction that apply to this instance.
type TrackScript struct {
	Script  ScriptConfig
	Weight  int
	Reverse bool
}

// ScriptConfig is a vrrp_script block.
type ScriptConfig struct {
	Name   string
	Script Script
	// Interval between runs; 0 means 1s. Timeout 0 means the interval.
	Interval, Timeout time.Duration
	// Rise / Fall: consecutive results to change state; 0 means 1.
	Rise, Fall int
	// InitFail starts the script in the failed state.
	InitFail bool
}

// TrackFile is a track_file entry: the file holds an integer multiplied
// by the weight; with weight 0, a non-zero value means FAULT (zero, with
// Reverse).
type TrackFile struct {
	Name    string
	Path    string
	Weight  int
	Reverse bool
}

// TrackProcess is a track_process entry naming a vrrp_track_process.
type TrackProcess struct {
	Process ProcessConfig
	Weight  int
	Reverse bool
}

// ProcessConfig is a vrrp_track_process block.
type ProcessConfig struct {
	Name string
	// Process is the name (or with FullCommand, the path) to match;
	// Params the arguments, matched as ParamMatch says ("" or "exact":
	// all of them, "initial": a prefix, "partial": a sub-sequence).
	Process     string
	Params      []string
	ParamMatch  string
	FullCommand bool
	// Quorum..QuorumMax processes must run; 0 means 1..unlimited.
	Quorum, QuorumMax int
	// Delay applies to both directions unless TerminateDelay (losing
	// quorum) or ForkDelay (gaining it) is set.
	Delay, TerminateDelay, ForkDelay time.Duration
}

// Notify is an instance's or a group's notify scripts.
type Notify struct {
	Master, Backup, Fault, Stop *Script
	// Deleted is notify_deleted's script, run when a reload removes the
	// instance; DeletedSet (notify_deleted, with or without a script)
	// makes such a removal report DELETED rather than FAULT.
	Deleted    *Script
	DeletedSet bool
	// MasterRxLowerPri is notify_master_rx_lower_pri.
	MasterRxLowerPri *Script
	// Generic is "notify": run after the specific script with the four
	// arguments keepalived appends (INSTANCE|GROUP, name, state,
	// priority).
	Generic *Script
}

// SyncGroupConfig is a vrrp_sync_group.
type SyncGroupConfig struct {
	Name      string
	Instances []string
	Notify    Notify
	SMTPAlert bool
	// The group's own tracking applies to every member (vrrp_sync.c);
	// without TrackingWeight (sync_group_tracking_weight) weights are
	// ignored and a failure faults the group.
	TrackInterfaces []TrackInterface
	TrackScripts    []TrackScript
	TrackFiles      []TrackFile
	TrackProcesses  []TrackProcess
	TrackingWeight  bool
}
