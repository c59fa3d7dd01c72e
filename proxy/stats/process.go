package stats

import (
	"fmt"
	"time"
)

// Process is what "show info" and the page's header report about the
// running process (stats_fill_info()). The engine and the process model
// fill it; zero values print as 2.6 prints an idle process.
type Process struct {
	Name, Version, ReleaseDate string
	// BuildInfo is "Build info": the version string again in 2.6.
	BuildInfo string
	Nbthread  int
	PID       int
	Start     time.Time
	Now       time.Time
	// MemmaxMB is -m; 0 means unlimited.
	MemmaxMB                       int
	PoolAlloc, PoolUsed            uint64 // bytes
	PoolFailed                     uint64
	UlimitN, Maxsock               int
	Maxconn, HardMaxconn           int
	CurrConns                      int64
	CumConns, CumReq               uint64
	MaxSSLConns                    int
	CurrSSLConns                   int64
	CumSSLConns                    uint64
	Maxpipes, PipesUsed            int
	PipesFree                      int
	ConnRate, MaxConnRate          uint32
	ConnRateLimit                  int
	SessRate, MaxSessRate          uint32
	SessRateLimit                  int
	SSLRate, MaxSSLRate            uint32
	SSLRateLimit                   int
	CompressBpsRateLim             int
	Tasks, RunQueue                int
	IdlePct                        int
	Node, Description              string
	Stopping                       bool
	Jobs, UnstoppableJobs          int
	Listeners                      int
	DroppedLogs, FailedResolutions uint64
	TotalBytesOut, SplicedBytesOut uint64
	BytesOutRate                   uint64
	CumRecvLogs                    uint64
}

// Uptime is the process' age, at least zero.
func (p *Process) Uptime() time.Duration {
	d := p.Now.Sub(p.Start)
	if d < 0 || p.Start.IsZero() {
		return 0
	}
	return d
}

// uptimeText is the "0d 0h00m22s" form of "Uptime" (human_time-like
// "%dd %dh%02dm%02ds" of stats_fill_info()).
func uptimeText(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%dd %dh%02dm%02ds", s/86400, (s%86400)/3600, (s%3600)/60, s%60)
}

// InfoOptions are the words "show info" accepts.
type InfoOptions struct {
	// Float prints the rates and times that 2.6 measures finely as
	// floats ("float").
	Float bool
}

