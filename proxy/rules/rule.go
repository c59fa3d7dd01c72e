package rules

import (
	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

// Set is the rule set a rule belongs to.
type Set uint8

const (
	HTTPRequest Set = iota
	HTTPResponse
	HTTPAfterResponse
	TCPRequestConnection
	TCPRequestSession
	TCPRequestContent
	TCPResponseContent
	TCPRequestInspectDelay
	TCPResponseInspectDelay
	Redirect // the "redirect" keyword
	UseBackend
	UseServer
	StickOn
	StickMatch
	StickStoreRequest
	StickStoreResponse
	MonitorFail
	ForcePersist
	IgnorePersist
)

func setNames() []string {
	return []string{
		"http-request", "http-response", "http-after-response",
		"tcp-request connection", "tcp-request session", "tcp-request content",
		"tcp-response content", "tcp-request inspect-delay", "tcp-response inspect-delay",
		"redirect", "use_backend", "use-server", "stick on", "stick match",
		"stick store-request", "stick store-response", "monitor fail",
		"force-persist", "ignore-persist",
	}
}

func (s Set) String() string { return setNames()[s] }

// Rule is one compiled rule.
type Rule struct {
	Set Set
	// Action is the action's registered keyword ("set-var", "track-sc",
	// "deny", ...); empty for rule sets without actions (use_backend,
	// stick, monitor fail, force-persist, ignore-persist).
	Action string
	// Word is the action as written ("set-var(txn.x)", "track-sc1").
	Word string
	// Args are the action's typed arguments (see args.go), nil when it
	// takes none.
	Args Args
	// Cond is the rule's condition, nil when unconditional.
	Cond *acl.Cond
	// Final is set for actions that end the rule set's evaluation.
	Final bool
	File  string
	Line  int
	// Proxy is the name of the proxy section, for late checks.
	Proxy string
	cap   sample.Cap
	http  bool
}

// Handles reports whether Parse handles a configuration keyword.
func Handles(kw string) bool {
	switch kw {
	case "http-request", "http-response", "http-after-response", "tcp-request", "tcp-response",
		"redirect", "use_backend", "use-server", "stick", "monitor", "force-persist",
		"ignore-persist", "block":
		return true
	}
	return false
}

// Parse parses one rule line; words[0] is the keyword (see Handles). It
// returns the rule, or nil and a *sample.Error. A nil rule with a nil
// error means the line was accepted and ignored with a warning (e.g.
// use_backend in a backend, a repeated inspect-delay).
func Parse(words []string, c *Context) (*Rule, error) {
	w := func(i int) string {
		if i < len(words) {
			return words[i]
		}
		return ""
	}
	var r *Rule
	var err error
	switch w(0) {
	case "http-request":
		r, err = parseHTTP(HTTPRequest, words, c)
	case "http-response":
		r, err = parseHTTP(HTTPResponse, words, c)
	case "http-after-response":
		r, err = parseHTTP(HTTPAfterResponse, words, c)
	case "tcp-request":
		r, err = parseTCPRequest(words, c)
	case "tcp-response":
		r, err = parseTCPResponse(words, c)
	case "redirect":
		r, err = parseRedirectKeyword(words, c)
	case "use_backend":
		r, err = parseUseBackend(words, c)
	case "use-server":
		r, err = parseUseServer(words, c)
	case "stick":
		r, err = parseStick(words, c)
	case "monitor":
		r, err = parseMonitor(words, c)
	case "force-persist", "ignore-persist":
		r, err = parsePersist(words, c)
	case "block":
		return nil, &sample.Error{Msg: "The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax."}
	default:
		return nil, &sample.Error{Msg: "unknown rule keyword '" + w(0) + "'"}
	}
	if err != nil || r == nil {
		return nil, err
	}
	r.File, r.Line, r.Proxy, r.cap, r.http = c.File, c.Line, c.Proxy, c.Cap, c.HTTP
	return r, nil
}

// wordAt returns words[i] or "" past the end, as HAProxy's args array.
func wordAt(words []string, i int) string {
	if i >= 0 && i < len(words) {
		return words[i]
	}
	return ""
}
