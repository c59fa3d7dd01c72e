package proxy

import (
	"net/netip"
	"time"
)

// Proxy is one frontend, backend, listen or defaults section
// (configuration.txt section 4). What a section inherits from its defaults
// section is already copied in, following 2.6's proxy_defproxy_cpy().
type Proxy struct {
	Name string
	Cap  Cap
	Mode Mode
	// ID is the proxy's numeric id ("id"), or 0 until one is assigned.
	ID          int
	Description string
	Disabled    bool
	// File and Line say where the section starts, for messages.
	File string
	Line int

	// DefaultsRules is the named defaults section whose TCP/HTTP rules
	// run before this proxy's own (2.6 evaluates the rules of the
	// defaults section a proxy was created from first), or nil.
	DefaultsRules *Proxy

	// Frontend side.
	Binds      []*Bind
	MaxConn    int
	Backlog    int
	RateLimit  int // "rate-limit sessions"
	MonitorURI string
	// MonitorFail are the "monitor fail" conditions.
	MonitorFail []*Condition
	// DefaultBackend is "default_backend", resolved.
	DefaultBackend     *Proxy
	DefaultBackendName string
	UseBackends        []*UseBackend
	Captures           Captures
	MaxSessionSrvConns int
	// ClientTCPKeepalive is clitcpka-cnt/idle/intvl.
	ClientTCPKeepalive TCPKeepalive

	// Backend side.
	Servers []*Server
	// DefaultServer is the "default-server" settings, kept for servers
	// added at run time.
	DefaultServer *Server
	FullConn      int
	Balance       Balance
	Retries       int
	RetryOn       RetryOn
	// Redispatch is "option redispatch [<interval>]": RedispatchAfter
	// is -1 for the last retry, 0 when off, N for every Nth retry.
	Redispatch      bool
	RedispatchAfter int
	Cookie          *Cookie
	// DynamicCookieKey is "dynamic-cookie-key".
	DynamicCookieKey string
	// RDPCookie is "persist rdp-cookie[(name)]"'s cookie name.
	RDPCookie    string
	UseServers   []*UseServer
	PersistRules []*PersistRule
	// Dispatch is "dispatch <addr>", used when there is no balance
	// algorithm (HAProxy ignores it with one).
	Dispatch *Address
	// Transparent is "option transparent"/"transparent".
	Transparent        bool
	Source             *Source
	HTTPReuse          HTTPReuse
	HTTPSendNameHeader string
	Check              HealthCheck
	EmailAlert         *EmailAlert
	// ServerTCPKeepalive is srvtcpka-cnt/idle/intvl.
	ServerTCPKeepalive      TCPKeepalive
	MaxKeepAliveQueue       int
	LoadServerStateFromFile string
	ServerStateFileName     string
	UseFCGIApp              *FCGIApp
	UseFCGIAppName          string

	// Both sides.
	Timeouts   Timeouts
	Options    Options
	HTTPConn   HTTPConnMode
	ForwardFor *ForwardFor
	OriginalTo *OriginalTo
	// RestrictReqHdrNames is "option http-restrict-req-hdr-names":
	// "preserve" (default), "delete" or "reject".
	RestrictReqHdrNames string
	StickTable          *StickTable
	StickRules          []*StickRule
	Stats               *Stats
	Logs                []LogTarget
	LogFormat           string
	LogFormatSD         string
	ErrorLogFormat      string
	LogTag              string
	UniqueIDFormat      string
	UniqueIDHeader      string
	Compression         *Compression
	Filters             []*Filter
	// ErrorFiles are the custom error responses by status code
	// (errorfile, errorfiles, errorloc*, http-error).
	ErrorFiles map[int]*ErrorReply
	// Declares are "declare capture" slots.
	Declares []DeclareCapture

	// ACLs and rules, compiled by proxy/acl and proxy/rules.
	ACLs               []*ACL
	TCPRequestConn     []*Rule
	TCPRequestSession  []*Rule
	TCPRequestContent  []*Rule
	TCPResponseContent []*Rule
	// InspectDelay is "tcp-request inspect-delay" and
	// ResponseInspectDelay "tcp-response inspect-delay".
	InspectDelay         time.Duration
	ResponseInspectDelay time.Duration
	HTTPRequest          []*Rule
	HTTPResponse         []*Rule
	HTTPAfterResponse    []*Rule
	Redirects            []*Rule
}

// Timeouts are the "timeout" keywords; zero means none (infinite).
type Timeouts struct {
	Client, ClientFin time.Duration
	Server, ServerFin time.Duration
	Connect           time.Duration
	Queue             time.Duration
	Check             time.Duration
	Tunnel            time.Duration
	HTTPRequest       time.Duration
	HTTPKeepAlive     time.Duration
	Tarpit            time.Duration
}

