package check

import (
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// parseRule compiles one "tcp-check" or "http-check" line: action is the
// first word after the keyword, args the words after it
// (proxy_parse_tcpcheck() and proxy_parse_httpcheck() in src/tcpcheck.c).
func parseRule(keyword, act string, args []string, http bool, existing []*rule) (*rule, error) {
	var r *rule
	var err error
	switch {
	case act == "connect":
		r, err = parseConnect(keyword, args, http, existing)
	case act == "send" && http:
		r, err = parseSendHTTP(args)
	case !http && (act == "send" || act == "send-binary" || act == "send-lf" || act == "send-binary-lf"):
		r, err = parseSend(act, args)
	case act == "expect":
		r, err = parseExpect(args, http)
	case act == "comment":
		if len(args) == 0 || args[0] == "" {
			err = fmt.Errorf("expects a string as argument")
		} else {
			r = &rule{action: actComment, comment: args[0]}
		}
	case strings.HasPrefix(act, "set-var(") || strings.HasPrefix(act, "set-var-fmt(") || strings.HasPrefix(act, "unset-var("):
		r, err = parseVarAction(act, args)
	default:
		if http {
			return nil, fmt.Errorf("'%s' only supports 'disable-on-404', 'send-state', 'comment', 'connect', 'send', 'expect', set-var(*), set-var-fmt(*), unset-var(*). but got '%s'", keyword, act)
		}
		return nil, fmt.Errorf("'%s' only supports 'comment', 'connect', 'send', 'send-binary', 'expect', set-var(*), set-var-fmt(*), unset-var(*). but got '%s'", keyword, act)
	}
	if err != nil {
		return nil, fmt.Errorf("'%s %s' : %s.", keyword, act, err)
	}
	return r, nil
}

// word returns args[i] or "" past the end, as HAProxy's empty args.
func word(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// parseConnect is parse_tcpcheck_connect().
func parseConnect(keyword string, args []string, http bool, existing []*rule) (*rule, error) {
	for _, r := range existing {
		if r.action == actConnect {
			break
		}
		if r.action == actComment || r.action == actSetVar || r.action == actUnsetVar ||
			(r.action == actSend && r.send.http != nil && r.send.http.fromOpt) {
			continue
		}
		return nil, fmt.Errorf("first step MUST also be a 'connect', optionally preceded by a 'set-var', an 'unset-var' or a 'comment', when there is a 'connect' step in the tcp-check ruleset")
	}
	c := &connectRule{}
	r := &rule{action: actConnect, connect: c}
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "default":
			c.def = true
		case "addr":
			if word(args, i+1) == "" {
				return nil, fmt.Errorf("'%s' expects <ipv4|ipv6> as argument.", a)
			}
			i++
			ap, err := parseAddrPort(args[i])
			if err != nil {
				return nil, fmt.Errorf("'%s' : %s.", a, err)
			}
			c.addr, c.addrPort = ap.Addr(), int(ap.Port())
		case "port":
			if word(args, i+1) == "" {
				return nil, fmt.Errorf("'%s' expects a port number or a sample expression as argument.", a)
			}
			i++
			if n, err := strconv.Atoi(args[i]); err == nil {
				if n < 1 || n > 65535 {
					return nil, fmt.Errorf("expects a valid TCP port (from range 1 to 65535) or a sample expression, got %s.", args[i])
				}
				c.port, c.portExpr = n, nil
				continue
			}
			e, err := parseSampleExpr(args[i])
			if err != nil {
				return nil, fmt.Errorf("error detected while parsing port expression : %s", err)
			}
			c.port, c.portExpr = 0, e
		case "proto":
			if word(args, i+1) == "" {
				return nil, fmt.Errorf("'%s' expects a MUX protocol as argument.", a)
			}
			i++
			mode, ok := muxModes[args[i]]
			if !ok {
				return nil, fmt.Errorf("'%s' : unknown MUX protocol '%s'.", a, args[i])
			}
			if http != (mode == "http") {
				return nil, fmt.Errorf("'%s' : invalid MUX protocol '%s' for %s", a, args[i], keyword)
			}
			c.proto = args[i]
		case "comment":
			if word(args, i+1) == "" {
				return nil, fmt.Errorf("'%s' expects a string as argument.", a)
			}
			i++
			r.comment = args[i]
		case "send-proxy":
			c.sendProxy = true
		case "via-socks4":
			c.viaSocks4 = true
		case "linger":
			c.linger = true
		case "ssl":
			c.ssl = true
		case "sni":
			if word(args, i+1) == "" {
				return nil, fmt.Errorf("'%s' expects a string as argument.", a)
			}
			i++
			c.sni = args[i]
		case "alpn":
			i++
			c.alpn = strings.Split(word(args, i), ",")
		default:
			return nil, fmt.Errorf("expects 'comment', 'port', 'addr', 'send-proxy', 'ssl', 'sni', 'alpn' or 'via-socks4', 'linger', 'default' but got '%s' as argument.", a)
		}
	}
	return r, nil
}

