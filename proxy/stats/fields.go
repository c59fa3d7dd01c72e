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

// fieldInfo is a field's name and the description "desc" prints.
type fieldInfo struct {
	name, desc string
}

// fieldTable is read only.
var fieldTable = [NumFields]fieldInfo{
	{"pxname", "Proxy name"},
	{"svname", "Server name"},
	{"qcur", "Number of current queued connections"},
	{"qmax", "Highest value of queued connections encountered since process started"},
	{"scur", "Number of current sessions on the frontend, backend or server"},
	{"smax", "Highest value of current sessions encountered since process started"},
	{"slim", "Frontend/listener/server's maxconn, backend's fullconn"},
	{"stot", "Total number of sessions since process started"},
	{"bin", "Total number of request bytes since process started"},
	{"bout", "Total number of response bytes since process started"},
	{"dreq", "Total number of denied requests since process started"},
	{"dresp", "Total number of denied responses since process started"},
	{"ereq", "Total number of invalid requests since process started"},
	{"econ", "Total number of failed connections to server since the worker process started"},
	{"eresp", "Total number of invalid responses since the worker process started"},
	{"wretr", "Total number of server connection retries since the worker process started"},
	{"wredis", "Total number of server redispatches due to connection failures since the worker process started"},
	{"status", "Frontend/listen status: OPEN/WAITING/FULL/STOP; backend: UP/DOWN; server: last check status"},
	{"weight", "Server's effective weight, or sum of active servers' effective weights for a backend"},
	{"act", "Total number of active UP servers with a non-zero weight"},
	{"bck", "Total number of backup UP servers with a non-zero weight"},
	{"chkfail", "Total number of failed individual health checks per server/backend, since the worker process started"},
	{"chkdown", "Total number of failed checks causing UP to DOWN server transitions, per server/backend, since the worker process started"},
	{"lastchg", "How long ago the last server state changed, in seconds"},
	{"downtime", "Total time spent in DOWN state, for server or backend"},
	{"qlimit", "Limit on the number of connections in queue, for servers only (maxqueue argument)"},
	{"pid", "Relative worker process number (1)"},
	{"iid", "Frontend or Backend numeric identifier ('id' setting)"},
	{"sid", "Server numeric identifier ('id' setting)"},
	{"throttle", "Throttling ratio applied to a server's maxconn and weight during the slowstart period (0 to 100%)"},
	{"lbtot", "Total number of requests routed by load balancing since the worker process started (ignores queue pop and stickiness)"},
	{"tracked", "Name of the other server this server tracks for its state"},
	{"type", "Type of the object (Listener, Frontend, Backend, Server)"},
	{"rate", "Total number of sessions processed by this object over the last second (sessions for listeners/frontends, requests for backends/servers)"},
	{"rate_lim", "Limit on the number of sessions accepted in a second (frontend only, 'rate-limit sessions' setting)"},
	{"rate_max", "Highest value of sessions per second observed since the worker process started"},
	{"check_status", "Status report of the server's latest health check, prefixed with '*' if a check is currently in progress"},
	{"check_code", "HTTP/SMTP/LDAP status code reported by the latest server health check"},
	{"check_duration", "Total duration of the latest server health check, in milliseconds"},
	{"hrsp_1xx", "Total number of HTTP responses with status 100-199 returned by this object since the worker process started"},
	{"hrsp_2xx", "Total number of HTTP responses with status 200-299 returned by this object since the worker process started"},
	{"hrsp_3xx", "Total number of HTTP responses with status 300-399 returned by this object since the worker process started"},
	{"hrsp_4xx", "Total number of HTTP responses with status 400-499 returned by this object since the worker process started"},
	{"hrsp_5xx", "Total number of HTTP responses with status 500-599 returned by this object since the worker process started"},
	{"hrsp_other", "Total number of HTTP responses with status <100, >599 returned by this object since the worker process started (error -1 included)"},
	{"hanafail", "Total number of failed checks caused by an 'on-error' directive after an 'observe' condition matched"},
	{"req_rate", "Number of HTTP requests processed over the last second on this object"},
	{"req_rate_max", "Highest value of http requests observed since the worker process started"},
	{"req_tot", "Total number of HTTP requests processed by this object since the worker process started"},
	{"cli_abrt", "Total number of requests or connections aborted by the client since the worker process started"},
	{"srv_abrt", "Total number of requests or connections aborted by the server since the worker process started"},
	{"comp_in", "Total number of bytes submitted to the HTTP compressor for this object since the worker process started"},
	{"comp_out", "Total number of bytes emitted by the HTTP compressor for this object since the worker process started"},
	{"comp_byp", "Total number of bytes that bypassed HTTP compression for this object since the worker process started (CPU/memory/bandwidth limitation)"},
	{"comp_rsp", "Total number of HTTP responses that were compressed for this object since the worker process started"},
	{"lastsess", "How long ago some traffic was seen on this object on this worker process, in seconds"},
	{"last_chk", "Short description of the latest health check report for this server (see also check_desc)"},
	{"last_agt", "Short description of the latest agent check report for this server (see also agent_desc)"},
	{"qtime", "Time spent in the queue, in milliseconds, averaged over the 1024 last requests (backend/server)"},
	{"ctime", "Time spent waiting for a connection to complete, in milliseconds, averaged over the 1024 last requests (backend/server)"},
	{"rtime", "Time spent waiting for a server response, in milliseconds, averaged over the 1024 last requests (backend/server)"},
	{"ttime", "Total request+response time (request+queue+connect+response+processing), in milliseconds, averaged over the 1024 last requests (backend/server)"},
	{"agent_status", "Status report of the server's latest agent check, prefixed with '*' if a check is currently in progress"},
	{"agent_code", "Status code reported by the latest server agent check"},
	{"agent_duration", "Total duration of the latest server agent check, in milliseconds"},
	{"check_desc", "Textual description of the latest health check report for this server"},
	{"agent_desc", "Textual description of the latest agent check report for this server"},
	{"check_rise", "Number of successful health checks before declaring a server UP (server 'rise' setting)"},
	{"check_fall", "Number of failed health checks before declaring a server DOWN (server 'fall' setting)"},
	{"check_health", "Current server health check level (0..fall-1=DOWN, fall..rise-1=UP)"},
	{"agent_rise", "Number of successful agent checks before declaring a server UP (server 'rise' setting)"},
	{"agent_fall", "Number of failed agent checks before declaring a server DOWN (server 'fall' setting)"},
	{"agent_health", "Current server agent check level (0..fall-1=DOWN, fall..rise-1=UP)"},
	{"addr", "Server's address:port, shown only if show-legends is set, or at levels oper/admin for the CLI"},
	{"cookie", "Backend's cookie name or Server's cookie value, shown only if show-legends is set, or at levels oper/admin for the CLI"},
	{"mode", "'mode' setting (tcp/http/health/cli)"},
	{"algo", "Backend's load balancing algorithm, shown only if show-legends is set, or at levels oper/admin for the CLI"},
	{"conn_rate", "Number of new connections accepted over the last second on the frontend for this worker process"},
	{"conn_rate_max", "Highest value of connections per second observed since the worker process started"},
	{"conn_tot", "Total number of new connections accepted on this frontend since the worker process started"},
	{"intercepted", "Total number of HTTP requests intercepted on the frontend (redirects/stats/services) since the worker process started"},
	{"dcon", "Total number of incoming connections blocked on a listener/frontend by a tcp-request connection rule since the worker process started"},
	{"dses", "Total number of incoming sessions blocked on a listener/frontend by a tcp-request connection rule since the worker process started"},
	{"wrew", "Total number of failed HTTP header rewrites since the worker process started"},
	{"connect", "Total number of outgoing connection attempts on this backend/server since the worker process started"},
	{"reuse", "Total number of reused connection on this backend/server since the worker process started"},
	{"cache_lookups", "Total number of HTTP requests looked up in the cache on this frontend/backend since the worker process started"},
	{"cache_hits", "Total number of HTTP requests not found in the cache on this frontend/backend since the worker process started"},
	{"srv_icur", "Current number of idle connections available for reuse on this server"},
	{"src_ilim", "Limit on the number of available idle connections on this server (server 'pool_max_conn' directive)"},
	{"qtime_max", "Maximum observed time spent in the queue, in milliseconds (backend/server)"},
	{"ctime_max", "Maximum observed time spent waiting for a connection to complete, in milliseconds (backend/server)"},
	{"rtime_max", "Maximum observed time spent waiting for a server response, in milliseconds (backend/server)"},
	{"ttime_max", "Maximum observed total request+response time (request+queue+connect+response+processing), in milliseconds (backend/server)"},
	{"eint", "Total number of internal errors since process started"},
	{"idle_conn_cur", "Current number of unsafe idle connections"},
	{"safe_conn_cur", "Current number of safe idle connections"},
	{"used_conn_cur", "Current number of connections in use"},
	{"need_conn_est", "Estimated needed number of connections"},
	{"uweight", "Server's user weight, or sum of active servers' user weights for a backend"},
	{"agg_server_status", "Backend's aggregated gauge of servers' status"},
	{"agg_server_check_status", "Backend's aggregated gauge of servers' state check status"},
	{"agg_check_status", "Backend's aggregated gauge of servers' state check status"},
	{"ssl_sess", "Total number of ssl sessions established"},
	{"ssl_reused_sess", "Total number of ssl sessions reused"},
	{"ssl_failed_handshake", "Total number of failed handshake"},
	{"h2_headers_rcvd", "Total number of received HEADERS frames"},
	{"h2_data_rcvd", "Total number of received DATA frames"},
	{"h2_settings_rcvd", "Total number of received SETTINGS frames"},
	{"h2_rst_stream_rcvd", "Total number of received RST_STREAM frames"},
	{"h2_goaway_rcvd", "Total number of received GOAWAY frames"},
	{"h2_detected_conn_protocol_errors", "Total number of connection protocol errors"},
	{"h2_detected_strm_protocol_errors", "Total number of stream protocol errors"},
	{"h2_rst_stream_resp", "Total number of RST_STREAM sent on detected error"},
	{"h2_goaway_resp", "Total number of GOAWAY sent on detected error"},
	{"h2_open_connections", "Count of currently open connections"},
	{"h2_backend_open_streams", "Count of currently open streams"},
	{"h2_total_connections", "Total number of connections"},
	{"h2_backend_total_streams", "Total number of streams"},
	{"h1_open_connections", "Count of currently open connections"},
	{"h1_open_streams", "Count of currently open streams"},
	{"h1_total_connections", "Total number of connections"},
	{"h1_total_streams", "Total number of streams"},
	{"h1_bytes_in", "Total number of bytes received"},
	{"h1_bytes_out", "Total number of bytes send"},
	{"h1_spliced_bytes_in", "Total number of bytes received using kernel splicing"},
	{"h1_spliced_bytes_out", "Total number of bytes sendusing kernel splicing"},
}

// Name is the field's name as the CSV header and the typed output spell
// it.
func (f Field) Name() string { return fieldTable[f].name }

// Desc is the field's description ("show stat desc").
func (f Field) Desc() string { return fieldTable[f].desc }

// FieldByName finds a field by name.
func FieldByName(name string) (Field, bool) {
	for i := range fieldTable {
		if fieldTable[i].name == name {
			return Field(i), true
		}
	}
	return 0, false
}