// FillInfo computes the "show info" fields of p.
func FillInfo(p *Process, opt InfoOptions) [NumInfo]Value {
	var v [NumInfo]Value
	u32 := func(i Info, n uint64) { v[i] = U32v(i.tags(), uint32(n)) }
	u64 := func(i Info, n uint64) { v[i] = U64v(i.tags(), n) }
	str := func(i Info, s string) { v[i] = Strv(i.tags(), s) }
	up := p.Uptime()

	str(IName, p.Name)
	str(IVersion, p.Version)
	str(IReleaseDate, p.ReleaseDate)
	u32(INbthread, uint64(p.Nbthread))
	u32(INbproc, 1)
	u32(IProcessNum, 1)
	u32(IPid, uint64(p.PID))
	str(IUptime, uptimeText(up))
	u32(IUptimeSec, uint64(up/time.Second))
	u32(IMemmaxMB, uint64(p.MemmaxMB))
	u32(IPoolAllocMB, p.PoolAlloc/1048576)
	u32(IPoolUsedMB, p.PoolUsed/1048576)
	u32(IPoolFailed, p.PoolFailed)
	u32(IUlimitN, uint64(p.UlimitN))
	u32(IMaxsock, uint64(p.Maxsock))
	u32(IMaxconn, uint64(p.Maxconn))
	u32(IHardMaxconn, uint64(p.HardMaxconn))
	u32(ICurrConns, uint64(p.CurrConns))
	u32(ICumConns, p.CumConns)
	u32(ICumReq, p.CumReq)
	u32(IMaxSslConns, uint64(p.MaxSSLConns))
	u32(ICurrSslConns, uint64(p.CurrSSLConns))
	u32(ICumSslConns, p.CumSSLConns)
	u32(IMaxpipes, uint64(p.Maxpipes))
	u32(IPipesUsed, uint64(p.PipesUsed))
	u32(IPipesFree, uint64(p.PipesFree))
	u32(IConnRate, uint64(p.ConnRate))
	u32(IConnRateLimit, uint64(p.ConnRateLimit))
	u32(IMaxConnRate, uint64(p.MaxConnRate))
	u32(ISessRate, uint64(p.SessRate))
	u32(ISessRateLimit, uint64(p.SessRateLimit))
	u32(IMaxSessRate, uint64(p.MaxSessRate))
	u32(ISslRate, uint64(p.SSLRate))
	u32(ISslRateLimit, uint64(p.SSLRateLimit))
	u32(IMaxSslRate, uint64(p.MaxSSLRate))
	u32(ISslFrontendKeyRate, 0)
	u32(ISslFrontendMaxKeyRate, 0)
	u32(ISslFrontendSessionReusePct, 0)
	u32(ISslBackendKeyRate, 0)
	u32(ISslBackendMaxKeyRate, 0)
	u32(ISslCacheLookups, 0)
	u32(ISslCacheMisses, 0)
	u32(ICompressBpsIn, 0)
	u32(ICompressBpsOut, 0)
	u32(ICompressBpsRateLim, uint64(p.CompressBpsRateLim))
	// ZlibMemUsage and MaxZlibMemUsage exist only in zlib builds; 2.6
	// as Debian builds it uses libslz and leaves them out
	u32(ITasks, uint64(p.Tasks))
	u32(IRunQueue, uint64(p.RunQueue))
	u32(IIdlePct, uint64(p.IdlePct))
	str(INode, p.Node)
	if p.Description != "" {
		str(IDescription, p.Description)
	}
	stopping := uint64(0)
	if p.Stopping {
		stopping = 1
	}
	u32(IStopping, stopping)
	u32(IJobs, uint64(p.Jobs))
	u32(IUnstoppableJobs, uint64(p.UnstoppableJobs))
	u32(IListeners, uint64(p.Listeners))
	u32(IActivePeers, 0)
	u32(IConnectedPeers, 0)
	u32(IDroppedLogs, p.DroppedLogs)
	u32(IBusyPolling, 0)
	u32(IFailedResolutions, p.FailedResolutions)
	u64(ITotalBytesOut, p.TotalBytesOut)
	u64(ITotalSplicdedBytesOut, p.SplicedBytesOut)
	u64(IBytesOutRate, p.BytesOutRate)
	u32(IDebugCommandsIssued, 0)
	u32(ICumRecvLogs, p.CumRecvLogs)
	str(IBuildInfo, p.BuildInfo)
	u32(IMemmaxBytes, uint64(p.MemmaxMB)*1048576)
	u64(IPoolAllocBytes, p.PoolAlloc)
	u64(IPoolUsedBytes, p.PoolUsed)
	u32(IStartTimeSec, uint64(p.Start.Unix()))
	str(ITainted, "0")

	if opt.Float {
		// "float" trades the rounded rates and times for their
		// measured values (2.6 keeps them as doubles internally)
		secs := float64(up) / float64(time.Second)
		v[IUptimeSec] = Fltv(T("MDP"), secs)
		v[IConnRate] = Fltv(T("MRP"), float64(p.ConnRate))
		v[ISessRate] = Fltv(T("MRP"), float64(p.SessRate))
		v[ISslRate] = Fltv(T("MRP"), float64(p.SSLRate))
		v[ISslFrontendKeyRate] = Fltv(T("MRP"), 0)
		v[ISslFrontendSessionReusePct] = Fltv(T("MRP"), 0)
		v[ISslBackendKeyRate] = Fltv(T("MRP"), 0)
		v[ICompressBpsIn] = Fltv(T("MRP"), 0)
		v[ICompressBpsOut] = Fltv(T("MRP"), 0)
		v[IStartTimeSec] = Fltv(T("MDP"), float64(p.Start.UnixMicro())/1e6)
	}
	return v
}
