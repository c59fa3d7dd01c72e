package stats

import (
	"fmt"
	"strings"
)

// Flags change what the fill functions put in a row.
type Flags struct {
	// Legends shows addresses, cookies and algorithms ("stats
	// show-legends" on the page; the CLI at operator and admin level).
	Legends bool
	// HideDown and HideMaint are "up" and "no-maint": a backend's
	// status then says how many servers are up ("UP (1/2)").
	HideDown, HideMaint bool
}

// tag sets of the fill functions (the letters of the typed output)
const (
	tKNS Tags = "KNS"
	tCGS Tags = "CGS"
	tMGP Tags = "MGP"
	tMMP Tags = "MMP"
	tCLP Tags = "CLP"
	tMCP Tags = "MCP"
	tSGP Tags = "SGP"
	tKGP Tags = "KGP"
	tKGS Tags = "KGS"
	tMRP Tags = "MRP"
	tMaP Tags = "MaP"
	tMAP Tags = "MAP"
	tMOP Tags = "MOP"
	tMDP Tags = "MDP"
	tCNS Tags = "CNS"
)

// common fills the fields every row has.
func (r *Row) common(px, sv, mode string, t ObjType, iid, sid int) {
	r.V[FPxname] = Strv(tKNS, px)
	r.V[FSvname] = Strv(tKNS, sv)
	r.V[FMode] = Strv(tCGS, mode)
	r.V[FPid] = U32v(tKGP, 1)
	r.V[FIid] = U32v(tKGS, uint32(iid))
	r.V[FSid] = U32v(tKGS, uint32(sid))
	r.V[FType] = U32v(tCGS, uint32(t))
}

func (r *Row) u64(f Field, v uint64) { r.V[f] = U64v(tMCP, v) }

// ssl fills the ssl module's fields, which every kind of row has; 2.6
// counts TLS handshakes there and hakeep's listeners speak none yet.
func (r *Row) ssl() {
	r.u64(FSslSess, 0)
	r.u64(FSslReusedSess, 0)
	r.u64(FSslFailedHandshake, 0)
}

// muxModules fills the h2 and h1 modules' fields of frontends and
// backends.
func (r *Row) muxModules(h1 *H1Counters) {
	for f := FH2HeadersRcvd; f <= FH2BackendTotalStreams; f++ {
		r.u64(f, 0)
	}
	r.V[FH2OpenConnections] = U64v(tMGP, 0)
	r.V[FH2BackendOpenStreams] = U64v(tMGP, 0)
	r.V[FH1OpenConnections] = U64v(tMGP, h1.OpenConns)
	r.V[FH1OpenStreams] = U64v(tMGP, h1.OpenStreams)
	r.u64(FH1TotalConnections, h1.TotalConns)
	r.u64(FH1TotalStreams, h1.TotalStreams)
	r.u64(FH1BytesIn, h1.BytesIn)
	r.u64(FH1BytesOut, h1.BytesOut)
	r.u64(FH1SplicedBytesIn, 0)
	r.u64(FH1SplicedBytesOut, 0)
}

// responses fills hrsp_*.
func (r *Row) responses(c *Counters) {
	r.u64(FHrsp1xx, c.Rsp[1])
	r.u64(FHrsp2xx, c.Rsp[2])
	r.u64(FHrsp3xx, c.Rsp[3])
	r.u64(FHrsp4xx, c.Rsp[4])
	r.u64(FHrsp5xx, c.Rsp[5])
	r.u64(FHrspOther, c.Rsp[0])
}

