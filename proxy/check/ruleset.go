package check

import (
	"fmt"
	"strings"

	"hakeep/proxy"
)

// methodSet holds the flags of the check method that are not rules.
type methodSet struct {
	rs         *ruleset
	disable404 bool // "http-check disable-on-404"
	sendState  bool // "http-check send-state"
	external   bool // "option external-check"
}

// buildMethod compiles a backend's check method (configuration.txt
// section 4.2) into a ruleset, the way src/tcpcheck.c builds it from the
// "option" and the "tcp-check"/"http-check" lines, then completes it as
// check_proxy_tcpcheck() does.
func buildMethod(p *proxy.Proxy) (*methodSet, error) {
	hc := &p.Check
	m := &methodSet{}
	for _, r := range hc.Rules {
		if r.Keyword != "http-check" {
			continue
		}
		switch r.Action {
		case "disable-on-404":
			m.disable404 = true
		case "send-state":
			m.sendState = true
		}
	}
	var err error
	switch hc.Type {
	case proxy.CheckTCP:
		m.rs = &ruleset{proto: protoNone}
	case proxy.CheckHTTP:
		m.rs, err = buildHTTP(hc)
	case proxy.CheckTCPCheck:
		m.rs, err = buildTCPCheck(hc)
	case proxy.CheckRedis:
		m.rs, err = builtin(protoRedis, nil,
			[]string{"send", "*1\r\n$4\r\nPING\r\n"},
			[]string{"expect", "string", "+PONG\r\n", "error-status", "L7STS",
				"on-error", "%[res.payload(0,0),cut_crlf]", "on-success", "Redis server is ok"})
	case proxy.CheckSSLHello:
		m.rs, err = builtin(protoSSL3, nil,
			[]string{"send-binary-lf", sslv3ClientHello},
			[]string{"expect", "rbinary", "^1[56]", "min-recv", "5", "ok-status", "L6OK",
				"error-status", "L6RSP", "tout-status", "L6TOUT"})
	case proxy.CheckSMTP:
		// 2.6 reads multi-line EHLO answers and ends with QUIT (checked
		// against 2.6.12: "code: 221, info: \"bye\"")
		cmd := "HELO localhost"
		if hc.SMTPHelo != "" && hc.SMTPDomain != "" {
			cmd = hc.SMTPHelo + " " + hc.SMTPDomain
		}
		m.rs, err = builtin(protoSMTP, []presetVar{{"check.smtp_cmd", strValue(cmd)}},
			[]string{"connect", "default", "linger"},
			[]string{"expect", "rstring", "^[0-9]{3}[ \r]", "min-recv", "4", "error-status", "L7RSP",
				"on-error", "%[res.payload(0,0),cut_crlf]"},
			[]string{"expect", "rstring", "^2[0-9]{2}[ \r]", "min-recv", "4", "error-status", "L7STS",
				"on-error", "%[res.payload(4,0),ltrim(' '),cut_crlf]", "status-code", "res.payload(0,3)"},
			[]string{"send-lf", "%[var(check.smtp_cmd)]\r\n"},
			[]string{"expect", "rstring", "^(2[0-9]{2}-[^\r]*\r\n)*2[0-9]{2}[ \r]", "error-status", "L7STS",
				"on-error", "%[res.payload(4,0),ltrim(' '),cut_crlf]",
				"on-success", "%[res.payload(4,0),ltrim(' '),cut_crlf]", "status-code", "res.payload(0,3)"},
			[]string{"send", "QUIT\r\n"},
			[]string{"expect", "rstring", "^2[0-9]{2}[- \r]", "min-recv", "4", "error-status", "L7STS",
				"on-error", "%[res.payload(4,0),ltrim(' '),cut_crlf]",
				"on-success", "%[res.payload(4,0),ltrim(' '),cut_crlf]", "status-code", "res.payload(0,3)"})
	case proxy.CheckPgSQL:
		vars := []presetVar{{"check.username", strValue(hc.User)}, {"check.plen", intValue(int64(15 + len(hc.User)))}}
		m.rs, err = builtin(protoPgSQL, vars,
			[]string{"connect", "default", "linger"},
			[]string{"send-binary-lf", "%[var(check.plen),htonl,hex]000300007573657200%[var(check.username),hex]0000"},
			[]string{"expect", "!rstring", "^E", "min-recv", "5", "error-status", "L7RSP",
				"on-error", "%[res.payload(6,0)]"},
			[]string{"expect", "rbinary", "^52000000(08|0A|0C)000000(00|02|03|04|05|06)", "min-recv", "9",
				"error-status", "L7STS", "on-success", "PostgreSQL server is ok", "on-error", "PostgreSQL unknown error"})
	case proxy.CheckMySQL:
		m.rs, err = buildMySQL(hc)
	case proxy.CheckLDAP:
		m.rs, err = builtin(protoLDAP, nil,
			[]string{"send-binary", "300C020101600702010304008000"},
			[]string{"expect", "rbinary", "^30", "min-recv", "14", "on-error", "Not LDAPv3 protocol"},
			[]string{"expect", "custom"})
		if err == nil {
			m.rs.rules[len(m.rs.rules)-1].expect.custom = expectLDAPBindResponse
		}
	case proxy.CheckSPOP:
		m.rs, err = builtin(protoSPOP, nil,
			[]string{"send-binary", fmt.Sprintf("%X", spopHealthcheckHello())},
			[]string{"expect", "custom", "min-recv", "4"})
		if err == nil {
			m.rs.rules[len(m.rs.rules)-1].expect.custom = expectSPOPAgentHello
		}
	case proxy.CheckExternal:
		m.external = true
		m.rs = &ruleset{proto: protoNone}
		return m, nil
	default:
		return nil, fmt.Errorf("unsupported check type %d", hc.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("proxy '%s': %w", p.Name, err)
	}
	finishRuleset(m.rs)
	return m, nil
}

// builtin compiles the fixed ruleset of an "option *-check": each entry
// is a tcp-check line without its keyword, indexed in order.
func builtin(pr proto, vars []presetVar, lines ...[]string) (*ruleset, error) {
	rs := &ruleset{proto: pr, vars: vars}
	for i, l := range lines {
		r, err := parseRule("tcp-check", l[0], l[1:], false, rs.rules)
		if err != nil {
			return nil, err
		}
		r.index = i
		rs.add(r)
	}
	return rs, nil
}

// add appends r, linking an expect rule to the head of its chain of
// inverted expects.
func (rs *ruleset) add(r *rule) {
	if r.action == actExpect {
		r.expect.head = r
		for i := len(rs.rules) - 1; i >= 0; i-- {
			p := rs.rules[i]
			if p.action == actExpect {
				if p.expect.inverse {
					r.expect.head = p
				}
				continue
			}
			if p.action != actComment && p.action != actSetVar && p.action != actUnsetVar {
				break
			}
		}
	}
	rs.rules = append(rs.rules, r)
}

// buildTCPCheck compiles "option tcp-check" with its "tcp-check" lines.
func buildTCPCheck(hc *proxy.HealthCheck) (*ruleset, error) {
	rs := &ruleset{proto: protoTCP}
	idx := 0
	for _, cr := range hc.Rules {
		if cr.Keyword != "tcp-check" {
			continue
		}
		r, err := parseRule("tcp-check", cr.Action, cr.Args, false, rs.rules)
		if err != nil {
			return nil, fmt.Errorf("parsing [%s:%d] : %w", cr.File, cr.Line, err)
		}
		r.index = idx
		idx++
		rs.add(r)
	}
	return rs, nil
}

// buildMySQL is "option mysql-check [user <u> [post-41|pre-41]]".
func buildMySQL(hc *proxy.HealthCheck) (*ruleset, error) {
	lines := [][]string{{"connect", "default", "linger"}}
	var vars []presetVar
	if hc.User != "" {
		plen := len(hc.User) + 7
		req := "%[var(check.header),hex]0080000001%[var(check.username),hex]000001000000" + "01"
		if hc.MySQLPost41 {
			plen += 27
			req = "%[var(check.header),hex]0082000000800001" + "21" + strings.Repeat("00", 23) +
				"%[var(check.username),hex]00" + "00" + "010000" + "00" + "01"
		}
		hdr := string([]byte{byte(plen), byte(plen >> 8), byte(plen >> 16), 1})
		vars = []presetVar{{"check.header", strValue(hdr)}, {"check.username", strValue(hc.User)}}
		lines = append(lines, []string{"send-binary-lf", req})
	}
	lines = append(lines, []string{"expect", "custom"})
	if hc.User != "" {
		lines = append(lines, []string{"expect", "custom"})
	}
	rs, err := builtin(protoMySQL, vars, lines...)
	if err != nil {
		return nil, err
	}
	first := true
	for _, r := range rs.rules {
		if r.action == actExpect {
			if first {
				r.expect.custom = expectMySQLInitialHandshake
				first = false
			} else {
				r.expect.custom = expectMySQLOK
			}
		}
	}
	return rs, nil
}

// buildHTTP compiles "option httpchk" with its "http-check" lines, merging
// the option's request into the first "http-check send" as
// tcpcheck_add_http_rule() does (the option is taken as written first).
func buildHTTP(hc *proxy.HealthCheck) (*ruleset, error) {
	opt, err := optionRequest(hc)
	if err != nil {
		return nil, err
	}
	rs := &ruleset{proto: protoHTTP}
	rs.add(opt)
	for _, cr := range hc.Rules {
		if cr.Keyword != "http-check" || cr.Action == "disable-on-404" || cr.Action == "send-state" {
			continue
		}
		idx := 0
		if n := len(rs.rules); n > 0 {
			if last := rs.rules[n-1]; !(last.action == actSend && last.send.http != nil && last.send.http.fromOpt) {
				idx = last.index + 1
			}
		}
		r, err := parseRule("http-check", cr.Action, cr.Args, true, rs.rules)
		if err != nil {
			return nil, fmt.Errorf("parsing [%s:%d] : %w", cr.File, cr.Line, err)
		}
		r.index = idx
		if err := rs.addHTTP(r); err != nil {
			return nil, fmt.Errorf("parsing [%s:%d] : 'http-check %s' : %w.", cr.File, cr.Line, cr.Action, err)
		}
	}
	// the option's request goes after a leading "http-check connect"
	if first := rs.firstRule(); first != nil && first.action == actSend && first.send.http.fromOpt {
		i := rs.position(first)
		if next := rs.nextRule(i); next != nil && next.action == actConnect {
			j := rs.position(next)
			rs.rules = append(rs.rules[:i], rs.rules[i+1:]...)
			j--
			rs.rules = append(rs.rules[:j+1], append([]*rule{first}, rs.rules[j+1:]...)...)
			first.index = next.index
		}
	}
	// the final expect may be left out: 2.6 expects a 2xx or 3xx status
	if last := rs.lastRule(); last != nil && last.action == actSend {
		r, _ := parseRule("http-check", "expect", []string{"status", "200-399"}, true, rs.rules)
		r.index = last.index
		rs.add(r)
	}
	return rs, nil
}

func (rs *ruleset) position(r *rule) int {
	for i, x := range rs.rules {
		if x == r {
			return i
		}
	}
	return -1
}

// addHTTP is tcpcheck_add_http_rule() for an explicit "http-check" rule.
func (rs *ruleset) addHTTP(r *rule) error {
	last := rs.lastRule()
	switch {
	case last == nil || (last.action == actSend && last.send.http != nil && last.send.http.fromOpt):
	case last.action != actConnect && r.action == actSend:
		return fmt.Errorf("unable to add http-check send rule at step %d (missing connect rule)", r.index+1)
	case last.action != actSend && last.action != actExpect && r.action == actExpect:
		return fmt.Errorf("unable to add http-check expect rule at step %d (missing send rule)", r.index+1)
	case last.action != actExpect && r.action == actConnect:
		return fmt.Errorf("unable to add http-check connect rule at step %d (missing expect rule)", r.index+1)
	}
	if r.action == actSend {
		if first := rs.firstRule(); first != nil && first.action == actSend && first.send.http.fromOpt {
			// the explicit rule's comment goes with it, as in 2.6
			overwriteHTTPSend(first.send.http, r.send.http)
			rs.rules = append(rs.rules[:rs.position(first)], rs.rules[rs.position(first)+1:]...)
			first.send.http.fromOpt = false
			r = first
		}
	}
	rs.add(r)
	return nil
}

// overwriteHTTPSend is tcpcheck_overwrite_send_http_rule(): what the
// explicit rule sets replaces the option's; its headers replace all of
// the option's.
func overwriteHTTPSend(old, n *httpSend) {
	if n.meth != "" {
		old.meth = n.meth
	}
	if n.uriFmt != nil {
		old.uri, old.uriFmt = "", n.uriFmt
	} else if n.uri != "" {
		old.uri, old.uriFmt = n.uri, nil
	}
	if n.vsn != "" {
		old.vsn = n.vsn
	}
	old.hdrs = n.hdrs
	if n.hasBody {
		old.hasBody, old.body, old.bodyFmt = true, n.body, n.bodyFmt
	}
}

// optionRequest is proxy_parse_httpchk_req(): the request of "option
// httpchk [<method>] [<uri>] [<version>]", with the headers and body 2.6
// still accepts after the version ("HTTP/1.1\r\nHost:\ www").
func optionRequest(hc *proxy.HealthCheck) (*rule, error) {
	h := &httpSend{fromOpt: true, meth: hc.HTTPMethod, uri: hc.HTTPURI, vsn: hc.HTTPVersion}
	r := &rule{action: actSend, send: &sendRule{kind: sendHTTP, http: h}}
	if hc.HTTPHeaders == "" {
		return r, nil
	}
	rest := "\r\n" + hc.HTTPHeaders
	var hdrs, body string
	if i := strings.Index(rest, "\r\n\r\n"); i >= 0 {
		hdrs, body = rest[:i], rest[i+4:]
		h.hasBody, h.body = true, body
	} else {
		hdrs = rest
	}
	for _, line := range strings.Split(strings.TrimPrefix(hdrs, "\r\n"), "\r\n") {
		if line == "" {
			continue
		}
		name, val, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("unable to parse the request '%s\r\n\r\n'", strings.TrimPrefix(hdrs, "\r\n"))
		}
		f, err := parseLogFormat(strings.Trim(val, " \t"))
		if err != nil {
			return nil, err
		}
		h.hdrs = append(h.hdrs, httpHdr{name: name, value: f})
	}
	return r, nil
}

