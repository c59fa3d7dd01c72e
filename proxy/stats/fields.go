package stats

// Field is the position of a stats field (enum stat_field, ST_F_*, then
// the fields of the stats modules 2.6 registers: ssl, h2 and h1, in that
// order). Positions and names are those of management.txt section 9.1;
// tools rely on them.
type Field int

const (
	FPxname Field = iota
	FSvname
	FQcur
	FQmax
	FScur
	FSmax
	FSlim
	FStot
	FBin
	FBout
	FDreq
	FDresp
	FEreq
	FEcon
	FEresp
	FWretr
	FWredis
	FStatus
	FWeight
	FAct
	FBck
	FChkfail
	FChkdown
	FLastchg
	FDowntime
	FQlimit
	FPid
	FIid
	FSid
	FThrottle
	FLbtot
	FTracked
	FType
	FRate
	FRateLim
	FRateMax
	FCheckStatus
	FCheckCode
	FCheckDuration
	FHrsp1xx
	FHrsp2xx
	FHrsp3xx
	FHrsp4xx
	FHrsp5xx
	FHrspOther
	FHanafail
	FReqRate
	FReqRateMax
	FReqTot
	FCliAbrt
	FSrvAbrt
	FCompIn
	FCompOut
	FCompByp
	FCompRsp
	FLastsess
	FLastChk
	FLastAgt
	FQtime
	FCtime
	FRtime
	FTtime
	FAgentStatus
	FAgentCode
	FAgentDuration
	FCheckDesc
	FAgentDesc
	FCheckRise
	FCheckFall
	FCheckHealth
	FAgentRise
	FAgentFall
	FAgentHealth
	FAddr
	FCookie
	FMode
	FAlgo
	FConnRate
	FConnRateMax
	FConnTot
	FIntercepted
	FDcon
	FDses
	FWrew
	FConnect
	FReuse
	FCacheLookups
	FCacheHits
	FSrvIcur
	FSrcIlim
	FQtimeMax
	FCtimeMax
	FRtimeMax
	FTtimeMax
	FEint
	FIdleConnCur
	FSafeConnCur
	FUsedConnCur
	FNeedConnEst
	FUweight
	FAggServerStatus
	FAggServerCheckStatus
	FAggCheckStatus
	FSslSess
	FSslReusedSess
	FSslFailedHandshake
	FH2HeadersRcvd
	FH2DataRcvd
	FH2SettingsRcvd
	FH2RstStreamRcvd
	FH2GoawayRcvd
	FH2DetectedConnProtocolErrors
	FH2DetectedStrmProtocolErrors
	FH2RstStreamResp
	FH2GoawayResp
	FH2OpenConnections
	FH2BackendOpenStreams
	FH2TotalConnections
	FH2BackendTotalStreams
	FH1OpenConnections
	FH1OpenStreams
	FH1TotalConnections
	FH1TotalStreams
	FH1BytesIn
	FH1BytesOut
	FH1SplicedBytesIn
	FH1SplicedBytesOut
)

// NumFields counts every field, module fields included; NumStdFields the
// fields before the "-" column of the CSV.
const (
	NumFields    = int(FH1SplicedBytesOut) + 1
	NumStdFields = int(FSslSess)
)

