package config

import (
	"net/netip"
	"time"
)

// VRRP is everything the VRRP process of keepalived runs.
type VRRP struct {
	Instances      []*Instance
	SyncGroups     []*SyncGroup
	Scripts        []*VRRPScript
	TrackFiles     []*TrackFile
	TrackProcesses []*TrackProcess
	TrackedBFDs    []*TrackedBFD
	TrackGroups    []*TrackGroup
	GARPGroups     []*GARPGroup

	StaticAddresses []*IPAddress
	StaticRoutes    []*Route
	StaticRules     []*Rule

	// LinkbeatInterfaces polls these interfaces' link state
	// (linkbeat_interfaces), with MII, ETHTOOL or IOCTL ("" = default).
	LinkbeatInterfaces map[string]string
	// UpDownDelays are interface_up_down_delays: interface -> down, up.
	UpDownDelays map[string][2]time.Duration
}

// Instance is a vrrp_instance.
type Instance struct {
	Name      string
	State     string // MASTER or BACKUP, as configured ("" when derived)
	Interface string
	VRF       string
	VRID      int
	Priority  int
	// Version is 2 or 3 once completed (the instance's, the global or
	// the one its addresses require).
	Version   int
	Family    int // 4 or 6
	AdvertInt time.Duration

	Preempt            bool
	PreemptDelay       time.Duration
	Accept             Tri
	StrictMode         Tri
	DontTrackPrimary   bool
	PromoteSecondaries bool
	SkipCheckAdvAddr   bool
	LinkbeatUsePolling bool

	NativeIPv6         bool
	McastSrcIP         netip.Addr
	UnicastSrcIP       netip.Addr
	McastDstIP         netip.Addr
	TrackSrcIP         bool
	UnicastPeers       []UnicastPeer
	UnicastTTL         int // -1 unset
	UnicastFaultNoPeer bool
	CheckUnicastSrc    bool
	OldUnicastChecksum string

	UseVMAC      bool
	VMACName     string
	VMACAddr     string
	UseVMACAddr  bool
	VMACXmitBase bool
	UseIPVLAN    bool
	IPVLAN       IPVLAN

	AuthType string // PASS or AH
	AuthPass string

	VIPs   []*IPAddress
	EVIPs  []*IPAddress
	Routes []*Route
	Rules  []*Rule

	TrackInterfaces []TrackedInterface
	TrackScripts    []TrackedScript
	TrackFiles      []TrackedFile
	TrackProcesses  []TrackedProcess
	TrackBFDs       []TrackedBFDRef

	Notify                 *Script
	NotifyMaster           *Script
	NotifyBackup           *Script
	NotifyFault            *Script
	NotifyStop             *Script
	NotifyDeleted          *Script
	NotifyDeletedSet       bool
	NotifyMasterRxLowerPri *Script
	NotifyPriorityChanges  Tri
	SMTPAlert              Tri

	GARPMasterDelay      *time.Duration
	GARPMasterRepeat     int
	GARPMasterRefresh    *time.Duration
	GARPRefreshRepeat    int
	GARPLowerPrioDelay   *time.Duration
	GARPLowerPrioRepeat  *int
	GARPExtraIfDelay     *time.Duration
	GARPExtraIfAll       bool
	DownTimerAdverts     int
	LowerPrioNoAdvert    Tri
	HigherPrioSendAdvert Tri
	KernelRxBufSize      uint32
	LVSSyncInterface     string
	Debug                int

	// SyncGroup names the group the instance belongs to, once checked.
	SyncGroup string
	// Faults counts the configuration problems that keep the instance in
	// FAULT state (num_config_faults).
	Faults int
}

// UnicastPeer is one unicast_peer address.
type UnicastPeer struct {
	Addr           netip.Addr
	MinTTL, MaxTTL int
}

// IPVLAN is use_ipvlan's parameters.
type IPVLAN struct {
	Name string
	// Addr is the address given to the IPVLAN interface, with its
	// prefix length (not masked); zero when none.
	Addr netip.Prefix
	Mode string // bridge, private or vepa
}

