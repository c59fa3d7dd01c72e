package stats

// Info is the position of a "show info" field (enum info_field, INF_*,
// management.txt section 9.3 "show info").
type Info int

const (
	IName Info = iota
	IVersion
	IReleaseDate
	INbthread
	INbproc
	IProcessNum
	IPid
	IUptime
	IUptimeSec
	IMemmaxMB
	IPoolAllocMB
	IPoolUsedMB
	IPoolFailed
	IUlimitN
	IMaxsock
	IMaxconn
	IHardMaxconn
	ICurrConns
	ICumConns
	ICumReq
	IMaxSslConns
	ICurrSslConns
	ICumSslConns
	IMaxpipes
	IPipesUsed
	IPipesFree
	IConnRate
	IConnRateLimit
	IMaxConnRate
	ISessRate
	ISessRateLimit
	IMaxSessRate
	ISslRate
	ISslRateLimit
	IMaxSslRate
	ISslFrontendKeyRate
	ISslFrontendMaxKeyRate
	ISslFrontendSessionReusePct
	ISslBackendKeyRate
	ISslBackendMaxKeyRate
	ISslCacheLookups
	ISslCacheMisses
	ICompressBpsIn
	ICompressBpsOut
	ICompressBpsRateLim
	IZlibMemUsage
	IMaxZlibMemUsage
	ITasks
	IRunQueue
	IIdlePct
	INode
	IDescription
	IStopping
	IJobs
	IUnstoppableJobs
	IListeners
	IActivePeers
	IConnectedPeers
	IDroppedLogs
	IBusyPolling
	IFailedResolutions
	ITotalBytesOut
	ITotalSplicdedBytesOut
	IBytesOutRate
	IDebugCommandsIssued
	ICumRecvLogs
	IBuildInfo
	IMemmaxBytes
	IPoolAllocBytes
	IPoolUsedBytes
	IStartTimeSec
	ITainted
)

// NumInfo counts the "show info" fields.
const NumInfo = int(ITainted) + 1

// Name is the field's name.
func (i Info) Name() string {
	switch i {
	case IName:
		return "Name"
	case IVersion:
		return "Version"
	case IReleaseDate:
		return "Release_date"
	case INbthread:
		return "Nbthread"
	case INbproc:
		return "Nbproc"
	case IProcessNum:
		return "Process_num"
	case IPid:
		return "Pid"
	case IUptime:
		return "Uptime"
	case IUptimeSec:
		return "Uptime_sec"
	case IMemmaxMB:
		return "Memmax_MB"
	case IPoolAllocMB:
		return "PoolAlloc_MB"
	case IPoolUsedMB:
		return "PoolUsed_MB"
	case IPoolFailed:
		return "PoolFailed"
	case IUlimitN:
		return "Ulimit-n"
	case IMaxsock:
		return "Maxsock"
	case IMaxconn:
		return "Maxconn"
	case IHardMaxconn:
		return "Hard_maxconn"
	case ICurrConns:
		return "CurrConns"
	case ICumConns:
		return "CumConns"
	case ICumReq:
		return "CumReq"
	case IMaxSslConns:
		return "MaxSslConns"
	case ICurrSslConns:
		return "CurrSslConns"
	case ICumSslConns:
		return "CumSslConns"
	case IMaxpipes:
		return "Maxpipes"
	case IPipesUsed:
		return "PipesUsed"
	case IPipesFree:
		return "PipesFree"
	case IConnRate:
		return "ConnRate"
	case IConnRateLimit:
		return "ConnRateLimit"
	case IMaxConnRate:
		return "MaxConnRate"
	case ISessRate:
		return "SessRate"
	case ISessRateLimit:
		return "SessRateLimit"
	case IMaxSessRate:
		return "MaxSessRate"
	case ISslRate:
		return "SslRate"
	case ISslRateLimit:
		return "SslRateLimit"
	case IMaxSslRate:
		return "MaxSslRate"
	case ISslFrontendKeyRate:
		return "SslFrontendKeyRate"
	case ISslFrontendMaxKeyRate:
		return "SslFrontendMaxKeyRate"
	case ISslFrontendSessionReusePct:
		return "SslFrontendSessionReuse_pct"
	case ISslBackendKeyRate:
		return "SslBackendKeyRate"
	case ISslBackendMaxKeyRate:
		return "SslBackendMaxKeyRate"
	case ISslCacheLookups:
		return "SslCacheLookups"
	case ISslCacheMisses:
		return "SslCacheMisses"
	case ICompressBpsIn:
		return "CompressBpsIn"
	case ICompressBpsOut:
		return "CompressBpsOut"
	case ICompressBpsRateLim:
		return "CompressBpsRateLim"
	case IZlibMemUsage:
		return "ZlibMemUsage"
	case IMaxZlibMemUsage:
		return "MaxZlibMemUsage"
	case ITasks:
		return "Tasks"
	case IRunQueue:
		return "Run_queue"
	case IIdlePct:
		return "Idle_pct"
	case INode:
		return "node"
	case IDescription:
		return "description"
	case IStopping:
		return "Stopping"
	case IJobs:
		return "Jobs"
	case IUnstoppableJobs:
		return "Unstoppable Jobs"
	case IListeners:
		return "Listeners"
	case IActivePeers:
		return "ActivePeers"
	case IConnectedPeers:
		return "ConnectedPeers"
	case IDroppedLogs:
		return "DroppedLogs"
	case IBusyPolling:
		return "BusyPolling"
	case IFailedResolutions:
		return "FailedResolutions"
	case ITotalBytesOut:
		return "TotalBytesOut"
	case ITotalSplicdedBytesOut:
		return "TotalSplicdedBytesOut"
	case IBytesOutRate:
		return "BytesOutRate"
	case IDebugCommandsIssued:
		return "DebugCommandsIssued"
	case ICumRecvLogs:
		return "CumRecvLogs"
	case IBuildInfo:
		return "Build info"
	case IMemmaxBytes:
		return "Memmax_bytes"
	case IPoolAllocBytes:
		return "PoolAlloc_bytes"
	case IPoolUsedBytes:
		return "PoolUsed_bytes"
	case IStartTimeSec:
		return "Start_time_sec"
	case ITainted:
		return "Tainted"
	}
	return ""
}