// Options are the boolean "option" keywords (configuration.txt section
// 4.2, "option ..."). A "no option" in a proxy clears what its defaults
// section set.
type Options struct {
	AbortOnClose              bool
	AcceptInvalidHTTPRequest  bool
	AcceptInvalidHTTPResponse bool
	AllBackups                bool
	CheckCache                bool
	ClientTCPKA               bool
	ContStats                 bool
	DisableH2Upgrade          bool
	DontLogNormal             bool
	DontLogNull               bool
	H1CaseAdjustBogusClient   bool
	H1CaseAdjustBogusServer   bool
	HTTPBufferRequest         bool
	HTTPIgnoreProbes          bool
	HTTPNoDelay               bool
	HTTPPretendKeepalive      bool
	HTTPUseProxyHeader        bool
	IdleCloseOnResponse       bool
	IndependentStreams        bool
	LogHealthChecks           bool
	LogSeparateErrors         bool
	LogASAP                   bool
	NoLinger                  bool
	Persist                   bool
	PreferLastServer          bool
	SocketStats               bool
	SpliceAuto                bool
	SpliceRequest             bool
	SpliceResponse            bool
	ServerTCPKA               bool
	TCPSmartAccept            bool
	TCPSmartConnect           bool
	// HTTPLog, TCPLog, HTTPSLog and CLFLog record which "option *log"
	// chose LogFormat.
	HTTPLog, TCPLog, HTTPSLog, CLFLog bool
}

// HTTPConnMode is the HTTP connection mode (option http-keep-alive,
// http-server-close, httpclose).
type HTTPConnMode uint8

const (
	// HTTPKeepAlive is the default.
	HTTPKeepAlive HTTPConnMode = iota
	HTTPServerClose
	HTTPClose
)

// HTTPReuse is the "http-reuse" mode.
type HTTPReuse uint8

const (
	// ReuseSafe is the default.
	ReuseSafe HTTPReuse = iota
	ReuseNever
	ReuseAggressive
	ReuseAlways
)

// RetryOn is the set of "retry-on" events; zero means the default
// (connect-failure).
type RetryOn uint16

const (
	RetryConnFailure RetryOn = 1 << iota
	RetryEmptyResponse
	RetryJunkResponse
	RetryResponseTimeout
	Retry0RTTRejected
	Retry401
	Retry403
	Retry404
	Retry408
	Retry425
	Retry500
	Retry501
	Retry502
	Retry503
	Retry504
	// RetryNone is "retry-on none" (no retry at all).
	RetryNone
)

// ForwardFor is "option forwardfor".
type ForwardFor struct {
	// Header is the header name, "X-Forwarded-For" by default.
	Header string
	// Except is a network whose clients get no header.
	Except netip.Prefix
	// IfNone adds the header only if the request has none.
	IfNone bool
}

// OriginalTo is "option originalto".
type OriginalTo struct {
	Header string
	Except netip.Prefix
}

// TCPKeepalive holds the TCP keepalive probe settings; zero means the
// system's.
type TCPKeepalive struct {
	Count    int
	Idle     time.Duration
	Interval time.Duration
}

// Source is "source" in a backend, or "source" on a server.
type Source struct {
	Addr Address
	// UseSrc is the "usesrc" argument: "client", "clientip",
	// "hdr_ip(...)" or an address.
	UseSrc     string
	UseSrcAddr *Address
	Interface  string
}

// EmailAlert is the "email-alert" keywords.
type EmailAlert struct {
	From, To, MyHostname string
	MailersName          string
	Mailers              *Mailers
	// Level is the syslog level at and above which mails are sent.
	Level int
}

// Captures are the frontend's "capture" keywords.
type Captures struct {
	Cookie          string
	CookieLen       int
	RequestHeaders  []HeaderCapture
	ResponseHeaders []HeaderCapture
}

// HeaderCapture is one "capture request/response header".
type HeaderCapture struct {
	Name string
	Len  int
}

// DeclareCapture is "declare capture request|response len <n>".
type DeclareCapture struct {
	Response bool
	Len      int
}

// UseBackend is one "use_backend" rule.
type UseBackend struct {
	// Backend is the resolved backend; nil when Name is a log-format
	// resolved per request.
	Backend *Proxy
	Name    string
	Cond    *Condition
	// Compiled is the rule proxy/rules returned; for a log-format name
	// its Args carry the compiled format once checked.
	Compiled any
}

// UseServer is one "use-server" rule.
type UseServer struct {
	Server *Server
	Name   string
	Cond   *Condition
}

// PersistRule is "force-persist" or "ignore-persist".
type PersistRule struct {
	Ignore bool
	Cond   *Condition
}

// ErrorReply is a custom error response.
type ErrorReply struct {
	Status int
	// Raw is the full HTTP response (errorfile contents); for errorloc,
	// Location and Code are set instead.
	Raw      []byte
	File     string
	Location string
	Code     int
	// Reply is an http-error's reply as proxy/rules compiled it
	// (*rules.Reply), built per request when Raw is nil.
	Reply any
}

// Compression is the "compression" keywords.
type Compression struct {
	Algos   []string
	Types   []string
	Offload bool
}

// Filter is one "filter" line.
type Filter struct {
	// Name is "trace", "compression", "cache", "spoe", "fcgi-app",
	// "bwlim-in"/"bwlim-out" or "opentracing".
	Name string
	Args []string
}