// Name is the field's name as the CSV header and the typed output spell
// it.
func (f Field) Name() string {
	switch f {
	case FPxname:
		return "pxname"
	case FSvname:
		return "svname"
	case FQcur:
		return "qcur"
	case FQmax:
		return "qmax"
	case FScur:
		return "scur"
	case FSmax:
		return "smax"
	case FSlim:
		return "slim"
	case FStot:
		return "stot"
	case FBin:
		return "bin"
	case FBout:
		return "bout"
	case FDreq:
		return "dreq"
	case FDresp:
		return "dresp"
	case FEreq:
		return "ereq"
	case FEcon:
		return "econ"
	case FEresp:
		return "eresp"
	case FWretr:
		return "wretr"
	case FWredis:
		return "wredis"
	case FStatus:
		return "status"
	case FWeight:
		return "weight"
	case FAct:
		return "act"
	case FBck:
		return "bck"
	case FChkfail:
		return "chkfail"
	case FChkdown:
		return "chkdown"
	case FLastchg:
		return "lastchg"
	case FDowntime:
		return "downtime"
	case FQlimit:
		return "qlimit"
	case FPid:
		return "pid"
	case FIid:
		return "iid"
	case FSid:
		return "sid"
	case FThrottle:
		return "throttle"
	case FLbtot:
		return "lbtot"
	case FTracked:
		return "tracked"
	case FType:
		return "type"
	case FRate:
		return "rate"
	case FRateLim:
		return "rate_lim"
	case FRateMax:
		return "rate_max"
	case FCheckStatus:
		return "check_status"
	case FCheckCode:
		return "check_code"
	case FCheckDuration:
		return "check_duration"
	case FHrsp1xx:
		return "hrsp_1xx"
	case FHrsp2xx:
		return "hrsp_2xx"
	case FHrsp3xx:
		return "hrsp_3xx"
	case FHrsp4xx:
		return "hrsp_4xx"
	case FHrsp5xx:
		return "hrsp_5xx"
	case FHrspOther:
		return "hrsp_other"
	case FHanafail:
		return "hanafail"
	case FReqRate:
		return "req_rate"
	case FReqRateMax:
		return "req_rate_max"
	case FReqTot:
		return "req_tot"
	case FCliAbrt:
		return "cli_abrt"
	case FSrvAbrt:
		return "srv_abrt"
	case FCompIn:
		return "comp_in"
	case FCompOut:
		return "comp_out"
	case FCompByp:
		return "comp_byp"
	case FCompRsp:
		return "comp_rsp"
	case FLastsess:
		return "lastsess"
	case FLastChk:
		return "last_chk"
	case FLastAgt:
		return "last_agt"
	case FQtime:
		return "qtime"
	case FCtime:
		return "ctime"
	case FRtime:
		return "rtime"
	case FTtime:
		return "ttime"
	case FAgentStatus:
		return "agent_status"
	case FAgentCode:
		return "agent_code"
	case FAgentDuration:
		return "agent_duration"
	case FCheckDesc:
		return "check_desc"
	case FAgentDesc:
		return "agent_desc"
	case FCheckRise:
		return "check_rise"
	case FCheckFall:
		return "check_fall"
	case FCheckHealth:
		return "check_health"
	case FAgentRise:
		return "agent_rise"
	case FAgentFall:
		return "agent_fall"
	case FAgentHealth:
		return "agent_health"
	case FAddr:
		return "addr"
	case FCookie:
		return "cookie"
	case FMode:
		return "mode"
	case FAlgo:
		return "algo"
	case FConnRate:
		return "conn_rate"
	case FConnRateMax:
		return "conn_rate_max"
	case FConnTot:
		return "conn_tot"
	case FIntercepted:
		return "intercepted"
	case FDcon:
		return "dcon"
	case FDses:
		return "dses"
	case FWrew:
		return "wrew"
	case FConnect:
		return "connect"
	case FReuse:
		return "reuse"
	case FCacheLookups:
		return "cache_lookups"
	case FCacheHits:
		return "cache_hits"
	case FSrvIcur:
		return "srv_icur"
	case FSrcIlim:
		return "src_ilim"
	case FQtimeMax:
		return "qtime_max"
	case FCtimeMax:
		return "ctime_max"
	case FRtimeMax:
		return "rtime_max"
	case FTtimeMax:
		return "ttime_max"
	case FEint:
		return "eint"
	case FIdleConnCur:
		return "idle_conn_cur"
	case FSafeConnCur:
		return "safe_conn_cur"
	case FUsedConnCur:
		return "used_conn_cur"
	case FNeedConnEst:
		return "need_conn_est"
	case FUweight:
		return "uweight"
	case FAggServerStatus:
		return "agg_server_status"
	case FAggServerCheckStatus:
		return "agg_server_check_status"
	case FAggCheckStatus:
		return "agg_check_status"
	case FSslSess:
		return "ssl_sess"
	case FSslReusedSess:
		return "ssl_reused_sess"
	case FSslFailedHandshake:
		return "ssl_failed_handshake"
	case FH2HeadersRcvd:
		return "h2_headers_rcvd"
	case FH2DataRcvd:
		return "h2_data_rcvd"
	case FH2SettingsRcvd:
		return "h2_settings_rcvd"
	case FH2RstStreamRcvd:
		return "h2_rst_stream_rcvd"
	case FH2GoawayRcvd:
		return "h2_goaway_rcvd"
	case FH2DetectedConnProtocolErrors:
		return "h2_detected_conn_protocol_errors"
	case FH2DetectedStrmProtocolErrors:
		return "h2_detected_strm_protocol_errors"
	case FH2RstStreamResp:
		return "h2_rst_stream_resp"
	case FH2GoawayResp:
		return "h2_goaway_resp"
	case FH2OpenConnections:
		return "h2_open_connections"
	case FH2BackendOpenStreams:
		return "h2_backend_open_streams"
	case FH2TotalConnections:
		return "h2_total_connections"
	case FH2BackendTotalStreams:
		return "h2_backend_total_streams"
	case FH1OpenConnections:
		return "h1_open_connections"
	case FH1OpenStreams:
		return "h1_open_streams"
	case FH1TotalConnections:
		return "h1_total_connections"
	case FH1TotalStreams:
		return "h1_total_streams"
	case FH1BytesIn:
		return "h1_bytes_in"
	case FH1BytesOut:
		return "h1_bytes_out"
	case FH1SplicedBytesIn:
		return "h1_spliced_bytes_in"
	case FH1SplicedBytesOut:
		return "h1_spliced_bytes_out"
	}
	return ""
}

