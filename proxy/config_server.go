package proxy

import "time"

// Server is one "server" line, or one server made by "server-template"
// (configuration.txt section 5.2). "default-server" settings are already
// copied in.
type Server struct {
	Name string
	Addr Address
	File string
	Line int
	// ID is the server's numeric id ("id"); 0 until assigned.
	ID int
	// Weight is the load-balancing weight, 1 by default.
	Weight   int
	Backup   bool
	Disabled bool
	MaxConn  int
	MinConn  int
	MaxQueue int
	// Cookie is the persistence cookie value.
	Cookie string
	// Redir is "redir <prefix>": redirect GET/HEAD requests there.
	Redir                            string
	SlowStart                        time.Duration
	Track                            string
	TrackServer                      *Server
	NonStick                         bool
	SendProxy                        bool
	SendProxyV2                      bool
	ProxyV2Opts                      []string
	SendProxyV2SSL, SendProxyV2SSLCN bool
	TFO                              bool
	Proto                            string
	WS                               string
	Namespace                        string
	Source                           *Source
	Socks4                           *Address
	TCPUserTimeout                   time.Duration
	MaxReuse                         int
	PoolLowConn                      int
	PoolMaxConn                      int
	PoolPurgeDelay                   time.Duration
	// InitAddr is the "init-addr" method list ("last", "libc", "none"
	// or an address); default "last,libc".
	InitAddr      []string
	Resolvers     string
	ResolversRef  *Resolvers
	ResolvePrefer string
	ResolveNet    []string
	ResolveOpts   []string
	LogProto      string
	ErrorLimit    int
	OnError       string
	OnMarkedDown  string
	OnMarkedUp    string
	Observe       string
	Check         ServerCheck
	Agent         AgentCheck
	SSL           *ServerSSL
}

// ServerCheck is a server's health-check settings.
type ServerCheck struct {
	Enabled bool
	// Inter, FastInter and DownInter are the check intervals (2s by
	// default; the others default to Inter).
	Inter, FastInter, DownInter time.Duration
	// Rise and Fall count consecutive results (2 and 3 by default).
	Rise, Fall int
	// Addr and Port redirect checks elsewhere ("addr", "port").
	Addr      *Address
	Port      int
	SendProxy bool
	ViaSocks4 bool
	SSL       bool
	SNI       string
	ALPN      []string
	Proto     string
}

// AgentCheck is a server's agent-check settings.
type AgentCheck struct {
	Enabled bool
	Addr    *Address
	Port    int
	Send    string
	Inter   time.Duration
}

// ServerSSL is the TLS side of a server line.
type ServerSSL struct {
	Enabled      bool
	CAFile       string
	CRLFile      string
	Cert         string
	Ciphers      string
	Ciphersuites string
	ALPN         []string
	NPN          []string
	SNI          string
	Verify       string
	VerifyHost   string
	MinVer       string
	MaxVer       string
	NoVersions   []string
	ForceVersion string
	NoSSLReuse   bool
	NoTLSTickets bool
	Allow0RTT    bool
}