// muxModes are the multiplexers "proto" accepts and their mode.
var muxModes = map[string]string{"h1": "http", "h2": "http", "fcgi": "http", "none": "tcp"}

// parseAddrPort reads "ip[:port]" as "addr" takes it.
func parseAddrPort(s string) (netip.AddrPort, error) {
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return netip.AddrPortFrom(a, 0), nil
	}
	ap, err := netip.ParseAddrPort(s)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("invalid address: '%s'", s)
	}
	return ap, nil
}

// parseSend is parse_tcpcheck_send().
func parseSend(act string, args []string) (*rule, error) {
	kind := map[string]sendKind{"send": sendString, "send-binary": sendBinary, "send-lf": sendStringLF, "send-binary-lf": sendBinaryLF}[act]
	if word(args, 0) == "" {
		what := "string"
		if kind == sendBinary {
			what = "binary string"
		}
		return nil, fmt.Errorf("'%s' expects a %s as argument", what, act)
	}
	data := args[0]
	r := &rule{action: actSend, send: &sendRule{kind: kind}}
	for i := 1; i < len(args); i++ {
		if args[i] != "comment" {
			return nil, fmt.Errorf("expects 'comment' but got '%s' as argument.", args[i])
		}
		if word(args, i+1) == "" {
			return nil, fmt.Errorf("'%s' expects a string as argument.", args[i])
		}
		i++
		r.comment = args[i]
	}
	switch kind {
	case sendString:
		r.send.data = []byte(data)
	case sendBinary:
		b, err := parseBinary(data)
		if err != nil {
			return nil, fmt.Errorf("'%s' invalid binary string (%s).\n", data, err)
		}
		r.send.data = b
	default:
		f, err := parseLogFormat(data)
		if err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", data, err)
		}
		r.send.fmt = f
	}
	return r, nil
}

// parseSendHTTP is parse_tcpcheck_send_http().
func parseSendHTTP(args []string) (*rule, error) {
	h := &httpSend{}
	r := &rule{action: actSend, send: &sendRule{kind: sendHTTP, http: h}}
	hasHost := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		need := func() error {
			if word(args, i+1) == "" {
				return fmt.Errorf("'%s' expects a string as argument.", a)
			}
			i++
			return nil
		}
		switch a {
		case "meth":
			if err := need(); err != nil {
				return nil, err
			}
			h.meth = args[i]
		case "uri", "uri-lf":
			if err := need(); err != nil {
				return nil, err
			}
			h.uri, h.uriFmt = "", nil
			if a == "uri-lf" {
				f, err := parseLogFormat(args[i])
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", args[i], err)
				}
				h.uriFmt = f
			} else {
				h.uri = args[i]
			}
		case "ver":
			if err := need(); err != nil {
				return nil, err
			}
			h.vsn = args[i]
		case "hdr":
			if word(args, i+1) == "" || word(args, i+2) == "" {
				return nil, fmt.Errorf("'%s' expects <name> and <value> as arguments", a)
			}
			name, val := args[i+1], args[i+2]
			i += 2
			if strings.EqualFold(name, "host") {
				if hasHost != "" {
					return nil, fmt.Errorf("'%s' header already defined (previous value is '%s')", name, hasHost)
				}
				hasHost = val
			} else if strings.EqualFold(name, "content-length") || strings.EqualFold(name, "transfer-encoding") {
				continue
			}
			f, err := parseLogFormat(val)
			if err != nil {
				return nil, err
			}
			h.hdrs = append(h.hdrs, httpHdr{name: name, value: f})
		case "body", "body-lf":
			if err := need(); err != nil {
				return nil, err
			}
			h.hasBody, h.body, h.bodyFmt = true, "", nil
			if a == "body-lf" {
				f, err := parseLogFormat(args[i])
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", args[i], err)
				}
				h.bodyFmt = f
			} else {
				h.body = args[i]
			}
		case "comment":
			if err := need(); err != nil {
				return nil, err
			}
			r.comment = args[i]
		default:
			return nil, fmt.Errorf("expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or 'body-lf' but got '%s' as argument.", a)
		}
	}
	return r, nil
}