// IPAddress is a VIP, an eVIP or a static address
// (keepalived.conf(5) "virtual_ipaddress").
type IPAddress struct {
	Addr netip.Prefix
	// Device is the interface named with "dev"; empty means the
	// instance's interface (a VIP) or, for a static address, none was
	// given (keepalived refuses those when running).
	Device string
	// Scope is as written ("" = global).
	Scope         string
	Broadcast     string // an address, "+" or "-"
	Label         string
	Peer          netip.Prefix
	Home          bool
	NoDAD         bool
	MngTmpAddr    bool
	NoPrefixRoute bool
	AutoJoin      bool
	NoTrack       bool
	PreferredLft  *uint32
	UseVMAC       bool
	TrackGroup    string
}

// Route is a virtual or static route, kept as the words after its
// destination once checked (its syntax is ip-route(8)'s).
type Route struct {
	Dst        netip.Prefix
	Family     int
	Table      string
	Device     string
	Words      []string
	NoTrack    bool
	TrackGroup string

	// What hakeep installs, read from the words: the route's type
	// (RTN_*, unicast unless given), its source, gateway, table (0:
	// main), protocol (RTPROT_KEEPALIVED unless given; a tracked route
	// always has it), scope (0: universe, keepalived's default), metric
	// and onlink flag.
	Type     uint8
	Src, Via netip.Addr
	TableID  uint32
	Protocol uint32
	Scope    uint32
	Metric   uint32
	OnLink   bool
	// NotRun lists the options given that hakeep does not install yet;
	// such a route is reported and left out.
	NotRun []string
}

// Rule is a virtual or static routing rule (ip-rule(8) syntax).
type Rule struct {
	Family     int
	Priority   *uint32
	Words      []string
	NoTrack    bool
	TrackGroup string

	// What hakeep installs, read from the words: selectors (from, to,
	// fwmark[/mask], iif/dev, oif, not), the action (FR_ACT_TO_TBL with
	// TableID, or blackhole/unreachable/prohibit) and the protocol.
	From, To       netip.Prefix
	Not            bool
	HasFwmark      bool
	Fwmark, FwMask uint32
	IIF, OIF       string
	Action         uint8
	TableID        uint32
	Protocol       uint32
	// NotRun lists the options given that hakeep does not install yet.
	NotRun []string
}

// SyncGroup is a vrrp_sync_group.
type SyncGroup struct {
	Name      string
	Instances []string

	TrackInterfaces []TrackedInterface
	TrackScripts    []TrackedScript
	TrackFiles      []TrackedFile
	TrackProcesses  []TrackedProcess
	TrackBFDs       []TrackedBFDRef

	Notify                *Script
	NotifyMaster          *Script
	NotifyBackup          *Script
	NotifyFault           *Script
	NotifyStop            *Script
	SMTPAlert             Tri
	TrackingWeight        bool
	NotifyPriorityChanges Tri
}

// VRRPScript is a vrrp_script.
type VRRPScript struct {
	Name     string
	Script   *Script
	Interval time.Duration
	Timeout  time.Duration
	Weight   int
	Reverse  bool
	Rise     int
	Fall     int
	InitFail bool
	User     string
	Group    string
}

// TrackProcess is a vrrp_track_process.
type TrackProcess struct {
	Name                             string
	Process                          string
	Params                           []string
	ParamMatch                       string // "", exact, initial, partial
	FullCommand                      bool
	Weight                           int
	Reverse                          bool
	Quorum                           int
	QuorumMax                        int
	Delay, TerminateDelay, ForkDelay time.Duration
}

// TrackedBFD is a bfd_instance as the VRRP process tracks it.
type TrackedBFD struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackGroup is a track_group: instances whose state static addresses,
// routes and rules follow.
type TrackGroup struct {
	Name      string
	Instances []string
}

// GARPGroup is a garp_group.
type GARPGroup struct {
	GARPInterval *time.Duration
	GNAInterval  *time.Duration
	Interfaces   []string
}

// TrackedInterface is an entry of track_interface.
type TrackedInterface struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackedScript is an entry of track_script.
type TrackedScript struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackedFile is an entry of track_file.
type TrackedFile struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackedProcess is an entry of track_process.
type TrackedProcess struct {
	Name    string
	Weight  int
	Reverse bool
}

// TrackedBFDRef is an entry of track_bfd.
type TrackedBFDRef struct {
	Name    string
	Weight  int
	Reverse bool
}
