package rules

import (
	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// RunTCP evaluates a tcp-request connection, session or content rule
// list, or a tcp-response content one (tcp_exec_l4_rules,
// tcp_exec_l5_rules, tcp_inspect_request, tcp_inspect_response): the
// first accept or reject ends it; the shared actions (set-var, track-sc,
// sc-inc-gpc...) run as in HTTP rules. A condition that cannot be decided
// yet (a fetch lacks data that may still come, Ctx.Final unset) makes it
// Yield: the caller waits for more data and runs the list again.
func (t *Txn) RunTCP(list []*Rule) Verdict {
	for _, r := range list {
		if r.Cond != nil {
			res := r.Cond.Exec(t.C)
			if res == acl.Miss {
				return Yield
			}
			if !r.Cond.Passes(res) {
				continue
			}
		}
		switch r.Action {
		case "accept":
			return Stop
		case "reject":
			return Abort
		case "close":
			// tcp-response content close: the server connection ends
			t.Close = true
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
