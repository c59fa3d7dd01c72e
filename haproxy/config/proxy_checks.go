package config

import (
	"fmt"
	"strings"

	"hakeep/proxy"
	"hakeep/proxy/sample"
)

// checkOption is "option httpchk|ssl-hello-chk|smtpchk|pgsql-check|
// redis-check|mysql-check|ldap-check|spop-check|tcp-check|external-check"
// (src/tcpcheck.c, src/extcheck.c): each selects the backend's health
// check method.
func (pp *proxyParser) checkOption(s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	name := ln.arg(1)
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, name, "") {
		ec |= errWarn
	}
	hc := &s.p.Check
	maxArgs := map[string]int{"httpchk": 3, "smtpchk": 2, "pgsql-check": 2, "mysql-check": 3}[name]
	if l.tooManyArgs(ln, maxArgs, 1, &ec) {
		return ec
	}
	switch name {
	case "httpchk":
		hc.Type = proxy.CheckHTTP
		hc.HTTPMethod, hc.HTTPURI, hc.HTTPVersion, hc.HTTPHeaders = "OPTIONS", "/", "HTTP/1.0", ""
		words := ln.from(2)
		switch len(words) {
		case 1:
			hc.HTTPURI = words[0]
		case 2, 3:
			hc.HTTPMethod, hc.HTTPURI = words[0], words[1]
			if len(words) == 3 {
				v := words[2]
				// Headers may ride on the version ("HTTP/1.1\r\nHost:\ x"),
				// which 2.6 splits off with a warning-free rewrite.
				if i := strings.Index(v, "\r\n"); i >= 0 {
					hc.HTTPVersion, hc.HTTPHeaders = v[:i], v[i+2:]
				} else {
					hc.HTTPVersion = v
				}
			}
		}
		s.tcpcheckProto = true
	case "ssl-hello-chk":
		hc.Type = proxy.CheckSSLHello
		s.tcpcheckProto = true
	case "smtpchk":
		hc.Type = proxy.CheckSMTP
		hc.SMTPHelo, hc.SMTPDomain = "HELO", "localhost"
		if w := ln.arg(2); (w == "EHLO" || w == "HELO") && ln.arg(3) != "" {
			hc.SMTPHelo, hc.SMTPDomain = w, ln.arg(3)
		}
		s.tcpcheckProto = true
	case "pgsql-check":
		if ln.arg(2) != "user" || ln.arg(3) == "" {
			l.alert(ln, "'%s %s' expects 'user <username>' as argument.", ln.arg(0), ln.arg(1))
			return ec | errFatalAlert
		}
		hc.Type, hc.User = proxy.CheckPgSQL, ln.arg(3)
		s.tcpcheckProto = true
	case "mysql-check":
		hc.Type, hc.User, hc.MySQLPost41 = proxy.CheckMySQL, "", false
		if ln.arg(2) != "" {
			if ln.arg(2) != "user" {
				l.alert(ln, "'%s %s' only supports optional values: 'user' (got '%s').", ln.arg(0), ln.arg(1), ln.arg(2))
				return ec | errFatalAlert
			}
			if ln.arg(3) == "" {
				l.alert(ln, "'%s %s %s' expects <username> as argument.", ln.arg(0), ln.arg(1), ln.arg(2))
				return ec | errFatalAlert
			}
			hc.User = ln.arg(3)
			switch ln.arg(4) {
			case "", "post-41":
				hc.MySQLPost41 = true
			case "pre-41":
			default:
				l.alert(ln, "keyword '%s' only supports 'post-41' and 'pre-41' (got '%s').", ln.arg(2), ln.arg(4))
				return ec | errFatalAlert
			}
		}
		s.tcpcheckProto = true
	case "redis-check":
		hc.Type = proxy.CheckRedis
		s.tcpcheckProto = true
	case "ldap-check":
		hc.Type = proxy.CheckLDAP
		s.tcpcheckProto = true
	case "spop-check":
		if s.isDef() {
			l.alert(ln, "'%s %s' not allowed in 'defaults' section.", ln.arg(0), ln.arg(1))
			return ec | errFatalAlert
		}
		hc.Type = proxy.CheckSPOP
		s.tcpcheckProto = true
	case "tcp-check":
		hc.Type = proxy.CheckTCPCheck
		s.tcpcheckProto = true
	case "external-check":
		hc.Type = proxy.CheckExternal
	}
	return ec
}

// tcpCheckActions are the tcp-check/http-check actions registered by
// other files (action_kw_tcp_check_build_list()).
func tcpCheckActions() []string { return []string{"set-var", "set-var-fmt", "unset-var"} }

func checkActionName(w string) bool {
	for _, a := range tcpCheckActions() {
		if w == a || strings.HasPrefix(w, a+"(") {
			return true
		}
	}
	return false
}

// pxTCPCheck is "tcp-check <action> ..." (proxy_parse_tcpcheck()).
func pxTCPCheck(pp *proxyParser, s *pxState, ln *line) (int, string) {
	return pp.checkRule(s, ln, false)
}

// pxHTTPCheck is "http-check <action> ..." (proxy_parse_httpcheck()).
func pxHTTPCheck(pp *proxyParser, s *pxState, ln *line) (int, string) {
	return pp.checkRule(s, ln, true)
}