// FillFrontend is stats_fill_fe_stats().
func FillFrontend(fe *Frontend) *Row {
	r := &Row{}
	c := &fe.C
	r.common(fe.Name, "FRONTEND", fe.Mode, TypeFrontend, fe.ID, 0)
	r.V[FScur] = U32v(tMGP, uint32(fe.Cur))
	r.V[FSmax] = U32v(tMMP, uint32(c.MaxCur))
	r.V[FSlim] = U32v(tCLP, uint32(fe.Limit))
	r.u64(FStot, c.Sessions)
	r.u64(FBin, c.BytesIn)
	r.u64(FBout, c.BytesOut)
	r.u64(FDreq, c.DeniedReq)
	r.u64(FDresp, c.DeniedResp)
	r.u64(FEreq, c.FailedReq)
	r.u64(FDcon, c.DeniedConn)
	r.u64(FDses, c.DeniedSess)
	r.V[FStatus] = Strv(tSGP, fe.Status)
	r.V[FRate] = U32v(tMRP, c.SessRate)
	r.V[FRateLim] = U32v(tCLP, uint32(fe.RateLimit))
	r.V[FRateMax] = U32v(tMMP, c.SessRateMax)
	r.u64(FWrew, c.FailedRewrites)
	r.u64(FEint, c.InternalErrors)
	if fe.Mode == "http" {
		r.responses(c)
		r.u64(FIntercepted, c.Intercepted)
		r.u64(FCacheLookups, c.CacheLookups)
		r.u64(FCacheHits, c.CacheHits)
	}
	r.V[FReqRate] = U32v(tMRP, c.ReqRate)
	r.V[FReqRateMax] = U32v(tMMP, c.ReqRateMax)
	r.u64(FReqTot, c.Requests)
	r.u64(FCompIn, c.CompIn)
	r.u64(FCompOut, c.CompOut)
	r.u64(FCompByp, c.CompByp)
	r.u64(FCompRsp, c.CompRsp)
	r.V[FConnRate] = U32v(tMRP, c.ConnRate)
	r.V[FConnRateMax] = U32v(tMMP, c.ConnRateMax)
	r.u64(FConnTot, c.Conns)
	r.ssl()
	r.muxModules(&c.H1)
	return r
}

// FillListener is stats_fill_li_stats().
func FillListener(px *Proxy, l *Listener, fl Flags) *Row {
	r := &Row{}
	c := &l.C
	mode := ""
	if px.Frontend != nil {
		mode = px.Frontend.Mode
	}
	r.common(px.Name, l.Name, mode, TypeListener, px.ID, l.ID)
	r.V[FScur] = U32v(tMGP, uint32(l.Cur))
	r.V[FSmax] = U32v(tMMP, uint32(c.MaxCur))
	r.V[FSlim] = U32v(tCLP, uint32(l.Limit))
	r.u64(FStot, c.Conns)
	r.u64(FBin, c.BytesIn)
	r.u64(FBout, c.BytesOut)
	r.u64(FDreq, c.DeniedReq)
	r.u64(FDresp, c.DeniedResp)
	r.u64(FEreq, c.FailedReq)
	r.u64(FDcon, c.DeniedConn)
	r.u64(FDses, c.DeniedSess)
	r.V[FStatus] = Strv(tSGP, l.Status)
	r.u64(FWrew, c.FailedRewrites)
	r.u64(FEint, c.InternalErrors)
	if fl.Legends && l.Addr != "" {
		r.V[FAddr] = Strv(tCGS, l.Addr)
	}
	r.ssl()
	return r
}

// healthStates are srv_hlt_st[].
const (
	stDown            = "DOWN"
	stDownAgent       = "DOWN (agent)"
	stGoingUp         = "DOWN %d/%d"
	stUpGoingDown     = "UP %d/%d"
	stUp              = "UP"
	stNolbGoingDown   = "NOLB %d/%d"
	stNolb            = "NOLB"
	stDrainGoingDown  = "DRAIN %d/%d"
	stDrain           = "DRAIN"
	stDrainAgent      = "DRAIN (agent)"
	stNoCheck         = "no check"
	stMaintResolution = "MAINT (resolution)"
)

// ref is the end of a server's tracking chain.
func (sv *Server) ref() *Server {
	if sv.Ref != nil {
		return sv.Ref
	}
	return sv
}

