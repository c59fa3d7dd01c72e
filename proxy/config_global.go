package proxy

import "time"

// Global is the process-wide configuration (configuration.txt section 3).
// Zero values mean HAProxy's defaults, which the engine computes (for
// MaxConn, NbThread...).
type Global struct {
	// Process management (section 3.1).
	Daemon       bool
	MasterWorker bool
	// MasterWorkerNoExitOnFailure is "master-worker no-exit-on-failure".
	MasterWorkerNoExitOnFailure bool
	MworkerMaxReloads           int
	NbThread                    int
	ThreadGroups                int
	// ThreadGroupMap is "thread-group <group> <threads>" in order.
	ThreadGroupMap []ThreadGroup
	CPUMap         []CPUMap
	NumaCPUMapping bool
	PIDFile        string
	// User and Group are the names given; UID and GID the ids given or
	// looked up from the names. UIDSet/GIDSet tell an id was set.
	User, Group    string
	UID, GID       int
	UIDSet, GIDSet bool
	Chroot         string
	UlimitN        int
	FDHardLimit    int
	Node           string
	Description    string
	LocalPeer      string
	ClusterSecret  string
	DefaultPath    DefaultPath
	// Env is the environment edits (setenv, presetenv, unsetenv,
	// resetenv) in order; they are applied while parsing too, since later
	// lines may read the variables.
	Env []EnvOp
	// UnixBind holds the defaults of every unix socket bind.
	UnixBind UnixBind
	// Stats are the "stats" lines: the runtime API sockets and settings.
	Stats GlobalStats
	// Logs are the global log targets ("log global" in proxies copies
	// them).
	Logs            []LogTarget
	LogTag          string
	LogSendHostname string
	HardStopAfter   time.Duration
	Grace           time.Duration
	CloseSpreadTime time.Duration
	// CloseSpreadTimeInfinite is "close-spread-time infinite".
	CloseSpreadTimeInfinite bool

	ExternalCheck        bool
	InsecureForkWanted   bool
	InsecureSetuidWanted bool
	SetDumpable          bool
	// StrictLimits makes a failure to raise limits fatal (2.6 default on).
	StrictLimits                 bool
	H2WorkaroundBogusWebsocket   bool
	H1AcceptPayloadWithAnyMethod bool
	PP2NeverSendLocal            bool
	NoMemoryTrimming             bool
	ExposeExperimentalDirectives bool
	H1CaseAdjust                 map[string]string
	H1CaseAdjustFile             string
	Quiet, ZeroWarning           bool
	ProfilingTasks               string
	HTTPClient                   HTTPClientConfig
	ServerStateBase              string
	ServerStateFile              string
	SpreadChecks                 int
	MaxSpreadChecks              time.Duration
	SetVars                      []GlobalSetVar

	// Performance (section 3.2).
	MaxConn         int
	MaxConnRate     int
	MaxSessRate     int
	MaxSSLConn      int
	MaxSSLRate      int
	MaxCompRate     int // bytes per second
	MaxPipes        int
	MaxZlibMem      int64
	MaxCompCPUUsage int
	// Pollers and kernel features turned off ("noepoll", "nosplice"...).
	NoEpoll, NoPoll, NoKqueue, NoEvports bool
	NoSplice, NoGetaddrinfo, NoReusePort bool
	BusyPolling                          bool
	Tune                                 Tune
	SSL                                  GlobalSSL
	Lua                                  GlobalLua
}

// ThreadGroup is one "thread-group" line.
type ThreadGroup struct {
	Group   int
	Threads string
}

// CPUMap is one "cpu-map" line: the process/thread set and the CPUs.
type CPUMap struct {
	Auto    bool
	Process string
	Threads string
	CPUs    []int
}

// DefaultPath is "default-path": how relative paths are resolved.
type DefaultPath struct {
	// Kind is "current", "config", "parent" or "origin".
	Kind string
	Path string
}

// EnvOp is one environment edit from the global section.
type EnvOp struct {
	// Op is "setenv", "presetenv", "unsetenv" or "resetenv".
	Op string
	// Name and Value for setenv/presetenv; Names for unsetenv (to drop)
	// and resetenv (to keep).
	Name, Value string
	Names       []string
}