func (pp *proxyParser) checkRule(s *pxState, ln *line, http bool) (int, string) {
	rc := 0
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		rc = 1
	}
	act := ln.arg(1)
	if http {
		switch act {
		case "disable-on-404", "send-state":
			if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
				return -1, m
			}
			pp.addCheckRule(s, ln, http)
			return rc, ""
		}
	}
	var msg string
	switch act {
	case "connect", "comment":
		if act == "comment" && ln.arg(2) == "" {
			msg = "expects a string as first argument"
		}
	case "send":
		if !http && ln.arg(2) == "" {
			msg = "'send' expects a string as argument."
		}
	case "send-binary", "send-lf", "send-binary-lf":
		if http {
			msg = badCheckAction(ln, http)
		} else if ln.arg(2) == "" {
			msg = fmt.Sprintf("'%s' expects a string as argument.", act)
		}
	case "expect":
		msg = checkExpect(ln, http)
	default:
		if !checkActionName(act) {
			return -1, badCheckAction(ln, http)
		}
	}
	if msg != "" {
		if strings.Contains(msg, "only supports") {
			return -1, msg
		}
		return -1, fmt.Sprintf("'%s %s' : %s.", ln.arg(0), ln.arg(1), msg)
	}
	pp.addCheckRule(s, ln, http)
	return rc, ""
}

func badCheckAction(ln *line, http bool) string {
	if http {
		return fmt.Sprintf("'%s' only supports 'disable-on-404', 'send-state', 'comment', 'connect', 'send', 'expect', set-var(*), set-var-fmt(*), unset-var(*). but got '%s'", ln.arg(0), ln.arg(1))
	}
	return fmt.Sprintf("'%s' only supports 'comment', 'connect', 'send', 'send-binary', 'expect', set-var(*), set-var-fmt(*), unset-var(*). but got '%s'", ln.arg(0), ln.arg(1))
}

// checkExpect validates "expect [min-recv <n>] [!] <match> <pattern> ..."
// enough to catch what parse_tcpcheck_expect() refuses most often.
func checkExpect(ln *line, http bool) string {
	cur := 2
	if ln.arg(cur) == "" {
		return "expects at least a matching pattern as arguments"
	}
	for ln.arg(cur) != "" {
		w := ln.arg(cur)
		if len(w) > 1 && w[0] == '!' {
			// "!<match>": the negation may stick to the method
			w = w[1:]
		}
		switch w {
		case "!":
			cur++
			continue
		case "min-recv", "comment", "on-success", "on-error", "status-code", "tout-status":
			if ln.arg(cur+1) == "" {
				return fmt.Sprintf("'%s' expects a string as argument", w)
			}
			cur += 2
			continue
		case "ok-status":
			switch ln.arg(cur + 1) {
			case "L4OK", "L6OK", "L7OK", "L7OKC":
			default:
				return fmt.Sprintf("'%s' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got '%s').", w, ln.arg(cur+1))
			}
			cur += 2
			continue
		case "error-status":
			switch ln.arg(cur + 1) {
			case "L4CON", "L6RSP", "L7RSP", "L7STS":
			default:
				return fmt.Sprintf("'%s' only supports 'L4CON', 'L6RSP', 'L7RSP' or 'L7STS' status (got '%s').", w, ln.arg(cur+1))
			}
			cur += 2
			continue
		case "string", "rstring", "binary", "rbinary", "string-lf", "binary-lf", "status", "rstatus":
			if ln.arg(cur+1) == "" {
				return fmt.Sprintf("'%s' expects a <pattern> as argument", w)
			}
			if w == "rstring" || w == "rbinary" || w == "rstatus" {
				// regex_comp(): PCRE2's syntax check, 2.6's wording
				if err := sample.CheckRegex(ln.arg(cur + 1)); err != nil {
					return err.Error()
				}
			}
			cur += 2
			continue
		case "hdr", "fhdr":
			if !http {
				break
			}
			// name <n> [-m <meth>] [value <v> [-m <meth>]]
			cur++
			for ln.arg(cur) != "" && ln.arg(cur) != "comment" && ln.arg(cur) != "on-success" && ln.arg(cur) != "on-error" {
				cur++
			}
			continue
		case "custom":
			if !http {
				cur++
				continue
			}
		}
		return fmt.Sprintf("'%s' only supports min-recv, [!] %s, but got '%s' as argument", ln.arg(1), expectKinds(http), w)
	}
	return ""
}

func expectKinds(http bool) string {
	if http {
		return "'status', 'rstatus', 'hdr', 'fhdr', 'string', 'rstring', 'string-lf' or 'binary-lf'"
	}
	return "'binary', 'rbinary', 'string', 'rstring', 'string-lf' or 'binary-lf'"
}

func (pp *proxyParser) addCheckRule(s *pxState, ln *line, http bool) {
	kw := "tcp-check"
	if http {
		kw = "http-check"
		s.httpchkRules = true
	} else {
		s.tcpcheckRules = true
	}
	s.p.Check.Rules = append(s.p.Check.Rules, &proxy.CheckRule{
		Keyword: kw, Action: ln.arg(1), Args: ln.from(2), File: ln.pos.File, Line: ln.pos.Line,
	})
}

// pxExternalCheck is "external-check command|path" (src/extcheck.c).
func pxExternalCheck(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if ln.arg(1) == "" {
		return -1, "missing argument after 'external-check'."
	}
	switch ln.arg(1) {
	case "command":
		if m, bad := tooManyArgsMsg(ln, 2, 0); bad {
			return -1, m
		}
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("missing argument after '%s'.", ln.arg(1))
		}
		s.p.Check.ExternalCommand = ln.arg(2)
	case "path":
		if m, bad := tooManyArgsMsg(ln, 2, 0); bad {
			return -1, m
		}
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("missing argument after '%s'.", ln.arg(1))
		}
		s.p.Check.ExternalPath = ln.arg(2)
	default:
		return -1, fmt.Sprintf("external-check: unknown argument '%s'.", ln.arg(1))
	}
	return 0, ""
}
