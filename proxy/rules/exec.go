package rules

import (
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// Msg is an HTTP message as actions rewrite it: the engine's adapter
// over the codec's head. Names given to it are as configured; it stores
// them lower case, as HAProxy's HTX does.
type Msg interface {
	sample.Message
	// AddHeader appends a header line; false when the rewrite reserve
	// is exhausted.
	AddHeader(name string, value []byte) bool
	// DelHeaderAt removes header i, keeping the others' order.
	DelHeaderAt(i int)
	// SetHeaderValue replaces the value of header i.
	SetHeaderValue(i int, value []byte) bool
	// SetURI, SetMethod and SetStatus rewrite the start line.
	SetURI(uri []byte) bool
	SetMethod(m []byte) bool
	SetStatus(code int, reason []byte) bool
}

// Pages answers the messages of "errorfile", "errorfiles" and
// "http-errors" (configuration.txt §4.2 errorfile, §3.8 http-errors).
type Pages interface {
	// ErrorPage is the complete message the proxy answers status with:
	// its errorfile, else the built-in page; nil when there is none.
	ErrorPage(status int) []byte
	// SectionPage is the message of an http-errors section for status,
	// nil when the section has none.
	SectionPage(section string, status int) []byte
}

// BodyWaiter is the engine's side of wait-for-body: more of the
// request's (or response's) body is read, until it is complete, atLeast
// bytes came, the buffer is full, or ms passed (http_wait_for_msg_body).
type BodyWaiter interface {
	WaitBody(response bool, ms uint32, atLeast uint64)
}

// Verdict is what a rule set decided (HTTP_RULE_RES_*, TCP verdicts).
type Verdict uint8

const (
	// Continue: no final action applied, processing goes on.
	Continue Verdict = iota
	// Stop: "allow" (or accept) stopped this rule set.
	Stop
	// Deny: the request is denied; Txn.Reply holds the answer.
	Deny
	// Done: an answer was produced (return, redirect, auth); Txn.Reply
	// holds it.
	Done
	// Abort: the connection closes without an answer (reject,
	// silent-drop).
	Abort
	// BadReq and Error: the request is answered 400 / 500.
	BadReq
	Error
	// Yield: more data is needed (wait-for-body, inspect-delay).
	Yield
)

func (v Verdict) String() string {
	return [...]string{"continue", "stop", "deny", "done", "abort", "badreq", "error", "yield"}[v]
}

// Txn is the state actions work on for one transaction. The engine
// keeps one per client connection with its sample.Ctx, and calls
// Reset before each request.
type Txn struct {
	C     *sample.Ctx
	Req   Msg
	Res   Msg
	Pages Pages
	// ProxyName is the proxy whose rules run (auth's default realm).
	ProxyName string
	// Src provides the log-format variables the sample context does not
	// know (%rt...); may be nil.
	Src logformat.Source

	// Status is the status a final action chose (txn->status).
	Status int
	// Reply is the complete HTTP/1.1 message a final action built, in
	// the Txn's own buffer: valid until the next action.
	Reply []byte
	// Tarpit is set when the denial is a tarpit.
	Tarpit bool
	// Silent is set by silent-drop (no RST-less close: the client gets
	// nothing); Reject by reject.
	Silent bool
	// LogLevel is set-log-level's level (-1 silent); LogLevelSet tells
	// whether one was set.
	LogLevel    int
	LogLevelSet bool
	// Service is use-service's name.
	Service string
	// WaitBody is wait-for-body's request: how long, and at least how
	// many bytes.
	WaitBodyMs      uint32
	WaitBodyAtLeast uint64
	// ExpectProxy is set by "tcp-request connection expect-proxy": a
	// PROXY header comes first on the connection.
	ExpectProxy bool
	// Close is set by "tcp-response content close": the server
	// connection is closed rather than the whole stream rejected.
	Close bool
	// Captures are the capture slots rules filled (captures.go).
	Captures Captures
	// ServerTimeoutMs and TunnelTimeoutMs are set-timeout's values, 0
	// when unset (the backend's timeouts apply).
	ServerTimeoutMs, TunnelTimeoutMs int64
	// Body, when set, waits for more of a message's body
	// (wait-for-body).
	Body BodyWaiter
	// EarlyHints are the header lines ("name: value\r\n") early-hint
	// rules gathered for a 103 response the engine sends before going
	// on (http_action_early_hint); the engine empties it once sent.
	EarlyHints []byte

	// softReq and softRes are "strict-mode off" on each side.
	softReq, softRes bool

	buf   []byte // the reply
	fmt   []byte // a log-format rendering
	fmt2  []byte
	name  []byte
	first bool
}

// Reset prepares the Txn for a new transaction.
func (t *Txn) Reset() {
	t.Status, t.Reply, t.Tarpit, t.Silent = 0, nil, false, false
	t.LogLevel, t.LogLevelSet, t.Service = 0, false, ""
	t.WaitBodyMs, t.WaitBodyAtLeast = 0, 0
	t.ExpectProxy, t.Close = false, false
	t.EarlyHints = t.EarlyHints[:0]
	t.ServerTimeoutMs, t.TunnelTimeoutMs = 0, 0
	t.softReq, t.softRes = false, false
	t.Captures.reset()
}

// RunHTTP evaluates an http-request, http-response or
// http-after-response rule list in order (http_req_get_intercept_rule,
// http_res_get_intercept_rule): a rule applies when its condition
// passes; the first final action ends the list.
func (t *Txn) RunHTTP(list []*Rule) Verdict {
	for _, r := range list {
		if r.Cond != nil && !r.Cond.Test(t.C) {
			continue
		}
		if v := t.execHTTP(r); v != Continue {
			return v
		}
	}
	return Continue
}