// StatusText is the "status" of a server (stats_fill_sv_stats()): its
// maintenance, or its operational state qualified by the checks of the
// server at the end of its tracking chain.
func (sv *Server) StatusText() string {
	if sv.Status != "" {
		return sv.Status
	}
	switch {
	case sv.Admin&AdminRMaint != 0:
		return stMaintResolution
	case sv.Admin&AdminIMaint != 0:
		return "MAINT (via " + sv.Via + ")"
	case sv.Admin&(AdminMaint|AdminCMaint) != 0:
		return "MAINT"
	}
	ref := sv.ref()
	rc, ra := &ref.Check, &ref.Agent
	var f string
	switch sv.State {
	case SrvRunning, SrvStarting:
		f = stUp
		if rc.Enabled && rc.Health < rc.Rise+rc.Fall-1 {
			f = stUpGoingDown
		}
		if sv.Admin&AdminDrain != 0 {
			switch {
			case ra.Enabled:
				f = stDrainAgent
			case f == stUpGoingDown:
				f = stDrainGoingDown
			default:
				f = stDrain
			}
		}
		if f == stUp && !rc.Enabled {
			f = stNoCheck
		}
	case SrvStopping:
		if (!sv.Check.Enabled && sv.Via == "") || rc.Health == rc.Rise+rc.Fall-1 {
			f = stNolb
		} else {
			f = stNolbGoingDown
		}
	default:
		switch {
		case ra.Enabled && ra.Health == 0:
			f = stDownAgent
		case rc.Enabled && rc.Health == 0:
			f = stDown
		case ra.Enabled || rc.Enabled:
			f = stGoingUp
		default:
			f = stDown
		}
	}
	if !strings.Contains(f, "%d") {
		return f
	}
	if ref.State != SrvStopped {
		return fmt.Sprintf(f, rc.Health-rc.Rise+1, rc.Fall)
	}
	return fmt.Sprintf(f, rc.Health, rc.Rise)
}

// checkFields fills a check's or an agent's columns when it runs.
func (r *Row) checkFields(c *Check, ref *Check, status, code, dur, desc, last, rise, fall, health Field) {
	if !c.Enabled || c.Paused {
		return
	}
	st := c.Status
	if c.Running {
		st = "* " + st
	}
	r.V[status] = Strv(tMOP, st)
	if c.HasCode {
		r.V[code] = U32v(tMOP, uint32(c.Code))
	}
	if c.HasDuration {
		r.V[dur] = U64v(tMDP, uint64(c.Duration))
	}
	r.V[desc] = Strv(tMOP, c.Desc)
	r.V[last] = Strv(tMOP, c.Last)
	r.V[rise] = U32v(tCGS, uint32(ref.Rise))
	r.V[fall] = U32v(tCGS, uint32(ref.Fall))
	r.V[health] = U32v(tCGS, uint32(ref.Health))
}

