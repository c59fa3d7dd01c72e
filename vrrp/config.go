// Package vrrp is the VRRP engine: it runs the instances and sync groups
// of a keepalived.conf (typed here, decoded by keepalived/config) over
// the codec in vrrp/wire, the state machine in vrrp/fsm and a kernel
// boundary (Net) whose Linux implementation is in vrrp/kernel.
package vrrp

import (
	"net/netip"
	"time"

	"hakeep/vrrp/wire"
)

// Config is the whole VRRP side of a keepalived.conf. The zero value is a
// valid, empty configuration; every zero field takes keepalived 2.2.7's
// default.
type Config struct {
	Global     GlobalConfig
	Instances  []InstanceConfig
	SyncGroups []SyncGroupConfig
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
	// NotifyFIFO is notify_fifo or vrrp_notify_fifo: a FIFO that receives
	// one line per transition.
	NotifyFIFO string
	// ScriptTimeout bounds notify scripts (keepalived's script_timeout
	// covers track scripts; notify scripts run detached). 0 means 30s.
	ScriptTimeout time.Duration
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
	// MasterRefreshRepeat is vrrp_garp_master_refresh_repeat. 0 means 1.
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
var keepalivedGARP = GARPConfig{MasterDelay: 5 * time.Second, MasterRepeat: 5, MasterRefreshRepeat: 1,
	LowerPrioDelay: 5 * time.Second, LowerPrioRepeat: 5}

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
	// McastSrc is mcast_src_ip; UnicastSrc / UnicastPeers are
	// unicast_src_ip / unicast_peer. With peers the instance is unicast.
	McastSrc, UnicastSrc netip.Addr
	UnicastPeers         []netip.Addr
	// DontTrackPrimary ignores the state of Interface itself.
	DontTrackPrimary bool
	TrackInterfaces  []TrackInterface
	TrackScripts     []TrackScript
	TrackFiles       []TrackFile
	Notify           Notify
	// GARP overrides the global schedule field by field.
	GARP GARPConfig
	// SkipCheckAdvAddr, HigherPrioSendAdvert and LowerPrioNoAdvert add to
	// the global settings of the same names.
	SkipCheckAdvAddr, HigherPrioSendAdvert, LowerPrioNoAdvert bool
	// PromoteSecondaries sets promote_secondaries on the interface.
	PromoteSecondaries bool
	// DownTimerAdverts is down_timer_adverts; 0 means 3.
	DownTimerAdverts int
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

// VIP is one virtual_ipaddress line:
// <IP>[/<MASK>] [brd <IP>] [dev <STRING>] [scope <SCOPE>] [label <LABEL>].
type VIP struct {
	Prefix    netip.Prefix
	Broadcast netip.Addr
	// Dev defaults to the instance's interface.
	Dev string
	// Scope is the rtnetlink scope number: 0 global (default), 253 link,
	// 254 host.
	Scope uint8
	Label string
}

// TrackInterface is a track_interface entry. Weight 0 puts the instance
// in FAULT when the interface is down; otherwise the weight is added to
// the priority while the interface is down (keepalived: negative
// weights lower it), reversed by Reverse.
type TrackInterface struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackScript is a track_script entry naming a vrrp_script.
type TrackScript struct {
	Script ScriptConfig
	// Weight overrides the script's weight when WeightSet.
	Weight    int
	WeightSet bool
	Reverse   bool
}

// ScriptConfig is a vrrp_script block.
type ScriptConfig struct {
	Name string
	// Command is the script line, split into arguments.
	Command []string
	// Interval between runs; 0 means 1s. Timeout 0 means the interval.
	Interval, Timeout time.Duration
	// Weight: 0 means FAULT on failure; positive is added while the
	// script succeeds; negative is added while it fails (-253..253).
	Weight int
	// Reverse inverts the weight's sense.
	Reverse bool
	// Rise / Fall: consecutive results to change state; 0 means 1.
	Rise, Fall int
	// InitFail starts the script in the failed state.
	InitFail bool
}

// TrackFile is a track_file entry: the file holds an integer multiplied
// by the weight; with weight 0, a non-zero value means FAULT.
type TrackFile struct {
	Name    string
	Path    string
	Weight  int
	Reverse bool
}

// Notify is an instance's notify scripts; each command is split into
// arguments already.
type Notify struct {
	Master, Backup, Fault, Stop []string
	// Generic is "notify": run after the specific script with the four
	// arguments keepalived appends (INSTANCE, name, state, priority).
	Generic []string
}

// SyncGroupConfig is a vrrp_sync_group.
type SyncGroupConfig struct {
	Name      string
	Instances []string
	Notify    Notify
}
