package cli

import (
	"time"

	"hakeep/proxy"

	"hakeep/proxy/stats"
	"hakeep/proxy/stick"
)

// Runtime is the running engine as the commands see it; proxy/engine
// implements it.
type Runtime interface {
	// StatsProxies describes every proxy, as "show stat" reports them.
	StatsProxies() []*stats.Proxy
	// StatsProcess fills the engine's part of "show info".
	StatsProcess(p *stats.Process)
	// Frontend and Backend find a proxy by name, nil when there is none
	// with that capability.
	Frontend(name string) Frontend
	Backend(name string) Backend
	// BackendNames lists the backends in declaration order ("show
	// backend").
	BackendNames() []string
	// MaxConn and SetMaxConn are the process' maxconn; HardMaxConn the
	// limit "set maxconn global" cannot exceed.
	MaxConn() int
	SetMaxConn(n int)
	HardMaxConn() int
	// SetRateLimit changes "maxconnrate", "maxsessrate", "maxsslrate"
	// or "maxcomprate" (kind "connections", "sessions", "ssl-sessions",
	// "http-compression").
	SetRateLimit(kind string, v int)
	// Sessions lists the client sessions; KillSession closes one,
	// reporting whether it existed.
	Sessions() []Session
	KillSession(id uint64) bool
	// ClearCounters resets the maxima, or every counter with all.
	ClearCounters(all bool)
	// Tables lists the stick tables in 2.6's order; NowMs is their
	// clock.
	Tables() []*stick.Table
	NowMs() int64
}

// Frontend is a frontend (or listen) section at run time.
type Frontend interface {
	Name() string
	// Pause and Resume stop and restart accepting ("disable/enable
	// frontend"); they report false when there was nothing to do.
	Pause() bool
	Resume() bool
	// Stop closes the frontend's listeners for good ("shutdown
	// frontend"), reporting false when it was already stopped.
	Stop() bool
	Stopped() bool
	SetMaxConn(n int)
}

// Backend is a backend (or listen) section at run time.
type Backend interface {
	Name() string
	ID() int
	Server(name string) Server
	Servers() []Server
	// AddServer and DelServer are "add server" and "del server"; an
	// error is 2.6's answer.
	AddServer(s *proxy.Server, enabled bool) error
	DelServer(name string) error
}

// Server is one server at run time. The setters take the words as typed
// and answer with 2.6's texts: an error refuses and changes nothing, a
// message reports what was done.
type Server interface {
	Name() string
	SetAdmin(state string) error
	SetWeight(w string) error
	// Weight is the current and the initial user weight.
	Weight() (cur, initial int)
	SetMaxconn(v string) error
	SetAddr(addr, port string) (msg string, err error)
	SetHealth(state string) (warning string, err error)
	SetAgent(state string) (warning string, err error)
	EnableHealth() error
	DisableHealth()
	EnableAgent() error
	DisableAgent()
	SetCheckPort(v string) error
	SetCheckAddr(ip, port string) error
	SetAgentAddr(ip string) error
	SetAgentPort(v string) error
	SetAgentSend(v string) error
	// State is the server's line of "show servers state"; Conns its
	// line of "show servers conn".
	State() ServerState
	Conns() ServerConns
	// KillSessions closes the server's sessions ("shutdown sessions
	// server").
	KillSessions()
}

// ServerState is a server's "show servers state" line
// (dump_servers_state(), management.txt section 9.3).
type ServerState struct {
	BackendID                 int
	Backend                   string
	ID                        int
	Name                      string
	Addr                      string
	OpState, AdminState       int
	UWeight, IWeight          int
	SinceChange               int64
	CheckStatus, CheckResult  int
	CheckHealth               int
	CheckState, AgentState    int
	BackendForcedID, ForcedID bool
	FQDN                      string
	Port                      int
	SRVRecord                 string
	UseSSL                    bool
	CheckPort                 int
	CheckAddr, AgentAddr      string
	AgentPort                 int
}

// ServerConns is a server's "show servers conn" line.
type ServerConns struct {
	BackendID, ID    int
	Backend, Name    string
	Addr             string
	Port             int
	PurgeDelay       int
	UsedCur, UsedMax int
	NeedEst          int
	UnsafeNb, SafeNb int
	IdleLim, IdleCur int
	IdlePerThread    []int
}

// Session is one client session ("show sess").
type Session struct {
	ID       uint64
	Proto    string
	Src      string
	Frontend string
	Backend  string
	Server   string
	Age      time.Duration
	Calls    int
	// FD is the client connection's descriptor, -1 when unknown.
	FD int
}