// FillServer is stats_fill_sv_stats().
func FillServer(sv *Server, fl Flags) *Row {
	r := &Row{}
	c := &sv.C
	ref := sv.ref()
	r.common(sv.Proxy, sv.Name, sv.Mode, TypeServer, sv.ProxyID, sv.ID)
	r.V[FQcur] = U32v(tMGP, uint32(sv.Queue))
	r.V[FQmax] = U32v(tMMP, uint32(c.MaxQueue))
	r.V[FScur] = U32v(tMGP, uint32(sv.Cur))
	r.V[FSmax] = U32v(tMMP, uint32(c.MaxCur))
	if sv.Maxconn > 0 {
		r.V[FSlim] = U32v(tCLP, uint32(sv.Maxconn))
	}
	r.V[FSrvIcur] = U32v(tMGP, uint32(sv.IdleConns))
	if sv.MaxIdle >= 0 {
		r.V[FSrcIlim] = U32v(tCLP, uint32(sv.MaxIdle))
	}
	r.u64(FStot, c.Sessions)
	r.u64(FBin, c.BytesIn)
	r.u64(FBout, c.BytesOut)
	r.u64(FDresp, c.DeniedResp)
	r.u64(FEcon, c.FailedConns)
	r.u64(FEresp, c.FailedResp)
	r.u64(FWretr, c.Retries)
	r.u64(FWredis, c.Redispatches)
	r.u64(FWrew, c.FailedRewrites)
	r.u64(FEint, c.InternalErrors)
	r.u64(FConnect, c.Connect)
	r.u64(FReuse, c.Reuse)
	r.V[FIdleConnCur] = U32v(tMGP, uint32(sv.IdleCur))
	r.V[FSafeConnCur] = U32v(tMGP, uint32(sv.SafeCur))
	r.V[FUsedConnCur] = U32v(tMGP, uint32(sv.UsedCur))
	r.V[FNeedConnEst] = U32v(tMGP, uint32(sv.NeedEst))

	r.V[FStatus] = Strv(tSGP, sv.StatusText())
	r.V[FLastchg] = U32v(tMAP, uint32(sv.LastChange))
	r.V[FWeight] = U32v(tMaP, uint32(sv.EWeight))
	r.V[FUweight] = U32v(tMaP, uint32(sv.UWeight))
	act, bck := uint32(1), uint32(0)
	if sv.Backup {
		act, bck = 0, 1
	}
	r.V[FAct] = U32v(tSGP, act)
	r.V[FBck] = U32v(tSGP, bck)
	if sv.Check.Enabled {
		r.u64(FChkfail, sv.FailedChecks)
		r.u64(FChkdown, sv.DownTrans)
		r.V[FDowntime] = U32v(tMCP, uint32(sv.DownTime))
	}
	if sv.Maxqueue > 0 {
		r.V[FQlimit] = U32v(tCGS, uint32(sv.Maxqueue))
	}
	if sv.State == SrvStarting && sv.Admin&AdminDrain == 0 && sv.Throttle >= 0 {
		r.V[FThrottle] = U32v(tMaP, uint32(sv.Throttle))
	}
	r.u64(FLbtot, c.LbConn)
	if sv.Via != "" {
		r.V[FTracked] = Strv(tCNS, sv.Via)
	}
	r.V[FRate] = U32v(tMRP, c.SessRate)
	r.V[FRateMax] = U32v(tMMP, c.SessRateMax)
	r.checkFields(&sv.Check, &ref.Check, FCheckStatus, FCheckCode, FCheckDuration, FCheckDesc, FLastChk,
		FCheckRise, FCheckFall, FCheckHealth)
	r.checkFields(&sv.Agent, &sv.Agent, FAgentStatus, FAgentCode, FAgentDuration, FAgentDesc, FLastAgt,
		FAgentRise, FAgentFall, FAgentHealth)
	if sv.Mode == "http" {
		r.u64(FReqTot, c.Requests)
		r.responses(c)
	}
	if ref.Observe {
		r.u64(FHanafail, sv.FailedHana)
	}
	r.u64(FCliAbrt, c.CliAborts)
	r.u64(FSrvAbrt, c.SrvAborts)
	r.V[FLastsess] = S32v(tMAP, int32(c.LastSess))
	r.times(c)
	if fl.Legends {
		if sv.Addr != "" {
			r.V[FAddr] = Strv(tCGS, sv.Addr)
		}
		if sv.Cookie != "" {
			r.V[FCookie] = Strv(tCNS, sv.Cookie)
		}
	}
	r.ssl()
	return r
}

// times fills the averages and maxima of queue, connect, response and
// total times.
func (r *Row) times(c *Counters) {
	r.V[FQtime] = U32v(tMaP, c.QTime)
	r.V[FCtime] = U32v(tMaP, c.CTime)
	r.V[FRtime] = U32v(tMaP, c.RTime)
	r.V[FTtime] = U32v(tMaP, c.TTime)
	r.V[FQtimeMax] = U32v(tMMP, c.QTimeMax)
	r.V[FCtimeMax] = U32v(tMMP, c.CTimeMax)
	r.V[FRtimeMax] = U32v(tMMP, c.RTimeMax)
	r.V[FTtimeMax] = U32v(tMMP, c.TTimeMax)
}