// Desc is the field's description ("show info desc").
func (i Info) Desc() string {
	switch i {
	case IName:
		return "Product name"
	case IVersion:
		return "Product version"
	case IReleaseDate:
		return "Date of latest source code update"
	case INbthread:
		return "Number of started threads (global.nbthread)"
	case INbproc:
		return "Number of started worker processes (historical, always 1)"
	case IProcessNum:
		return "Relative worker process number (1)"
	case IPid:
		return "This worker process identifier for the system"
	case IUptime:
		return "How long ago this worker process was started (days+hours+minutes+seconds)"
	case IUptimeSec:
		return "How long ago this worker process was started (seconds)"
	case IMemmaxMB:
		return "Worker process's hard limit on memory usage in MB (-m on command line)"
	case IPoolAllocMB:
		return "Amount of memory allocated in pools (in MB)"
	case IPoolUsedMB:
		return "Amount of pool memory currently used (in MB)"
	case IPoolFailed:
		return "Number of failed pool allocations since this worker was started"
	case IUlimitN:
		return "Hard limit on the number of per-process file descriptors"
	case IMaxsock:
		return "Hard limit on the number of per-process sockets"
	case IMaxconn:
		return "Hard limit on the number of per-process connections (configured or imposed by Ulimit-n)"
	case IHardMaxconn:
		return "Hard limit on the number of per-process connections (imposed by Memmax_MB or Ulimit-n)"
	case ICurrConns:
		return "Current number of connections on this worker process"
	case ICumConns:
		return "Total number of connections on this worker process since started"
	case ICumReq:
		return "Total number of requests on this worker process since started"
	case IMaxSslConns:
		return "Hard limit on the number of per-process SSL endpoints (front+back), 0=unlimited"
	case ICurrSslConns:
		return "Current number of SSL endpoints on this worker process (front+back)"
	case ICumSslConns:
		return "Total number of SSL endpoints on this worker process since started (front+back)"
	case IMaxpipes:
		return "Hard limit on the number of pipes for splicing, 0=unlimited"
	case IPipesUsed:
		return "Current number of pipes in use in this worker process"
	case IPipesFree:
		return "Current number of allocated and available pipes in this worker process"
	case IConnRate:
		return "Number of front connections created on this worker process over the last second"
	case IConnRateLimit:
		return "Hard limit for ConnRate (global.maxconnrate)"
	case IMaxConnRate:
		return "Highest ConnRate reached on this worker process since started (in connections per second)"
	case ISessRate:
		return "Number of sessions created on this worker process over the last second"
	case ISessRateLimit:
		return "Hard limit for SessRate (global.maxsessrate)"
	case IMaxSessRate:
		return "Highest SessRate reached on this worker process since started (in sessions per second)"
	case ISslRate:
		return "Number of SSL connections created on this worker process over the last second"
	case ISslRateLimit:
		return "Hard limit for SslRate (global.maxsslrate)"
	case IMaxSslRate:
		return "Highest SslRate reached on this worker process since started (in connections per second)"
	case ISslFrontendKeyRate:
		return "Number of SSL keys created on frontends in this worker process over the last second"
	case ISslFrontendMaxKeyRate:
		return "Highest SslFrontendKeyRate reached on this worker process since started (in SSL keys per second)"
	case ISslFrontendSessionReusePct:
		return "Percent of frontend SSL connections which did not require a new key"
	case ISslBackendKeyRate:
		return "Number of SSL keys created on backends in this worker process over the last second"
	case ISslBackendMaxKeyRate:
		return "Highest SslBackendKeyRate reached on this worker process since started (in SSL keys per second)"
	case ISslCacheLookups:
		return "Total number of SSL session ID lookups in the SSL session cache on this worker since started"
	case ISslCacheMisses:
		return "Total number of SSL session ID lookups that didn't find a session in the SSL session cache on this worker since started"
	case ICompressBpsIn:
		return "Number of bytes submitted to the HTTP compressor in this worker process over the last second"
	case ICompressBpsOut:
		return "Number of bytes emitted by the HTTP compressor in this worker process over the last second"
	case ICompressBpsRateLim:
		return "Limit of CompressBpsOut beyond which HTTP compression is automatically disabled"
	case IZlibMemUsage:
		return "Amount of memory currently used by HTTP compression on the current worker process (in bytes)"
	case IMaxZlibMemUsage:
		return "Limit on the amount of memory used by HTTP compression above which it is automatically disabled (in bytes, see global.maxzlibmem)"
	case ITasks:
		return "Total number of tasks in the current worker process (active + sleeping)"
	case IRunQueue:
		return "Total number of active tasks+tasklets in the current worker process"
	case IIdlePct:
		return "Percentage of last second spent waiting in the current worker thread"
	case INode:
		return "Node name (global.node)"
	case IDescription:
		return "Node description (global.description)"
	case IStopping:
		return "1 if the worker process is currently stopping, otherwise zero"
	case IJobs:
		return "Current number of active jobs on the current worker process (frontend connections, master connections, listeners)"
	case IUnstoppableJobs:
		return "Current number of unstoppable jobs on the current worker process (master connections)"
	case IListeners:
		return "Current number of active listeners on the current worker process"
	case IActivePeers:
		return "Current number of verified active peers connections on the current worker process"
	case IConnectedPeers:
		return "Current number of peers having passed the connection step on the current worker process"
	case IDroppedLogs:
		return "Total number of dropped logs for current worker process since started"
	case IBusyPolling:
		return "1 if busy-polling is currently in use on the worker process, otherwise zero (config.busy-polling)"
	case IFailedResolutions:
		return "Total number of failed DNS resolutions in current worker process since started"
	case ITotalBytesOut:
		return "Total number of bytes emitted by current worker process since started"
	case ITotalSplicdedBytesOut:
		return "Total number of bytes emitted by current worker process through a kernel pipe since started"
	case IBytesOutRate:
		return "Number of bytes emitted by current worker process over the last second"
	case IDebugCommandsIssued:
		return "Number of debug commands issued on this process (anything > 0 is unsafe)"
	case ICumRecvLogs:
		return "Total number of log messages received by log-forwarding listeners on this worker process since started"
	case IBuildInfo:
		return "Build info"
	case IMemmaxBytes:
		return "Worker process's hard limit on memory usage in byes (-m on command line)"
	case IPoolAllocBytes:
		return "Amount of memory allocated in pools (in bytes)"
	case IPoolUsedBytes:
		return "Amount of pool memory currently used (in bytes)"
	case IStartTimeSec:
		return "Start time in seconds"
	case ITainted:
		return "Experimental features used"
	}
	return ""
}

