package config

import (
	"net/netip"
	"time"
)

// LVS is what keepalived's checker process runs: IPVS services and the
// health checks of their real servers.
type LVS struct {
	SSL                 *SSLContext
	VirtualServerGroups []*VirtualServerGroup
	VirtualServers      []*VirtualServer
	TrackFiles          []*TrackFile
	TrackedBFDs         []string
}

// SSLContext is the SSL block used by SSL_GET checks.
type SSLContext struct {
	Password, CA, Certificate, Key string
}

// VirtualServerGroup is a virtual_server_group: address ranges and
// firewall marks sharing one configuration.
type VirtualServerGroup struct {
	Name    string
	Entries []VSGEntry
}

// VSGEntry is one line of a virtual_server_group.
type VSGEntry struct {
	// From..To is an address range (equal for a single address), with
	// its port; Fwmark is set instead for "fwmark N [inet|inet6]".
	From, To netip.Addr
	Port     uint16
	Fwmark   *uint32
	Family   int
}

// Forwarding is an IPVS forwarding method: NAT, DR or TUN (with its
// tunnel type, port and checksum mode).
type Forwarding struct {
	Method     string
	TunnelType string
	TunnelPort uint16
	Checksum   string
}

// VirtualServer is a virtual_server.
type VirtualServer struct {
	// Exactly one of Addr, Fwmark and Group identifies the service.
	Addr   netip.AddrPort
	Fwmark *uint32
	Group  string
	Family int

	Protocol               string // TCP, UDP, SCTP; "" for fwmarks
	Scheduler              string
	Flags                  []string
	Forwarding             Forwarding
	PersistenceTimeout     time.Duration
	PersistenceGranularity string
	PersistenceEngine      string
	HASuspend              bool
	Alpha, Omega           bool
	Quorum                 int
	Hysteresis             int
	QuorumUp               *Script
	QuorumDown             *Script
	Weight                 int
	Inhibit                bool
	VirtualHost            string
	SNMPName               string
	SMTPAlert              Tri
	DelayLoop              time.Duration
	DelayBeforeRetry       *time.Duration
	Retry                  *int
	Warmup                 *time.Duration
	ConnectTimeout         time.Duration

	SorryServer *RealServer
	RealServers []*RealServer
}

// RealServer is a real_server (or a sorry_server).
type RealServer struct {
	Addr             netip.AddrPort
	Weight           int
	Forwarding       Forwarding
	UThreshold       *uint32
	LThreshold       *uint32
	Inhibit          Tri
	Alpha            Tri
	NotifyUp         *Script
	NotifyDown       *Script
	Retry            *int
	DelayBeforeRetry *time.Duration
	Warmup           *time.Duration
	ConnectTimeout   *time.Duration
	DelayLoop        *time.Duration
	SMTPAlert        Tri
	VirtualHost      string
	SNMPName         string
	Checkers         []*Checker
}

// Checker is one health check of a real server.
type Checker struct {
	// Type is TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, SMTP_CHECK,
	// DNS_CHECK, UDP_CHECK, PING_CHECK, FILE_CHECK or BFD_CHECK.
	Type string

	ConnectIP      netip.Addr
	ConnectPort    uint16
	BindTo         netip.Addr
	BindPort       uint16
	BindIf         string
	ConnectTimeout *time.Duration
	Fwmark         uint32

	Retry            *int
	DelayBeforeRetry *time.Duration
	Warmup           *time.Duration
	DelayLoop        *time.Duration
	Alpha            Tri
	LogAllFailures   bool

	HTTP *HTTPCheck
	Misc *MiscCheck
	SMTP *SMTPCheck
	DNS  *DNSCheck
	UDP  *UDPCheck
	File *FileCheck
	BFD  string
}

// HTTPCheck is HTTP_GET and SSL_GET's part.
type HTTPCheck struct {
	VirtualHost  string
	Protocol     string
	EnableSNI    bool
	FastRecovery bool
	URLs         []*URL
}

// URL is one url block.
type URL struct {
	Path                           string
	Digest                         string
	StatusCodes                    []string
	VirtualHost                    string
	Regex                          string
	RegexNoMatch                   bool
	RegexOptions                   []string
	RegexMinOffset, RegexMaxOffset int
}

// MiscCheck is MISC_CHECK's part.
type MiscCheck struct {
	Script  *Script
	Timeout time.Duration
	Dynamic bool
}

// SMTPCheck is SMTP_CHECK's part.
type SMTPCheck struct {
	HeloName string
	// Hosts are the deprecated host blocks, each a check of its own.
	Hosts []*Checker
}

// DNSCheck is DNS_CHECK's part.
type DNSCheck struct {
	Type, Name string
}

// UDPCheck is UDP_CHECK's part.
type UDPCheck struct {
	Payload        []byte
	RequireReply   bool
	Reply          []byte
	ReplyMask      []byte
	MinReplyLength int
	MaxReplyLength int
}

// FileCheck is FILE_CHECK's part.
type FileCheck struct {
	TrackFile string
	Weight    *int
	Reverse   bool
}
