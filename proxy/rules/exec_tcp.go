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
		case "expect-proxy":
			// the PROXY header is read once the connection rules
			// are done (conn_recv_proxy after tcp_exec_l4_rules)
			t.ExpectProxy = true
			continue
		case "expect-netscaler-cip", "inspect-delay":
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
		for _, e := range [2]sample.Entry{c.Track[i].Entry, c.SessTracked(i).Entry} {
			if e != nil {
				e.Add(sample.DataHTTPReqCnt, 0, 1, now)
				e.Add(sample.DataHTTPReqRate, 0, 1, now)
			}
		}
	}
}