// UnixBind is "unix-bind": defaults for unix socket listeners.
type UnixBind struct {
	Prefix   string
	Mode     uint32
	UID, GID int
	// User and Group are the names given, if any.
	User, Group string
}

// GlobalStats is the global "stats" keyword: runtime API sockets.
type GlobalStats struct {
	Sockets []*Bind
	Timeout time.Duration
	MaxConn int
	// BindProcess is accepted for compatibility only.
	BindProcess string
}

// HTTPClientConfig is the httpclient.* keywords.
type HTTPClientConfig struct {
	ResolversID     string
	ResolversPrefer string
	SSLCAFile       string
	SSLVerify       string
}

// GlobalSetVar is a global "set-var"/"set-var-fmt" line, evaluated once at
// start-up.
type GlobalSetVar struct {
	Name string
	// Expr is the sample expression (set-var) or log-format (set-var-fmt)
	// as written.
	Expr   string
	Format bool
}

// Tune holds the tune.* keywords (section 3.2). Zero means default.
type Tune struct {
	BufSize               int
	MaxRewrite            int
	MaxAccept             int
	MaxPollEvents         int
	RunqueueDepth         int
	RecvEnough            int
	BuffersLimit          int
	BuffersReserve        int
	IdleTimer             time.Duration
	RcvBufClient          int
	RcvBufServer          int
	SndBufClient          int
	SndBufServer          int
	PipeSize              int
	HTTPCookieLen         int
	HTTPLogURILen         int
	HTTPMaxHdr            int
	CompMaxLevel          int
	PatternCacheSize      int
	PatternCacheSizeSet   bool
	IdlePoolShared        string
	ListenerMultiQueue    string
	SchedLowLatency       string
	FDEdgeTriggered       string
	FailAlloc             int
	PoolHighFDRatio       int
	PoolLowFDRatio        int
	PeersMaxUpdatesAtOnce int
	H2                    TuneH2
	SSL                   TuneSSL
	Lua                   TuneLua
	Vars                  TuneVars
}

// TuneH2 holds tune.h2.*.
type TuneH2 struct {
	HeaderTableSize      int
	InitialWindowSize    int
	MaxConcurrentStreams int
	MaxFrameSize         int
}

// TuneSSL holds tune.ssl.*.
type TuneSSL struct {
	CacheSize         int
	CacheSizeSet      bool
	Lifetime          time.Duration
	MaxRecord         int
	HardMaxRecord     int
	DefaultDHParam    int
	ForcePrivateCache bool
	CaptureBufferSize int
	SSLCtxCacheSize   int
	Keylog            bool
}

// TuneLua holds tune.lua.*.
type TuneLua struct {
	ForcedYield    int
	MaxMem         int
	ServiceTimeout time.Duration
	SessionTimeout time.Duration
	TaskTimeout    time.Duration
}

// TuneVars holds tune.vars.*: the maximum memory of each variable scope.
type TuneVars struct {
	GlobalMaxSize int
	ProcMaxSize   int
	ReqResMaxSize int
	SessMaxSize   int
	TxnMaxSize    int
	CheckMaxSize  int
}

// GlobalSSL holds the global ssl-* and *-base keywords.
type GlobalSSL struct {
	CABase, CRTBase           string
	IssuersChainPath          string
	DefaultBindCiphers        string
	DefaultBindCiphersuites   string
	DefaultBindCurves         string
	DefaultBindOptions        []string
	DefaultServerCiphers      string
	DefaultServerCiphersuites string
	DefaultServerOptions      []string
	DHParamFile               string
	// ServerVerify is "ssl-server-verify": "required" (default) or "none".
	ServerVerify     string
	LoadExtraFiles   string
	LoadExtraDelExt  bool
	ModeAsync        bool
	Provider         []string
	ProviderPath     string
	PropQuery        string
	SkipSelfIssuedCA bool
}

// GlobalLua holds lua-load, lua-load-per-thread and lua-prepend-path.
type GlobalLua struct {
	Load          []LuaLoad
	LoadPerThread []LuaLoad
	PrependPath   []LuaPrependPath
}

// LuaLoad is one Lua file to load with its arguments.
type LuaLoad struct {
	File string
	Args []string
}

// LuaPrependPath is one "lua-prepend-path".
type LuaPrependPath struct {
	Path string
	// Kind is "path" (default) or "cpath".
	Kind string
}