// finishRuleset is the end of check_proxy_tcpcheck(): an implicit connect
// leads when the rules do not start with one, and comment rules become
// the comment of the rules they precede.
func finishRuleset(rs *ruleset) {
	if first := rs.firstRule(); first == nil || first.action != actConnect {
		c := &rule{action: actConnect, connect: &connectRule{def: true, implicit: true}}
		rs.rules = append([]*rule{c}, rs.rules...)
	}
	var comment string
	prev := actComment
	out := rs.rules[:0]
	for _, r := range rs.rules {
		if r.action != prev && prev != actComment {
			comment = ""
		}
		prev = r.action
		switch r.action {
		case actComment:
			comment = r.comment
			continue
		case actConnect:
			if r.comment == "" {
				r.comment = comment
			}
			comment = ""
		case actSetVar, actUnsetVar:
			comment = ""
		case actSend, actExpect:
			if r.comment == "" {
				r.comment = comment
			}
		}
		out = append(out, r)
	}
	rs.rules = out
}

// sslv3ClientHello is the SSLv3 CLIENT HELLO "option ssl-hello-chk" sends
// (RFC 2246 sections A.3 and A.4), as a binary log-format string.
const sslv3ClientHello = "16" + "0300" + "0079" + "01" + "000075" + "0300" +
	"%[date(),htonl,hex]" + "%[str(HAPROXYSSLCHK\nHAPROXYSSLCHK\n),hex]" + "00" + "004E" +
	"0001" + "0002" + "0003" + "0004" + "0005" + "0006" + "0007" + "0008" +
	"0009" + "000A" + "000B" + "000C" + "000D" + "000E" + "000F" + "0010" +
	"0011" + "0012" + "0013" + "0014" + "0015" + "0016" + "0017" + "0018" +
	"0019" + "001A" + "001B" + "002F" + "0030" + "0031" + "0032" + "0033" +
	"0034" + "0035" + "0036" + "0037" + "0038" + "0039" + "003A" + "01" + "00"

// agentRuleset is the "*agent-check" ruleset: send the agent string if
// any, then parse the reply (srv_parse_agent_check()).
func agentRuleset(send string) *ruleset {
	rs, _ := builtin(protoAgent, nil,
		[]string{"send-lf", "%[var(check.agent_string)]"},
		[]string{"expect", "custom"})
	rs.rules[1].expect.custom = expectAgentReply
	if send != "" {
		rs.vars = []presetVar{{"check.agent_string", strValue(send)}}
	}
	finishRuleset(rs)
	return rs
}
