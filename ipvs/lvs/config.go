package lvs

import (
	"net/netip"
	"regexp"
	"time"

	"hakeep/ipvs"
)

// Config is what the engine runs: keepalived.conf(5)'s virtual_server
// blocks with their real servers and checkers, and the global_defs
// keywords about IPVS. Values are final: the configuration reader has
// applied keepalived's defaults and inheritance (real servers take the
// virtual server's settings, checkers the real server's).
type Config struct {
	VirtualServers []*VirtualServer
	// Timeouts is lvs_timeouts; zero fields leave the kernel's values.
	Timeouts ipvs.Timeouts
	// SyncDaemon is lvs_sync_daemon when it names no VRRP instance (both
	// daemons run while keepalived runs); nil for none.
	SyncDaemon *ipvs.Daemon
	// Flush is lvs_flush: empty IPVS at start.
	Flush bool
	// FlushOnStop is lvs_flush_on_stop.
	FlushOnStop FlushMode
	// LogAllFailures is checker_log_all_failures.
	LogAllFailures bool
	// RSInitNotifies is rs_init_notifies: notify_up for the real servers
	// that start up.
	RSInitNotifies bool
	// NoCheckerEmails is no_checker_emails: smtp alerts only when a real
	// server's state changes, not on each checker's.
	NoCheckerEmails bool
	// NotifyFIFOs receive "VS ..." and "RS ..." lines (notify_fifo and
	// lvs_notify_fifo).
	NotifyFIFOs []string
}

// FlushMode is lvs_flush_on_stop.
type FlushMode int

// Flush modes.
const (
	// FlushNone removes each real server and virtual server (default).
	FlushNone FlushMode = iota
	// FlushFull empties IPVS (lvs_flush_on_stop).
	FlushFull
	// FlushVS removes the virtual servers only (lvs_flush_on_stop VS).
	FlushVS
)

// VirtualServer is a virtual_server block. Exactly one of Addr, FWMark
// and Group identifies it.
type VirtualServer struct {
	Addr   netip.AddrPort
	FWMark uint32
	Group  *Group
	// GroupIndex numbers the virtual servers naming the same group, in
	// configuration order; keepalived shows it as the port ("[grp]:1").
	GroupIndex int
	Family     ipvs.Family // for FWMark and Group services; zero: IPv4
	Protocol   ipvs.Protocol

	Scheduler string
	// Flags are the scheduler flags and ops (persistence is Timeout).
	Flags ipvs.ServiceFlags
	// Timeout is persistence_timeout in seconds, zero for none.
	Timeout uint32
	// Netmask is persistence_granularity as a prefix length, zero for
	// the default; Mask4 an IPv4 one that is not a prefix.
	Netmask int
	Mask4   uint32
	PE      string

	HASuspend  bool
	Omega      bool
	Quorum     int64
	Hysteresis int64
	QuorumUp   *Script
	QuorumDown *Script
	SMTPAlert  bool
	// DelayLoop is the virtual server's delay_loop: a MISC_CHECK
	// without misc_timeout times out after it.
	DelayLoop time.Duration

	SorryServer *RealServer
	RealServers []*RealServer
}

// Group is a virtual_server_group.
type Group struct {
	Name    string
	Entries []GroupEntry
}

// GroupEntry is one line of a virtual_server_group: an address range
// (From == To for one address) with a port, or a firewall mark.
type GroupEntry struct {
	From, To netip.Addr
	Port     uint16
	FWMark   uint32
	// Family of a fwmark entry ("fwmark N inet6"); zero: the virtual
	// server's.
	Family ipvs.Family
}

// RealServer is a real_server (or a virtual server's sorry_server).
type RealServer struct {
	Addr        netip.AddrPort
	Weight      int64
	Method      ipvs.FwdMethod
	TunnelType  ipvs.TunnelType
	TunnelPort  uint16
	TunnelFlags ipvs.TunnelFlags
	UThreshold  uint32
	LThreshold  uint32
	Inhibit     bool
	NotifyUp    *Script
	NotifyDown  *Script
	SMTPAlert   bool
	Checkers    []*Checker
}

