package promex

import "hakeep/proxy/stats"

// metricType is a family's Prometheus type.
type metricType string

const (
	gauge   metricType = "gauge"
	counter metricType = "counter"
)

// globalMetric is one haproxy_process_* family: a "show info" field,
// whose description is the help text.
type globalMetric struct {
	name string
	typ  metricType
	info stats.Info
}

// globalMetrics are promex_global_metrics in 2.6's order.
func globalMetrics() []globalMetric {
	return []globalMetric{
		{"nbthread", gauge, stats.INbthread},
		{"nbproc", gauge, stats.INbproc},
		{"relative_process_id", gauge, stats.IProcessNum},
		{"uptime_seconds", gauge, stats.IUptimeSec},
		{"pool_failures_total", counter, stats.IPoolFailed},
		{"max_fds", gauge, stats.IUlimitN},
		{"max_sockets", gauge, stats.IMaxsock},
		{"max_connections", gauge, stats.IMaxconn},
		{"hard_max_connections", gauge, stats.IHardMaxconn},
		{"current_connections", gauge, stats.ICurrConns},
		{"connections_total", counter, stats.ICumConns},
		{"requests_total", counter, stats.ICumReq},
		{"max_ssl_connections", gauge, stats.IMaxSslConns},
		{"current_ssl_connections", gauge, stats.ICurrSslConns},
		{"ssl_connections_total", counter, stats.ICumSslConns},
		{"max_pipes", gauge, stats.IMaxpipes},
		{"pipes_used_total", counter, stats.IPipesUsed},
		{"pipes_free_total", counter, stats.IPipesFree},
		{"current_connection_rate", gauge, stats.IConnRate},
		{"limit_connection_rate", gauge, stats.IConnRateLimit},
		{"max_connection_rate", gauge, stats.IMaxConnRate},
		{"current_session_rate", gauge, stats.ISessRate},
		{"limit_session_rate", gauge, stats.ISessRateLimit},
		{"max_session_rate", gauge, stats.IMaxSessRate},
		{"current_ssl_rate", gauge, stats.ISslRate},
		{"limit_ssl_rate", gauge, stats.ISslRateLimit},
		{"max_ssl_rate", gauge, stats.IMaxSslRate},
		{"current_frontend_ssl_key_rate", gauge, stats.ISslFrontendKeyRate},
		{"max_frontend_ssl_key_rate", gauge, stats.ISslFrontendMaxKeyRate},
		{"frontend_ssl_reuse", gauge, stats.ISslFrontendSessionReusePct},
		{"current_backend_ssl_key_rate", gauge, stats.ISslBackendKeyRate},
		{"max_backend_ssl_key_rate", gauge, stats.ISslBackendMaxKeyRate},
		{"ssl_cache_lookups_total", counter, stats.ISslCacheLookups},
		{"ssl_cache_misses_total", counter, stats.ISslCacheMisses},
		{"http_comp_bytes_in_total", counter, stats.ICompressBpsIn},
		{"http_comp_bytes_out_total", counter, stats.ICompressBpsOut},
		{"limit_http_comp", gauge, stats.ICompressBpsRateLim},
		{"current_zlib_memory", gauge, stats.IZlibMemUsage},
		{"max_zlib_memory", gauge, stats.IMaxZlibMemUsage},
		{"current_tasks", gauge, stats.ITasks},
		{"current_run_queue", gauge, stats.IRunQueue},
		{"idle_time_percent", gauge, stats.IIdlePct},
		{"stopping", gauge, stats.IStopping},
		{"jobs", gauge, stats.IJobs},
		{"unstoppable_jobs", gauge, stats.IUnstoppableJobs},
		{"listeners", gauge, stats.IListeners},
		{"active_peers", gauge, stats.IActivePeers},
		{"connected_peers", gauge, stats.IConnectedPeers},
		{"dropped_logs_total", counter, stats.IDroppedLogs},
		{"busy_polling_enabled", gauge, stats.IBusyPolling},
		{"failed_resolutions", counter, stats.IFailedResolutions},
		{"bytes_out_total", counter, stats.ITotalBytesOut},
		{"spliced_bytes_out_total", counter, stats.ITotalSplicdedBytesOut},
		{"bytes_out_rate", gauge, stats.IBytesOutRate},
		{"recv_logs_total", counter, stats.ICumRecvLogs},
		{"build_info", gauge, stats.IBuildInfo},
		{"max_memory_bytes", gauge, stats.IMemmaxBytes},
		{"pool_allocated_bytes", gauge, stats.IPoolAllocBytes},
		{"pool_used_bytes", gauge, stats.IPoolUsedBytes},
		{"start_time_seconds", gauge, stats.IStartTimeSec},
	}
}