// parseVarAction compiles the set-var/unset-var actions of a check
// ruleset (src/vars.c, action_kw_tcp_check).
func parseVarAction(act string, args []string) (*rule, error) {
	open := strings.IndexByte(act, '(')
	if !strings.HasSuffix(act, ")") {
		return nil, fmt.Errorf("'%s' : missing closing parenthesis", act)
	}
	kw, name := act[:open], act[open+1:len(act)-1]
	if !strings.HasPrefix(name, "check.") && !strings.HasPrefix(name, "proc.") &&
		!strings.HasPrefix(name, "sess.") && !strings.HasPrefix(name, "txn.") && !strings.HasPrefix(name, "req.") && !strings.HasPrefix(name, "res.") {
		return nil, fmt.Errorf("'%s' : invalid variable name '%s'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'", kw, name)
	}
	v := &varRule{name: name}
	switch kw {
	case "unset-var":
		return &rule{action: actUnsetVar, setVar: v}, nil
	case "set-var-fmt":
		f, err := parseLogFormat(word(args, 0))
		if err != nil {
			return nil, fmt.Errorf("'%s' : %s", kw, err)
		}
		v.fmt = f
	default:
		e, err := parseSampleExpr(word(args, 0))
		if err != nil {
			return nil, fmt.Errorf("'%s' : %s", kw, err)
		}
		v.expr = e
	}
	return &rule{action: actSetVar, setVar: v}, nil
}