// Desc is the field's description ("show stat desc").
func (f Field) Desc() string {
	switch f {
	case FPxname:
		return "Proxy name"
	case FSvname:
		return "Server name"
	case FQcur:
		return "Number of current queued connections"
	case FQmax:
		return "Highest value of queued connections encountered since process started"
	case FScur:
		return "Number of current sessions on the frontend, backend or server"
	case FSmax:
		return "Highest value of current sessions encountered since process started"
	case FSlim:
		return "Frontend/listener/server's maxconn, backend's fullconn"
	case FStot:
		return "Total number of sessions since process started"
	case FBin:
		return "Total number of request bytes since process started"
	case FBout:
		return "Total number of response bytes since process started"
	case FDreq:
		return "Total number of denied requests since process started"
	case FDresp:
		return "Total number of denied responses since process started"
	case FEreq:
		return "Total number of invalid requests since process started"
	case FEcon:
		return "Total number of failed connections to server since the worker process started"
	case FEresp:
		return "Total number of invalid responses since the worker process started"
	case FWretr:
		return "Total number of server connection retries since the worker process started"
	case FWredis:
		return "Total number of server redispatches due to connection failures since the worker process started"
	case FStatus:
		return "Frontend/listen status: OPEN/WAITING/FULL/STOP; backend: UP/DOWN; server: last check status"
	case FWeight:
		return "Server's effective weight, or sum of active servers' effective weights for a backend"
	case FAct:
		return "Total number of active UP servers with a non-zero weight"
	case FBck:
		return "Total number of backup UP servers with a non-zero weight"
	case FChkfail:
		return "Total number of failed individual health checks per server/backend, since the worker process started"
	case FChkdown:
		return "Total number of failed checks causing UP to DOWN server transitions, per server/backend, since the worker process started"
	case FLastchg:
		return "How long ago the last server state changed, in seconds"
	case FDowntime:
		return "Total time spent in DOWN state, for server or backend"
	case FQlimit:
		return "Limit on the number of connections in queue, for servers only (maxqueue argument)"
	case FPid:
		return "Relative worker process number (1)"
	case FIid:
		return "Frontend or Backend numeric identifier ('id' setting)"
	case FSid:
		return "Server numeric identifier ('id' setting)"
	case FThrottle:
		return "Throttling ratio applied to a server's maxconn and weight during the slowstart period (0 to 100%)"
	case FLbtot:
		return "Total number of requests routed by load balancing since the worker process started (ignores queue pop and stickiness)"
	case FTracked:
		return "Name of the other server this server tracks for its state"
	case FType:
		return "Type of the object (Listener, Frontend, Backend, Server)"
	case FRate:
		return "Total number of sessions processed by this object over the last second (sessions for listeners/frontends, requests for backends/servers)"
	case FRateLim:
		return "Limit on the number of sessions accepted in a second (frontend only, 'rate-limit sessions' setting)"
	case FRateMax:
		return "Highest value of sessions per second observed since the worker process started"
	case FCheckStatus:
		return "Status report of the server's latest health check, prefixed with '*' if a check is currently in progress"
	case FCheckCode:
		return "HTTP/SMTP/LDAP status code reported by the latest server health check"
	case FCheckDuration:
		return "Total duration of the latest server health check, in milliseconds"
	case FHrsp1xx:
		return "Total number of HTTP responses with status 100-199 returned by this object since the worker process started"
	case FHrsp2xx:
		return "Total number of HTTP responses with status 200-299 returned by this object since the worker process started"
	case FHrsp3xx:
		return "Total number of HTTP responses with status 300-399 returned by this object since the worker process started"
	case FHrsp4xx:
		return "Total number of HTTP responses with status 400-499 returned by this object since the worker process started"
	case FHrsp5xx:
		return "Total number of HTTP responses with status 500-599 returned by this object since the worker process started"
	case FHrspOther:
		return "Total number of HTTP responses with status <100, >599 returned by this object since the worker process started (error -1 included)"
	case FHanafail:
		return "Total number of failed checks caused by an 'on-error' directive after an 'observe' condition matched"
	case FReqRate:
		return "Number of HTTP requests processed over the last second on this object"
	case FReqRateMax:
		return "Highest value of http requests observed since the worker process started"
	case FReqTot:
		return "Total number of HTTP requests processed by this object since the worker process started"
	case FCliAbrt:
		return "Total number of requests or connections aborted by the client since the worker process started"
	case FSrvAbrt:
		return "Total number of requests or connections aborted by the server since the worker process started"
	case FCompIn:
		return "Total number of bytes submitted to the HTTP compressor for this object since the worker process started"
	case FCompOut:
		return "Total number of bytes emitted by the HTTP compressor for this object since the worker process started"
	case FCompByp:
		return "Total number of bytes that bypassed HTTP compression for this object since the worker process started (CPU/memory/bandwidth limitation)"
	case FCompRsp:
		return "Total number of HTTP responses that were compressed for this object since the worker process started"
	case FLastsess:
		return "How long ago some traffic was seen on this object on this worker process, in seconds"
	case FLastChk:
		return "Short description of the latest health check report for this server (see also check_desc)"
	case FLastAgt:
		return "Short description of the latest agent check report for this server (see also agent_desc)"
	case FQtime:
		return "Time spent in the queue, in milliseconds, averaged over the 1024 last requests (backend/server)"
	case FCtime:
		return "Time spent waiting for a connection to complete, in milliseconds, averaged over the 1024 last requests (backend/server)"
	case FRtime:
		return "Time spent waiting for a server response, in milliseconds, averaged over the 1024 last requests (backend/server)"
	case FTtime:
		return "Total request+response time (request+queue+connect+response+processing), in milliseconds, averaged over the 1024 last requests (backend/server)"
	case FAgentStatus:
		return "Status report of the server's latest agent check, prefixed with '*' if a check is currently in progress"
	case FAgentCode:
		return "Status code reported by the latest server agent check"
	case FAgentDuration:
		return "Total duration of the latest server agent check, in milliseconds"
	case FCheckDesc:
		return "Textual description of the latest health check report for this server"
	case FAgentDesc:
		return "Textual description of the latest agent check report for this server"
	case FCheckRise:
		return "Number of successful health checks before declaring a server UP (server 'rise' setting)"
	case FCheckFall:
		return "Number of failed health checks before declaring a server DOWN (server 'fall' setting)"
	case FCheckHealth:
		return "Current server health check level (0..fall-1=DOWN, fall..rise-1=UP)"
	case FAgentRise:
		return "Number of successful agent checks before declaring a server UP (server 'rise' setting)"
	case FAgentFall:
		return "Number of failed agent checks before declaring a server DOWN (server 'fall' setting)"
	case FAgentHealth:
		return "Current server agent check level (0..fall-1=DOWN, fall..rise-1=UP)"
	case FAddr:
		return "Server's address:port, shown only if show-legends is set, or at levels oper/admin for the CLI"
	case FCookie:
		return "Backend's cookie name or Server's cookie value, shown only if show-legends is set, or at levels oper/admin for the CLI"
	case FMode:
		return "'mode' setting (tcp/http/health/cli)"
	case FAlgo:
		return "Backend's load balancing algorithm, shown only if show-legends is set, or at levels oper/admin for the CLI"
	case FConnRate:
		return "Number of new connections accepted over the last second on the frontend for this worker process"
	case FConnRateMax:
		return "Highest value of connections per second observed since the worker process started"
	case FConnTot:
		return "Total number of new connections accepted on this frontend since the worker process started"
	case FIntercepted:
		return "Total number of HTTP requests intercepted on the frontend (redirects/stats/services) since the worker process started"
	case FDcon:
		return "Total number of incoming connections blocked on a listener/frontend by a tcp-request connection rule since the worker process started"
	case FDses:
		return "Total number of incoming sessions blocked on a listener/frontend by a tcp-request connection rule since the worker process started"
	case FWrew:
		return "Total number of failed HTTP header rewrites since the worker process started"
	case FConnect:
		return "Total number of outgoing connection attempts on this backend/server since the worker process started"
	case FReuse:
		return "Total number of reused connection on this backend/server since the worker process started"
	case FCacheLookups:
		return "Total number of HTTP requests looked up in the cache on this frontend/backend since the worker process started"
	case FCacheHits:
		return "Total number of HTTP requests not found in the cache on this frontend/backend since the worker process started"
	case FSrvIcur:
		return "Current number of idle connections available for reuse on this server"
	case FSrcIlim:
		return "Limit on the number of available idle connections on this server (server 'pool_max_conn' directive)"
	case FQtimeMax:
		return "Maximum observed time spent in the queue, in milliseconds (backend/server)"
	case FCtimeMax:
		return "Maximum observed time spent waiting for a connection to complete, in milliseconds (backend/server)"
	case FRtimeMax:
		return "Maximum observed time spent waiting for a server response, in milliseconds (backend/server)"
	case FTtimeMax:
		return "Maximum observed total request+response time (request+queue+connect+response+processing), in milliseconds (backend/server)"
	case FEint:
		return "Total number of internal errors since process started"
	case FIdleConnCur:
		return "Current number of unsafe idle connections"
	case FSafeConnCur:
		return "Current number of safe idle connections"
	case FUsedConnCur:
		return "Current number of connections in use"
	case FNeedConnEst:
		return "Estimated needed number of connections"
	case FUweight:
		return "Server's user weight, or sum of active servers' user weights for a backend"
	case FAggServerStatus:
		return "Backend's aggregated gauge of servers' status"
	case FAggServerCheckStatus:
		return "Backend's aggregated gauge of servers' state check status"
	case FAggCheckStatus:
		return "Backend's aggregated gauge of servers' state check status"
	case FSslSess:
		return "Total number of ssl sessions established"
	case FSslReusedSess:
		return "Total number of ssl sessions reused"
	case FSslFailedHandshake:
		return "Total number of failed handshake"
	case FH2HeadersRcvd:
		return "Total number of received HEADERS frames"
	case FH2DataRcvd:
		return "Total number of received DATA frames"
	case FH2SettingsRcvd:
		return "Total number of received SETTINGS frames"
	case FH2RstStreamRcvd:
		return "Total number of received RST_STREAM frames"
	case FH2GoawayRcvd:
		return "Total number of received GOAWAY frames"
	case FH2DetectedConnProtocolErrors:
		return "Total number of connection protocol errors"
	case FH2DetectedStrmProtocolErrors:
		return "Total number of stream protocol errors"
	case FH2RstStreamResp:
		return "Total number of RST_STREAM sent on detected error"
	case FH2GoawayResp:
		return "Total number of GOAWAY sent on detected error"
	case FH2OpenConnections:
		return "Count of currently open connections"
	case FH2BackendOpenStreams:
		return "Count of currently open streams"
	case FH2TotalConnections:
		return "Total number of connections"
	case FH2BackendTotalStreams:
		return "Total number of streams"
	case FH1OpenConnections:
		return "Count of currently open connections"
	case FH1OpenStreams:
		return "Count of currently open streams"
	case FH1TotalConnections:
		return "Total number of connections"
	case FH1TotalStreams:
		return "Total number of streams"
	case FH1BytesIn:
		return "Total number of bytes received"
	case FH1BytesOut:
		return "Total number of bytes send"
	case FH1SplicedBytesIn:
		return "Total number of bytes received using kernel splicing"
	case FH1SplicedBytesOut:
		return "Total number of bytes sendusing kernel splicing"
	}
	return ""
}

// FieldByName finds a field by name.
func FieldByName(name string) (Field, bool) {
	for f := Field(0); f < Field(NumFields); f++ {
		if f.Name() == name {
			return f, true
		}
	}
	return 0, false
}