// FillBackend is stats_fill_be_stats(); nbup and nbsrv are the servers
// not DOWN and all servers, for the "up"/"no-maint" status suffix.
func FillBackend(be *Backend, nbup, nbsrv int, fl Flags) *Row {
	r := &Row{}
	c := &be.C
	r.common(be.Name, "BACKEND", be.Mode, TypeBackend, be.ID, 0)
	r.V[FQcur] = U32v(tMGP, uint32(be.Queue))
	r.V[FQmax] = U32v(tMMP, uint32(c.MaxQueue))
	r.V[FScur] = U32v(tMGP, uint32(be.Cur))
	r.V[FSmax] = U32v(tMMP, uint32(c.MaxCur))
	r.V[FSlim] = U32v(tCLP, uint32(be.Fullconn))
	r.u64(FStot, c.Sessions)
	r.u64(FBin, c.BytesIn)
	r.u64(FBout, c.BytesOut)
	r.u64(FDreq, c.DeniedReq)
	r.u64(FDresp, c.DeniedResp)
	r.u64(FEcon, c.FailedConns)
	r.u64(FEresp, c.FailedResp)
	r.u64(FWretr, c.Retries)
	r.u64(FWredis, c.Redispatches)
	r.u64(FWrew, c.FailedRewrites)
	r.u64(FEint, c.InternalErrors)
	r.u64(FConnect, c.Connect)
	r.u64(FReuse, c.Reuse)
	status := "DOWN"
	if be.TotWeight > 0 || !be.HasServers {
		status = "UP"
	}
	if fl.HideDown || fl.HideMaint {
		status += fmt.Sprintf(" (%d/%d)", nbup, nbsrv)
	}
	r.V[FStatus] = Strv(tSGP, status)
	r.V[FWeight] = U32v(tMaP, uint32(be.TotWeight))
	r.V[FUweight] = U32v(tMaP, uint32(be.UWeight))
	r.V[FAct] = U32v(tMGP, uint32(be.Act))
	r.V[FBck] = U32v(tMGP, uint32(be.Bck))
	r.u64(FChkdown, be.DownTrans)
	r.V[FLastchg] = U32v(tMAP, uint32(be.LastChange))
	if be.HasServers {
		r.V[FDowntime] = U32v(tMCP, uint32(be.DownTime))
	}
	r.u64(FLbtot, c.LbConn)
	r.V[FRate] = U32v(tMGP, c.SessRate)
	r.V[FRateMax] = U32v(tMGP, c.SessRateMax)
	if fl.Legends {
		if be.Cookie != "" {
			r.V[FCookie] = Strv(tCNS, be.Cookie)
		}
		r.V[FAlgo] = Strv(tCGS, be.Algo)
	}
	if be.Mode == "http" {
		r.u64(FReqTot, c.Requests)
		r.responses(c)
		r.u64(FCacheLookups, c.CacheLookups)
		r.u64(FCacheHits, c.CacheHits)
	}
	r.u64(FCliAbrt, c.CliAborts)
	r.u64(FSrvAbrt, c.SrvAborts)
	r.u64(FCompIn, c.CompIn)
	r.u64(FCompOut, c.CompOut)
	r.u64(FCompByp, c.CompByp)
	r.u64(FCompRsp, c.CompRsp)
	r.V[FLastsess] = S32v(tMAP, int32(c.LastSess))
	r.times(c)
	// 2.6 keeps these three for the exporter's per-state gauges and
	// reports 0 in the stats
	r.V[FAggServerStatus] = U32v(tMGP, 0)
	r.V[FAggServerCheckStatus] = U32v(tMGP, 0)
	r.V[FAggCheckStatus] = U32v(tMGP, 0)
	r.ssl()
	r.muxModules(&c.H1)
	return r
}