// parseExpect is parse_tcpcheck_expect().
func parseExpect(args []string, http bool) (*rule, error) {
	if word(args, 0) == "" {
		return nil, fmt.Errorf("expects at least a matching pattern as arguments")
	}
	e := &expectRule{minRecv: -1}
	r := &rule{action: actExpect, expect: e}
	var pattern, npat, vpat, onSuccess, onError string
	var hasSuccess, hasError bool
	badHTTP := func(w string) error {
		return fmt.Errorf("'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment but got '%s' as argument.", w)
	}
	badTCP := func(w string) error {
		return fmt.Errorf("'only supports min-recv, '[!]binary', '[!]string', '[!]rstring', '[!]string-lf''[!]rbinary', '[!]binary-lf' or comment but got '%s' as argument.", w)
	}
	setKind := func(k expectKind) error {
		if e.kind != expUndef {
			return fmt.Errorf("only on pattern expected")
		}
		e.kind = k
		return nil
	}
	for i := 0; i < len(args); i++ {
		w := args[i]
		inPattern := false
		for strings.HasPrefix(w, "!") {
			inPattern = true
			e.inverse = !e.inverse
			w = w[1:]
			if w == "" {
				i++
				w = word(args, i)
			}
		}
		noBang := func() error {
			if inPattern {
				return fmt.Errorf("[!] not supported with '%s'", w)
			}
			return nil
		}
		needArg := func(what string) (string, error) {
			if word(args, i+1) == "" {
				return "", fmt.Errorf("'%s' expects %s as argument", w, what)
			}
			i++
			return args[i], nil
		}
		var err error
		switch w {
		case "min-recv":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("a integer")
			if err != nil {
				return nil, err
			}
			n, _ := strconv.ParseInt(v, 10, 64)
			if n < -1 || n > math.MaxInt32 {
				return nil, fmt.Errorf("'%s' expects -1 or an integer from 0 to INT_MAX", w)
			}
			e.minRecv = int(n)
		case "string", "rstring":
			k := expString
			if http {
				k = expHTTPBody
			}
			if w[0] == 'r' {
				k++ // the regex variant follows
				if http {
					k = expHTTPBodyRegex
				} else {
					k = expStringRegex
				}
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "binary", "rbinary":
			if http {
				return nil, badHTTP(w)
			}
			k := expBinary
			if w[0] == 'r' {
				k = expBinaryRegex
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "string-lf", "binary-lf":
			k := expStringLF
			switch {
			case http && w[0] != 's':
				return nil, badHTTP(w)
			case http:
				k = expHTTPBodyLF
			case w[0] == 'b':
				k = expBinaryLF
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "status", "rstatus":
			if !http {
				return nil, badTCP(w)
			}
			k := expHTTPStatus
			if w[0] == 'r' {
				k = expHTTPStatusRegex
			}
			if err = setKind(k); err != nil {
				return nil, err
			}
			if pattern, err = needArg("a <pattern>"); err != nil {
				return nil, err
			}
		case "custom":
			if err = noBang(); err != nil {
				return nil, err
			}
			if err = setKind(expCustom); err != nil {
				return nil, err
			}
		case "hdr", "fhdr":
			if !http {
				return nil, badTCP(w)
			}
			if err = setKind(expHTTPHeader); err != nil {
				return nil, err
			}
			e.hdrFull = w == "fhdr"
			orig := w
			if word(args, i+1) == "" || word(args, i+2) == "" || (args[i+1] != "name" && args[i+1] != "name-lf") {
				return nil, fmt.Errorf("'%s' expects at the name keyword as first argument followed by a pattern", orig)
			}
			nameLF := args[i+1] == "name-lf"
			i += 2
			if args[i] == "-m" {
				m, err := parseMatch(orig, args, i, nameLF)
				if err != nil {
					return nil, err
				}
				e.nameMatch = m
				i += 2
			}
			npat = word(args, i)
			if nameLF {
				f, err := parseLogFormat(npat)
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", npat, err)
				}
				e.nameFmt = f
			}
			if nv := word(args, i+1); nv != "value" && nv != "value-lf" {
				e.valueNone = true
				continue
			}
			valueLF := args[i+1] == "value-lf"
			if word(args, i+2) == "-m" {
				i += 2
				m, err := parseMatch(orig, args, i, valueLF)
				if err != nil {
					return nil, err
				}
				e.valueMatch = m
			}
			if word(args, i+2) == "" {
				return nil, fmt.Errorf("'%s' expect a pattern with the value keyword", orig)
			}
			vpat = args[i+2]
			i += 2
			if valueLF {
				f, err := parseLogFormat(vpat)
				if err != nil {
					return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", npat, err)
				}
				e.valueFmt = f
			}
		case "comment":
			if err = noBang(); err != nil {
				return nil, err
			}
			if r.comment, err = needArg("a string"); err != nil {
				return nil, err
			}
		case "on-success":
			if err = noBang(); err != nil {
				return nil, err
			}
			if onSuccess, err = needArg("a string"); err != nil {
				return nil, err
			}
			hasSuccess = true
		case "on-error":
			if err = noBang(); err != nil {
				return nil, err
			}
			if onError, err = needArg("a string"); err != nil {
				return nil, err
			}
			hasError = true
		case "ok-status", "error-status", "tout-status":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("a string")
			if err != nil {
				return nil, err
			}
			st, err := parseStatusArg(w, v)
			if err != nil {
				return nil, err
			}
			switch w {
			case "ok-status":
				e.okStatus = st
			case "error-status":
				e.errStatus = st
			default:
				e.toutStatus = st
			}
		case "status-code":
			if err = noBang(); err != nil {
				return nil, err
			}
			v, err := needArg("an expression")
			if err != nil {
				return nil, err
			}
			se, err := parseSampleExpr(v)
			if err != nil {
				return nil, fmt.Errorf("error detected while parsing status-code expression : %s", err)
			}
			e.statusExpr = se
		default:
			if http {
				return nil, badHTTP(w)
			}
			return nil, badTCP(w)
		}
	}
	var err error
	if hasSuccess {
		if e.onSuccess, err = parseLogFormat(onSuccess); err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", onSuccess, err)
		}
	}
	if hasError {
		if e.onError, err = parseLogFormat(onError); err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", onError, err)
		}
	}
	switch e.kind {
	case expHTTPStatus:
		codes, err := parseCodes(pattern)
		if err != nil {
			return nil, err
		}
		e.codes = codes
	case expString, expHTTPBody:
		e.data = []byte(pattern)
	case expBinary:
		b, err := parseBinary(pattern)
		if err != nil {
			return nil, fmt.Errorf("invalid binary string (%s)", err)
		}
		e.data = b
	case expStringRegex, expBinaryRegex, expHTTPStatusRegex, expHTTPBodyRegex:
		re, err := compileRegex(pattern, true)
		if err != nil {
			return nil, err
		}
		e.re = re
	case expStringLF, expBinaryLF, expHTTPBodyLF:
		f, err := parseLogFormat(pattern)
		if err != nil {
			return nil, fmt.Errorf("'%s' invalid log-format string (%s).\n", pattern, err)
		}
		e.fmt = f
	case expHTTPHeader:
		if e.nameMatch == matchReg {
			re, err := compileRegex(npat, false)
			if err != nil {
				return nil, err
			}
			e.nameRe = re
		} else {
			e.name = npat
		}
		if !e.valueNone {
			if e.valueMatch == matchReg {
				re, err := compileRegex(vpat, true)
				if err != nil {
					return nil, err
				}
				e.valueRe = re
			} else {
				e.value = vpat
			}
		}
	case expUndef:
		return nil, fmt.Errorf("pattern not found")
	}
	return r, nil
}

