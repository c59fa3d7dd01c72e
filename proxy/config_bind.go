package proxy

import "time"

// Bind is one "bind" line (configuration.txt section 5.1), or one global
// "stats socket" line. A line may name several addresses (comma separated)
// and port ranges; they share all settings.
type Bind struct {
	// Addrs are the addresses to listen on, in order. A port range
	// stays one Address (PortLow..PortHigh); the engine opens one
	// listener per port.
	Addrs []Address
	// Spec is the address argument as written.
	Spec string
	File string
	Line int

	Name string
	// ID is the first listener's numeric id ("id"); 0 means automatic.
	ID                 int
	AcceptProxy        bool
	AcceptNetscalerCIP int // magic number; 0 when not set
	Backlog            int
	MaxConn            int
	Nice               int
	DeferAccept        bool
	Transparent        bool
	TFO                bool
	V4V6, V6Only       bool
	Interface          string
	Namespace          string
	MSS                int
	TCPUserTimeout     time.Duration
	// Proto forces the mux ("h1", "h2", "fcgi" is server only).
	Proto string
	// Thread is the "thread" set as written; Process the deprecated
	// "process" set. Shards is "shards" ("by-thread" as -1).
	Thread  string
	Process string
	Shards  int
	// Unix socket settings ("mode", "uid", "gid", "user", "group").
	Mode     uint32
	ModeSet  bool
	UID, GID int
	User     string
	Group    string

	// Runtime API settings (stats socket lines).
	Level          string
	SeverityOutput string
	ExposeFD       string

	// SSL is set by "ssl" and the TLS keywords.
	SSL *BindSSL
}

// BindSSL is the TLS side of a bind line.
type BindSSL struct {
	// Enabled is the "ssl" keyword; the other fields may be set
	// without it (they then only apply to crt-list entries).
	Enabled bool
	// Certs are the "crt" files or directories, resolved against
	// crt-base.
	Certs    []string
	CertList []string
	// CertSources are the "crt" and "crt-list" arguments in the order
	// written: the first certificate loaded is the default one
	// (section 5.1, "crt-list").
	CertSources []CertSource
	CAFile      string
	// CAVerifyFile is "ca-verify-file".
	CAVerifyFile     string
	CAIgnoreErr      string
	CRTIgnoreErr     string
	CASignFile       string
	CASignPass       string
	CRLFile          string
	Ciphers          string
	Ciphersuites     string
	Curves           string
	ECDHE            string
	ALPN             []string
	NPN              []string
	Verify           string
	MinVer, MaxVer   string
	NoVersions       []string // no-sslv3, no-tlsv10 ...
	ForceVersion     string   // force-tlsv12 ...
	NoTLSTickets     bool
	NoCANames        bool
	StrictSNI        bool
	PreferClientCiph bool
	Allow0RTT        bool
	GenerateCerts    bool
	TLSTicketKeys    string
}

// CertSource is one "crt" (a file or a directory, crt-base applied) or
// "crt-list" argument of a bind line.
type CertSource struct {
	List bool
	Path string
}
