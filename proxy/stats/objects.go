package stats

// Counters are the traffic counters of a frontend, backend, server or
// listener (struct fe_counters / be_counters, plus the rates and
// averages 2.6 keeps beside them). The engine copies its atomics in; a
// counter it does not keep stays zero.
type Counters struct {
	// Sessions is cum_sess for frontends and servers, cum_conn for
	// backends ("stot"); Conns is a frontend's or listener's cum_conn.
	Sessions, Conns   uint64
	BytesIn, BytesOut uint64
	DeniedReq         uint64
	DeniedResp        uint64
	DeniedConn        uint64
	DeniedSess        uint64
	FailedReq         uint64
	FailedConns       uint64
	FailedResp        uint64
	Retries           uint64
	Redispatches      uint64
	FailedRewrites    uint64
	InternalErrors    uint64
	Connect, Reuse    uint64
	// LbConn is cum_lbconn ("lbtot").
	LbConn               uint64
	CliAborts, SrvAborts uint64
	Intercepted          uint64
	CacheLookups         uint64
	CacheHits            uint64
	CompIn, CompOut      uint64
	CompByp, CompRsp     uint64
	// Requests is the HTTP cum_req; Rsp counts responses by class,
	// "other" at index 0.
	Requests uint64
	Rsp      [6]uint64
	// MaxCur is conn_max (cur_sess_max for servers) and MaxQueue
	// nbpend_max.
	MaxCur, MaxQueue uint64
	// Rates over the last second and their maxima.
	SessRate, SessRateMax uint32
	ConnRate, ConnRateMax uint32
	ReqRate, ReqRateMax   uint32
	// LastSess is how long ago, in seconds, the last session was
	// seen; -1 when never.
	LastSess int64
	// Averages over the last 1024 requests, and maxima, in
	// milliseconds.
	QTime, CTime, RTime, TTime             uint32
	QTimeMax, CTimeMax, RTimeMax, TTimeMax uint32
	// H1 is the h1 multiplexer's module counters.
	H1 H1Counters
}

// H1Counters are the "h1" stats module's fields.
type H1Counters struct {
	OpenConns, OpenStreams   uint64
	TotalConns, TotalStreams uint64
	BytesIn, BytesOut        uint64
}

// Frontend is a frontend, or the frontend side of a listen section.
type Frontend struct {
	Name string
	ID   int
	Mode string
	// Status is "OPEN", "STOP" (disabled or stopped) or "PAUSED".
	Status string
	// Cur is feconn; Limit the frontend's maxconn; RateLimit "rate-limit
	// sessions".
	Cur, Limit int
	RateLimit  int
	C          Counters
}

// Listener is a bind line's socket, reported with "option socket-stats".
type Listener struct {
	Name string
	ID   int
	// Addr is "ip:port", "[ipv6]:port" or "unix".
	Addr   string
	Status string
	Cur    int
	Limit  int
	C      Counters
}

// SrvState is a server's operational state (enum srv_state).
type SrvState uint8

const (
	SrvStopped SrvState = iota
	SrvStarting
	SrvRunning
	SrvStopping
)

// Admin is a server's administrative state (SRV_ADMF_*).
type Admin uint8

const (
	// AdminMaint is forced maintenance; AdminIMaint maintenance inherited
	// from a tracked server; AdminRMaint maintenance after a failed DNS
	// resolution; AdminDrain forced drain.
	AdminMaint Admin = 1 << iota
	AdminIMaint
	AdminRMaint
	AdminDrain
	AdminCMaint
)

// InMaint reports any kind of maintenance.
func (a Admin) InMaint() bool { return a&(AdminMaint|AdminIMaint|AdminRMaint|AdminCMaint) != 0 }

// Check is the state of a health or agent check as the stats show it.
type Check struct {
	// Enabled is CHK_ST_ENABLED, Paused CHK_ST_PAUSED, Running
	// CHK_ST_INPROGRESS.
	Enabled, Paused, Running bool
	// Status is get_check_status_info(): "L4OK", "L7STS"...; Desc its
	// description, Last the check's own message.
	Status, Desc, Last string
	// Code exists from L57DATA on; Duration once checked.
	Code        int
	HasCode     bool
	Duration    int64
	HasDuration bool
	Rise, Fall  int
	Health      int
}

// Server is one server of a backend.
type Server struct {
	Proxy string
	// ProxyID is the backend's id.
	ProxyID int
	Name    string
	ID      int
	Mode    string
	Addr    string
	Cookie  string
	Backup  bool
	// Maxconn and Maxqueue are 0 when unset; MaxIdle is -1 when unset.
	Maxconn, Maxqueue int
	MaxIdle           int
	Cur, Queue        int
	IdleCur, SafeCur  int
	UsedCur, NeedEst  int
	IdleConns         int
	State             SrvState
	Admin             Admin
	// Via is "backend/server" when the server tracks another one. Ref
	// is the end of the tracking chain (the server itself without
	// tracking): its state and checks decide the status.
	Via   string
	Check Check
	Agent Check
	Ref   *Server
	// Observe is set when the checked server has "observe".
	Observe bool
	// EWeight is the effective weight scaled back to user weights;
	// UWeight the user weight.
	EWeight, UWeight int
	// Throttle is the slowstart ratio in percent, -1 outside slowstart.
	Throttle int
	// LastChange is the age of the last state change, DownTime the
	// time spent DOWN, both in seconds.
	LastChange, DownTime int64
	// FailedChecks, DownTrans and FailedHana are chkfail, chkdown and
	// hanafail.
	FailedChecks, DownTrans, FailedHana uint64
	// Status replaces the computed status text when set (the checks
	// engine computes it itself).
	Status string
	C      Counters
}

// Backend is a backend, or the backend side of a listen section.
type Backend struct {
	Name, Mode string
	ID         int
	// Algo is the balance algorithm's name; Cookie the cookie name.
	Algo, Cookie string
	Queue, Cur   int
	Fullconn     int
	// TotWeight is the sum of the usable servers' effective weights,
	// scaled to user weights; UWeight the sum of their user weights.
	TotWeight, UWeight int
	// Act and Bck count the usable active and backup servers.
	Act, Bck int
	// HasServers is false for a section without server (stats only).
	HasServers bool
	LastChange int64
	DownTime   int64
	DownTrans  uint64
	C          Counters
}

// Proxy is one frontend, backend or listen section with what it holds,
// in declaration order.
type Proxy struct {
	Name string
	ID   int
	// Desc is the proxy's "description", shown in the page's title.
	Desc string
	// Frontend is nil for a backend; Backend nil for a frontend.
	Frontend  *Frontend
	Listeners []*Listener
	Servers   []*Server
	Backend   *Backend
}