func parseMatch(orig string, args []string, i int, lf bool) (matchKind, error) {
	m := word(args, i+1)
	if m == "" {
		return 0, fmt.Errorf("'%s' : '%s' expects at a matching pattern ('str', 'beg', 'end', 'sub' or 'reg')", orig, args[i])
	}
	switch m {
	case "str":
		return matchStr, nil
	case "beg":
		return matchBeg, nil
	case "end":
		return matchEnd, nil
	case "sub":
		return matchSub, nil
	case "reg":
		if lf {
			return 0, fmt.Errorf("'%s': log-format string is not supported with a regex matching method", orig)
		}
		return matchReg, nil
	}
	return 0, fmt.Errorf("'%s' : '%s' only supports 'str', 'beg', 'end', 'sub' or 'reg' (got '%s')", orig, args[i], m)
}

func parseStatusArg(kw, v string) (Status, error) {
	u := strings.ToUpper(v)
	switch kw {
	case "ok-status":
		switch u {
		case "L7OK", "L7OKC", "L6OK", "L4OK":
			st, _ := ParseStatus(u)
			return st, nil
		}
		return 0, fmt.Errorf("'%s' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got '%s').", kw, v)
	case "error-status":
		switch u {
		case "L7RSP", "L7STS", "L7OKC", "L6RSP", "L4CON":
			st, _ := ParseStatus(u)
			return st, nil
		}
		return 0, fmt.Errorf("'%s' only supports 'L4CON', 'L6RSP', 'L7RSP' or 'L7STS' status (got '%s').", kw, v)
	}
	switch u {
	case "L7TOUT", "L6TOUT", "L4TOUT":
		st, _ := ParseStatus(u)
		return st, nil
	}
	return 0, fmt.Errorf("'%s' only supports 'L4TOUT', 'L6TOUT' or 'L7TOUT' status (got '%s').", kw, v)
}

// parseCodes reads "200", "200-399" or "200,301-302" (read_uint loop).
func parseCodes(p string) ([][2]int, error) {
	var codes [][2]int
	i := 0
	readUint := func() int {
		n := 0
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			n = n*10 + int(p[i]-'0')
			i++
		}
		return n
	}
	for {
		c1 := readUint()
		c2 := c1
		if i < len(p) && p[i] == '-' {
			i++
			c2 = readUint()
		}
		if c1 > c2 {
			return nil, fmt.Errorf("invalid range of status codes '%s'", p)
		}
		codes = append(codes, [2]int{c1, c2})
		if i == len(p) {
			return codes, nil
		}
		if p[i] != ',' {
			return nil, fmt.Errorf("invalid character '%c' in the list of status codes", p[i])
		}
		i++
	}
}

// compileRegex is regex_comp(): PCRE syntax through Go's RE2, which
// covers what checks use; cs false is case-insensitive.
func compileRegex(p string, cs bool) (*regexp.Regexp, error) {
	if !cs {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("regex '%s' is invalid (%s)", p, err)
	}
	return re, nil
}