// tags are the field's fixed origin, nature and scope.
func (i Info) tags() Tags {
	switch i {
	case IName:
		return "POS"
	case IVersion:
		return "POS"
	case IReleaseDate:
		return "POS"
	case INbthread:
		return "CGS"
	case INbproc:
		return "CGS"
	case IProcessNum:
		return "KGP"
	case IPid:
		return "SGP"
	case IUptime:
		return "MDP"
	case IUptimeSec:
		return "MDP"
	case IMemmaxMB:
		return "CLP"
	case IPoolAllocMB:
		return "MGP"
	case IPoolUsedMB:
		return "MGP"
	case IPoolFailed:
		return "MCP"
	case IUlimitN:
		return "CLP"
	case IMaxsock:
		return "CLP"
	case IMaxconn:
		return "CLP"
	case IHardMaxconn:
		return "CLP"
	case ICurrConns:
		return "MGP"
	case ICumConns:
		return "MCP"
	case ICumReq:
		return "MCP"
	case IMaxSslConns:
		return "MMP"
	case ICurrSslConns:
		return "MGP"
	case ICumSslConns:
		return "MCP"
	case IMaxpipes:
		return "CLP"
	case IPipesUsed:
		return "MGP"
	case IPipesFree:
		return "MGP"
	case IConnRate:
		return "MRP"
	case IConnRateLimit:
		return "CLP"
	case IMaxConnRate:
		return "MMP"
	case ISessRate:
		return "MRP"
	case ISessRateLimit:
		return "CLP"
	case IMaxSessRate:
		return "MRP"
	case ISslRate:
		return "MRP"
	case ISslRateLimit:
		return "CLP"
	case IMaxSslRate:
		return "MMP"
	case ISslFrontendKeyRate:
		return "MGP"
	case ISslFrontendMaxKeyRate:
		return "MMP"
	case ISslFrontendSessionReusePct:
		return "MGP"
	case ISslBackendKeyRate:
		return "MRP"
	case ISslBackendMaxKeyRate:
		return "MMP"
	case ISslCacheLookups:
		return "MCP"
	case ISslCacheMisses:
		return "MCP"
	case ICompressBpsIn:
		return "MRP"
	case ICompressBpsOut:
		return "MRP"
	case ICompressBpsRateLim:
		return "CLP"
	case IZlibMemUsage:
		return "MGP"
	case IMaxZlibMemUsage:
		return "CLP"
	case ITasks:
		return "MGP"
	case IRunQueue:
		return "MGP"
	case IIdlePct:
		return "MaP"
	case INode:
		return "COS"
	case IDescription:
		return "COS"
	case IStopping:
		return "MGP"
	case IJobs:
		return "MGP"
	case IUnstoppableJobs:
		return "MGP"
	case IListeners:
		return "MGP"
	case IActivePeers:
		return "MGP"
	case IConnectedPeers:
		return "MGP"
	case IDroppedLogs:
		return "MGP"
	case IBusyPolling:
		return "MGP"
	case IFailedResolutions:
		return "MGP"
	case ITotalBytesOut:
		return "MGP"
	case ITotalSplicdedBytesOut:
		return "MGP"
	case IBytesOutRate:
		return "MRP"
	case IDebugCommandsIssued:
		return "MGP"
	case ICumRecvLogs:
		return "MCP"
	case IBuildInfo:
		return "POS"
	case IMemmaxBytes:
		return "CLP"
	case IPoolAllocBytes:
		return "MGP"
	case IPoolUsedBytes:
		return "MGP"
	case IStartTimeSec:
		return "MDP"
	case ITainted:
		return "SGP"
	}
	return ""
}
