package rules

import "hakeep/proxy/sample"

// RunTCP evaluates a tcp-request connection, session or content rule
// list, or a tcp-response content one (tcp_exec_l4_rules,
// tcp_exec_l5_rules, tcp_inspect_request): the first accept or reject
// ends it; the shared actions (set-var, track-sc, sc-inc-gpc...) run as
// in HTTP rules.
func (t *Txn) RunTCP(list []*Rule) Verdict {
	for _, r := range list {
		if r.Cond != nil && !r.Cond.Test(t.C) {
			continue
		}
		switch r.Action {
		case "accept":
			return Stop
		case "reject", "close":
			return Abort
		case "expect-proxy", "expect-netscaler-cip", "inspect-delay":
			continue
		case "capture":
			continue
		}
		if v := t.execHTTP(r); v != Continue {
			return v
		}
	}
	return Continue
}

// CountHTTPReq counts a new HTTP request in every entry the stream and
// the session track (stream_inc_http_req_ctr): http_req_cnt and
// http_req_rate.
func (t *Txn) CountHTTPReq() {
	c := t.C
	now := c.NowMs()
	for i := range c.Track {
		for _, e := range [2]sample.Entry{c.Track[i].Entry, c.SessTrack[i].Entry} {
			if e != nil {
				e.Add(sample.DataHTTPReqCnt, 0, 1, now)
				e.Add(sample.DataHTTPReqRate, 0, 1, now)
			}
		}
	}
}

// CountSession counts a new session in the entries the session tracks
// (sess_cnt, sess_rate).
func (t *Txn) CountSession() {
	c := t.C
	now := c.NowMs()
	for i := range c.SessTrack {
		if e := c.SessTrack[i].Entry; e != nil {
			e.Add(sample.DataSessCnt, 0, 1, now)
			e.Add(sample.DataSessRate, 0, 1, now)
		}
	}
}

// EndSession releases the session's stick counters (conn_cur goes
// down) when the client connection ends.
func (t *Txn) EndSession() {
	c := t.C
	for i := range c.SessTrack {
		if e := c.SessTrack[i].Entry; e != nil {
			e.Track(-1)
			e.Add(sample.DataConnCur, 0, -1, c.NowMs())
		}
		c.SessTrack[i] = sample.Tracked{}
	}
}
