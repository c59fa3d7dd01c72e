package check

import (
	"fmt"
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
