package config

import (
	"net/netip"
	"time"
)

// Config is a keepalived.conf once read and checked: what the engines run.
// Every field keeps keepalived's meaning; zero means "not configured" and
// the engines apply keepalived's defaults (the Default* constants).
type Config struct {
	Global Global
	VRRP   VRRP
	LVS    LVS
	BFD    BFD
}

// Tri is a setting that may be left to a default from elsewhere
// (keepalived's -1).
type Tri int8

const (
	Unset Tri = iota
	False
	True
)

// Bool is the setting's value, def when unset.
func (t Tri) Bool(def bool) bool {
	if t == Unset {
		return def
	}
	return t == True
}

func tri(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Script is a program keepalived runs: its words (the first is the
// program, resolved like keepalived does when it is found), and the user
// and group it runs as.
type Script struct {
	Args []string
	// User and Group are as written; UID and GID as resolved.
	User, Group string
	UID, GID    uint32
	// Disabled is set when keepalived's security checks would not run
	// it (missing, not executable, insecure).
	Disabled bool
	// Line is where it was configured.
	Line string
}

// NotifyFIFO is a FIFO receiving state changes, with an optional script
// keepalived starts to read it.
type NotifyFIFO struct {
	Name     string
	UID, GID uint32
	Script   *Script
}

// Global holds global_defs and the root keywords about the whole
// process (keepalived.conf(5) "GLOBAL CONFIGURATION").
type Global struct {
	RouterID              string
	NotificationEmail     []string
	NotificationEmailFrom string
	// SMTPServer is the mail relay, a name or an address, and its port.
	SMTPServer     string
	SMTPPort       uint16
	SMTPHeloName   string
	SMTPConnectTO  time.Duration
	SMTPAlert      Tri
	SMTPAlertVRRP  Tri
	SMTPAlertCheck Tri
	NoEmailFaults  bool

	StartupScript           *Script
	StartupScriptTimeout    time.Duration
	ShutdownScript          *Script
	ShutdownScriptTimeout   time.Duration
	ScriptUser              string
	ScriptGroup             string
	ScriptSecurity          bool
	NotifyFIFO              NotifyFIFO
	VRRPNotifyFIFO          NotifyFIFO
	LVSNotifyFIFO           NotifyFIFO
	NotifyPriorityChanges   bool
	FIFOWriteStatesOnReload bool

	NetNamespace     string
	NetNamespaceIPVS *string
	NamespaceIPSets  bool
	Instance         string
	UsePIDDir        bool
	ChildWaitTime    time.Duration
	ProcessName      string
	VRRPProcessName  string
	CheckProcessName string
	BFDProcessName   string

	// VRRP defaults for every instance.
	DynamicInterfaces    bool
	AllowIfChanges       bool
	DefaultInterface     string
	DisableLocalIGMP     bool
	McastGroup4          netip.Addr
	McastGroup6          netip.Addr
	GARPMasterDelay      *time.Duration
	GARPMasterRepeat     int
	GARPMasterRefresh    *time.Duration
	GARPRefreshRepeat    int // 0: default (1); negative: none (vrrp_min_garp)
	GARPLowerPrioDelay   *time.Duration
	GARPLowerPrioRepeat  *int
	GARPInterval         time.Duration
	GNAInterval          time.Duration
	MinGARP              bool
	GARPExtraIfDelay     time.Duration
	GARPExtraIfAll       bool
	DownTimerAdverts     int
	LowerPrioNoAdvert    Tri
	HigherPrioSendAdvert Tri
	VRRPVersion          int
	VRRPStrict           bool
	CheckUnicastSrc      bool
	SkipCheckAdvAddr     bool
	VRRPStartupDelay     time.Duration
	LogUnknownVRIDs      bool
	VMACPrefix           string
	VMACAddrPrefix       string
	// Firewall: keepalived 2.2.7 as Debian builds it uses nftables only;
	// vrrp_iptables asks for the nftables table "keepalived".
	NFTables             string
	NFTablesPriority     *int
	NFTablesIfindex      bool
	NFTablesIPVS         string
	NFTablesIPVSPriority *int
	NFTablesIPVSFwmark   uint32
	NFTablesCounters     bool
	RxBufsPolicy         string
	RxBufsMultiplier     uint32
	LinkbeatUsePolling   bool

	// LVS defaults.
	LVSTimeouts           LVSTimeouts
	LVSSyncDaemon         *LVSSyncDaemon
	LVSFlush              bool
	LVSFlushOnStop        string
	CheckerLogAllFailures bool
	RSInitNotifies        bool
	NoCheckerEmails       bool

	// Process tuning (priority, realtime, affinity, rlimit, netlink
	// buffers, SNMP, D-Bus, umask, reload files...): keyword -> words as
	// written, once checked.
	Tuning map[string][]string

	IncludeCheck         []string
	RandomSeed           *uint32
	Umask                *uint32
	MaxAutoPriority      *int
	MinAutoPriorityDelay *int
}

// LVSTimeouts is lvs_timeouts.
type LVSTimeouts struct {
	TCP, TCPFin, UDP time.Duration
}

// LVSSyncDaemon is lvs_sync_daemon.
type LVSSyncDaemon struct {
	Interface string
	Instance  string
	SyncID    *uint8
	MaxLen    uint16
	Port      uint16
	TTL       uint8
	Group     netip.Addr
}
