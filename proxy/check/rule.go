package check

import (
	"net/netip"
	"regexp"
)

// action is a tcp-check/http-check rule's action (enum tcpcheck_rule_type).
type action uint8

const (
	actConnect action = iota
	actSend
	actExpect
	actComment
	actSetVar   // "set-var(<name>) <expr>", "set-var-fmt(<name>) <fmt>"
	actUnsetVar // "unset-var(<name>)"
)

// rule is one compiled tcp-check or http-check rule (struct tcpcheck_rule).
type rule struct {
	action action
	// index is the rule's position as written, for "at step N" messages.
	index   int
	comment string

	connect *connectRule
	send    *sendRule
	expect  *expectRule
	setVar  *varRule
}

// stepID is tcpcheck_get_step_id(): 0 for the implicit first connect,
// the rule's position plus one otherwise.
func (r *rule) stepID() int {
	if r == nil {
		return 1
	}
	if r.index == 0 && r.action == actConnect && r.connect.implicit {
		return 0
	}
	return r.index + 1
}

// connectRule is "tcp-check connect" / "http-check connect" (struct
// tcpcheck_connect), or the implicit connection every ruleset starts with.
type connectRule struct {
	port     int
	portExpr *sampleExpr
	addr     netip.Addr // zero: the check's or the server's address
	addrPort int
	// def is "default": the server's check settings apply (check-ssl,
	// check-sni, check-send-proxy, ...).
	def       bool
	implicit  bool
	sendProxy bool
	viaSocks4 bool
	linger    bool
	ssl       bool
	sni       string
	alpn      []string
	proto     string
}

// sendKind is enum tcpcheck_send_type.
type sendKind uint8

const (
	sendString sendKind = iota
	sendBinary
	sendStringLF
	sendBinaryLF
	sendHTTP
)

// sendRule is a send rule (struct tcpcheck_send).
type sendRule struct {
	kind sendKind
	data []byte
	fmt  *logFormat
	http *httpSend
}

// httpSend is "http-check send" and the request of "option httpchk".
type httpSend struct {
	meth   string
	uri    string
	uriFmt *logFormat
	vsn    string
	hdrs   []httpHdr
	body   string
	// hasBody distinguishes "body" given (even empty) from none.
	hasBody bool
	bodyFmt *logFormat
	// fromOpt marks the implicit request of "option httpchk", which the
	// first "http-check send" completes (TCPCHK_SND_HTTP_FROM_OPT).
	fromOpt bool
}

type httpHdr struct {
	name  string
	value *logFormat
}

// expectKind is enum tcpcheck_expect_type.
type expectKind uint8

const (
	expUndef expectKind = iota
	expString
	expBinary
	expStringRegex
	expBinaryRegex
	expStringLF
	expBinaryLF
	expCustom
	expHTTPStatus
	expHTTPStatusRegex
	expHTTPHeader
	expHTTPBody
	expHTTPBodyRegex
	expHTTPBodyLF
)

// matchKind is how "http-check expect hdr" compares a name or value
// ("-m str|beg|end|sub|reg").
type matchKind uint8

const (
	matchStr matchKind = iota
	matchBeg
	matchEnd
	matchSub
	matchReg
)

// customFunc is a protocol check's own response parser (expect custom).
type customFunc func(x *checkRun, r *rule, lastRead bool) evalRet

// expectRule is an expect rule (struct tcpcheck_expect).
type expectRule struct {
	kind    expectKind
	inverse bool
	// minRecv is "min-recv": -1 means none.
	minRecv int
	data    []byte
	re      *regexp.Regexp
	fmt     *logFormat
	codes   [][2]int
	custom  customFunc

	// "hdr"/"fhdr": name and value patterns.
	hdrFull    bool
	nameMatch  matchKind
	name       string
	nameRe     *regexp.Regexp
	nameFmt    *logFormat
	valueNone  bool
	valueMatch matchKind
	value      string
	valueRe    *regexp.Regexp
	valueFmt   *logFormat

	okStatus, errStatus, toutStatus Status // StatusUnknown: not set
	onSuccess, onError              *logFormat
	statusExpr                      *sampleExpr

	// head is the first rule of the chain of inverted expects this one
	// belongs to (itself if none): evaluation resumes there when more
	// data is needed.
	head *rule
}

// varRule is "set-var(name) <expr>", "set-var-fmt(name) <fmt>" or
// "unset-var(name)" in a check ruleset.
type varRule struct {
	name string
	expr *sampleExpr
	fmt  *logFormat
}

// proto is the kind of ruleset (TCPCHK_RULES_*_CHK): which messages and
// parsers apply.
type proto uint8

const (
	protoNone proto = iota // plain TCP connect, no "option"
	protoTCP               // "option tcp-check"
	protoHTTP
	protoRedis
	protoSSL3
	protoSMTP
	protoPgSQL
	protoMySQL
	protoLDAP
	protoSPOP
	protoAgent
)

// ruleset is a check method compiled: the rules and the variables they
// start with (struct tcpcheck_rules).
type ruleset struct {
	proto proto
	rules []*rule
	vars  []presetVar
}

type presetVar struct {
	name string
	val  value
}

// firstRule is get_first_tcpcheck_rule(): comments and variable actions
// aside.
func (rs *ruleset) firstRule() *rule {
	for _, r := range rs.rules {
		if r.action != actComment && r.action != actSetVar && r.action != actUnsetVar {
			return r
		}
	}
	return nil
}

// nextRule is get_next_tcpcheck_rule() from position i.
func (rs *ruleset) nextRule(i int) *rule {
	for _, r := range rs.rules[i+1:] {
		if r.action != actComment && r.action != actSetVar && r.action != actUnsetVar {
			return r
		}
	}
	return nil
}

// lastRule is get_last_tcpcheck_rule().
func (rs *ruleset) lastRule() *rule {
	for i := len(rs.rules) - 1; i >= 0; i-- {
		if r := rs.rules[i]; r.action != actComment && r.action != actSetVar && r.action != actUnsetVar {
			return r
		}
	}
	return nil
}