// Script is a notify, quorum or MISC_CHECK program: its words, and the
// user and group it runs as.
type Script struct {
	Args     []string
	UID, GID uint32
}

// CheckerType is the kind of a health checker.
type CheckerType int

// Checker types (keepalived.conf(5) real_server).
const (
	TCPCheck CheckerType = iota
	HTTPGet
	SSLGet
	MiscCheck
	SMTPCheck
	DNSCheck
	UDPCheck
	PingCheck
	FileCheck
)

func (t CheckerType) String() string {
	return [...]string{"TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK"}[t]
}

// Checker is one health check of a real server.
type Checker struct {
	Type CheckerType
	// Conn is where the network checkers connect.
	Conn Conn

	Alpha            bool
	Retry            int
	DelayLoop        time.Duration
	DelayBeforeRetry time.Duration
	// Warmup is the bound of the random delay before the first check.
	Warmup         time.Duration
	LogAllFailures bool

	HTTP *HTTPConfig
	Misc *MiscConfig
	SMTP *SMTPConfig
	DNS  *DNSConfig
	UDP  *UDPConfig
	File *FileConfig
}

// Conn is a checker's connection options: connect_ip, connect_port,
// bindto, bind_port, bind_if, fwmark and connect_timeout.
type Conn struct {
	Dst      netip.AddrPort
	BindTo   netip.Addr
	BindPort uint16
	BindIf   string
	FWMark   uint32
	Timeout  time.Duration
}

// HTTPConfig is HTTP_GET and SSL_GET's part.
type HTTPConfig struct {
	// VirtualHost is the Host of requests whose url has none: the
	// checker's, else the real server's, else the virtual server's.
	VirtualHost string
	// SNIHost is the name enable_sni sends when the url has no
	// virtualhost: the checker's, else the virtual server's (ssl_connect()
	// skips the real server's).
	SNIHost string
	// Protocol is http_protocol: "1.0" (default), "1.0C" or "1.1".
	Protocol     string
	EnableSNI    bool
	FastRecovery bool
	URLs         []*URL
	// TLS holds the SSL block's certificates for SSL_GET.
	TLS *TLSFiles
}

// TLSFiles is the SSL block.
type TLSFiles struct {
	Password, CA, Certificate, Key string
}

// URL is one url block.
type URL struct {
	Path   string
	Digest []byte // 16 bytes, nil for none
	// Status are the accepted status codes; nil is 200-299.
	Status       []StatusRange
	VirtualHost  string
	Regex        *regexp.Regexp
	RegexNoMatch bool
	// RegexMinOffset and RegexMaxOffset bound where a match may start
	// (max zero: no bound).
	RegexMinOffset, RegexMaxOffset int
}

// StatusRange is one status_code entry.
type StatusRange struct{ From, To int }

// Accepts says whether code is one of u's status codes.
func (u *URL) Accepts(code int) bool {
	if u.Status == nil {
		return code >= 200 && code <= 299
	}
	for _, r := range u.Status {
		if code >= r.From && code <= r.To {
			return true
		}
	}
	return false
}

// MiscConfig is MISC_CHECK's part.
type MiscConfig struct {
	Script Script
	// Timeout is misc_timeout; zero means the virtual server's delay_loop.
	Timeout time.Duration
	Dynamic bool
}

// SMTPConfig is SMTP_CHECK's part.
type SMTPConfig struct {
	HeloName string
}

// DNSConfig is DNS_CHECK's part.
type DNSConfig struct {
	Type uint16
	Name string
}

// UDPConfig is UDP_CHECK's part.
type UDPConfig struct {
	// Payload is sent; nil sends random bytes.
	Payload        []byte
	RequireReply   bool
	Reply          []byte
	ReplyMask      []byte
	MinReplyLength int
	MaxReplyLength int
}

// FileConfig is FILE_CHECK's part: a track file holding an integer. With
// a Weight, the integer times Weight (negated when Reverse) is added to
// the real server's weight, and a result at or below -2^31 fails it;
// with Weight 0, a non-zero integer fails it (zero when Reverse).
type FileConfig struct {
	Name    string
	Path    string
	Weight  int64
	Reverse bool
}
