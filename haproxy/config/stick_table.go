package config

import (
	"strings"

	"hakeep/proxy"
)

// stickDataTypes are the "store" data types of 2.6 (stktable_data_types):
// whether each is an array (gpc(N)...) and whether it takes a period.
type stickDataType struct{ array, delay bool }

func stickDataTypes() map[string]stickDataType {
	return map[string]stickDataType{
		"server_id": {}, "gpt0": {}, "gpc0": {}, "gpc0_rate": {delay: true},
		"conn_cnt": {}, "conn_rate": {delay: true}, "conn_cur": {}, "sess_cnt": {},
		"sess_rate": {delay: true}, "http_req_cnt": {}, "http_req_rate": {delay: true},
		"http_err_cnt": {}, "http_err_rate": {delay: true}, "bytes_in_cnt": {},
		"bytes_in_rate": {delay: true}, "bytes_out_cnt": {}, "bytes_out_rate": {delay: true},
		"gpc1": {}, "gpc1_rate": {delay: true}, "server_key": {}, "http_fail_cnt": {},
		"http_fail_rate": {delay: true}, "gpt": {array: true}, "gpc": {array: true},
		"gpc_rate": {array: true, delay: true},
	}
}

// stickKeyTypes are the table key types and their default key sizes.
type stickKeyType struct {
	custom bool
	size   int
}

func stickKeyTypes() map[string]stickKeyType {
	return map[string]stickKeyType{"integer": {false, 4}, "ip": {false, 4}, "ipv6": {false, 16}, "string": {true, 32}, "binary": {true, 32}}
}

// maxStickArray is STKTABLE_MAX_DT_ARRAY_SIZE.
const maxStickArray = 100

// parseStickTable is parse_stick_table() (src/stick_table.c), for a
// proxy's "stick-table" (inPeers false) or a peers section's "table".
func (l *loader) parseStickTable(ln *line, id string, inPeers bool) (*proxy.StickTable, errCode) {
	if id == "" {
		l.alert(ln, "%s: ID not provided.", ln.arg(0))
		return nil, errAlert | errAbort
	}
	t := &proxy.StickTable{Name: id}
	kw := ln.arg(0)
	idx := 1
	if inPeers {
		idx++
	}
	var ec errCode
	typeSet := false
	seen := map[string]bool{}
	for ln.arg(idx) != "" {
		switch w := ln.arg(idx); {
		case w == "size":
			idx++
			if ln.arg(idx) == "" {
				l.alert(ln, "%s: missing argument after '%s'.", kw, ln.arg(idx-1))
				return nil, ec | errFatalAlert
			}
			v, at, ok := parseSize(ln.arg(idx))
			if !ok {
				l.alert(ln, "%s: unexpected character '%s' in argument of '%s'.", kw, charAt(ln.arg(idx), at), ln.arg(idx-1))
				return nil, ec | errFatalAlert
			}
			t.Size = int(v)
			idx++
		case !inPeers && w == "peers":
			idx++
			if ln.arg(idx) == "" {
				l.alert(ln, "%s: missing argument after '%s'.", kw, ln.arg(idx-1))
				return nil, ec | errFatalAlert
			}
			t.Peers = ln.arg(idx)
			// the table works locally; nothing is exchanged
			l.notYet(ln, kw+" ... peers", "peers synchronisation")
			idx++
		case w == "expire":
			idx++
			if ln.arg(idx) == "" {
				l.alert(ln, "%s: missing argument after '%s'.", kw, ln.arg(idx-1))
				return nil, ec | errFatalAlert
			}
			v, te, ok := l.parseTimeWarn(ln, ln.arg(idx), unitMS)
			switch {
			case te.over:
				l.alertNS(ln, "%s: timer overflow in argument <%s> to <%s>, maximum value is 2147483647 ms (~24.8 days).", kw, ln.arg(idx), ln.arg(idx-1))
				return nil, ec | errFatalAlert
			case te.under:
				l.alertNS(ln, "%s: timer underflow in argument <%s> to <%s>, minimum non-null value is 1 ms.", kw, ln.arg(idx), ln.arg(idx-1))
				return nil, ec | errFatalAlert
			case !ok:
				l.alert(ln, "%s: unexpected character '%s' in argument of '%s'.", kw, charAt(ln.arg(idx), te.at), ln.arg(idx-1))
				return nil, ec | errFatalAlert
			}
			t.Expire = durationOf(v, unitMS)
			idx++
		case w == "nopurge":
			t.NoPurge = true
			idx++
		case w == "type":
			idx++
			kt, ok := stickKeyTypes()[ln.arg(idx)]
			if !ok {
				l.alert(ln, "%s: unknown type '%s'.", kw, ln.arg(idx))
				return nil, ec | errFatalAlert
			}
			t.Type, t.KeyLen = ln.arg(idx), kt.size
			idx++
			if kt.custom && ln.arg(idx) == "len" {
				idx++
				n := int(atol(ln.arg(idx)))
				if n == 0 {
					l.alert(ln, "%s: unknown type '%s'.", kw, ln.arg(idx))
					return nil, ec | errFatalAlert
				}
				t.KeyLen = n
				idx++
			}
			typeSet = true
		case w == "store":
			idx++
			code, ok := l.parseStickStore(ln, kw, ln.arg(idx), t, seen)
			ec |= code
			if !ok {
				return nil, ec
			}
			idx++
			switch {
			case seen["gpt"] && seen["gpt0"]:
				l.alert(ln, "%s: simultaneous usage of 'gpt' and 'gpt0' in a same table is not permitted as 'gpt' overrides 'gpt0'.", kw)
				return nil, ec | errFatalAlert
			case seen["gpc"] && (seen["gpc0"] || seen["gpc1"]):
				l.alert(ln, "%s: simultaneous usage of 'gpc' and 'gpc[0/1]' in a same table is not permitted as 'gpc' overrides 'gpc[0/1]'.", kw)
				return nil, ec | errFatalAlert
			case seen["gpc_rate"] && (seen["gpc0_rate"] || seen["gpc1_rate"]):
				l.alert(ln, "%s: simultaneous usage of 'gpc_rate' and 'gpc[0/1]_rate' in a same table is not permitted as 'gpc_rate' overrides 'gpc[0/1]_rate'.", kw)
				return nil, ec | errFatalAlert
			}
		case w == "srvkey":
			idx++
			if k := ln.arg(idx); k != "name" && k != "addr" {
				l.alert(ln, "%s : unknown server key type '%s'.", kw, k)
				return nil, ec | errFatalAlert
			}
			t.SrvKey = ln.arg(idx)
			idx++
		default:
			l.alert(ln, "%s: unknown argument '%s'.", kw, w)
			return nil, ec | errFatalAlert
		}
	}
	if t.Size == 0 {
		l.alert(ln, "%s: missing size.", kw)
		return nil, ec | errFatalAlert
	}
	if !typeSet {
		l.alert(ln, "%s: missing type.", kw)
		return nil, ec | errFatalAlert
	}
	return t, ec
}

// parseStickStore reads one "store" list: "type[(arg[,arg2])],...".
func (l *loader) parseStickStore(ln *line, kw, list string, t *proxy.StickTable, seen map[string]bool) (errCode, bool) {
	var ec errCode
	for rest := list; rest != ""; {
		// split on the next comma outside parentheses
		cw, sa, sa2 := rest, "", ""
		hasArg := false
		i := 0
		for i < len(rest) && rest[i] != ',' {
			if rest[i] == '(' {
				cw = rest[:i]
				j := strings.IndexByte(rest[i:], ')')
				if j < 0 {
					l.alert(ln, "%s: missing closing parenthesis after store option '%s'.", kw, cw)
					return ec | errFatalAlert, false
				}
				inner := rest[i+1 : i+j]
				sa, sa2, _ = strings.Cut(inner, ",")
				hasArg = true
				i += j
			}
			i++
		}
		if !hasArg {
			cw = rest[:i]
		}
		if i < len(rest) {
			rest = rest[i+1:]
		} else {
			rest = ""
		}
		dt, ok := stickDataTypes()[cw]
		if !ok {
			l.alert(ln, "%s: unknown store option '%s'.", kw, cw)
			return ec | errFatalAlert, false
		}
		if seen[cw] {
			l.warnNS(ln, "%s: store option '%s' already enabled, ignored.", kw, cw)
			ec |= errWarn
			continue
		}
		sd := proxy.StickData{Name: cw, Count: 1}
		arg, argSet := sa, hasArg
		if dt.array {
			if !hasArg {
				l.alert(ln, "%s: missing argument to store option '%s'.", kw, cw)
				return ec | errFatalAlert, false
			}
			n := atoi(sa)
			if n == 0 || n > maxStickArray {
				l.alert(ln, "%s: array size is out of allowed range (1-%d) for store option '%s'.", kw, maxStickArray, cw)
				return ec | errFatalAlert, false
			}
			sd.Count = n
			arg, argSet = sa2, sa2 != "" || strings.Contains(list, sa+",")
		}
		switch {
		case dt.delay:
			if !argSet {
				l.alert(ln, "%s: missing argument to store option '%s'.", kw, cw)
				return ec | errFatalAlert, false
			}
			v, _, ok := parseTime(arg, unitMS)
			if !ok {
				l.alert(ln, "%s: error when processing store option '%s'.", kw, cw)
				return ec | errFatalAlert, false
			}
			sd.Period = durationOf(v, unitMS)
		case argSet:
			l.alert(ln, "%s: unexpected argument to store option '%s'.", kw, cw)
			return ec | errFatalAlert, false
		}
		seen[cw] = true
		t.Store = append(t.Store, sd)
	}
	return ec, true
}

// charAt renders s[at] as %c does, or nothing past the end.
func charAt(s string, at int) string {
	if at < 0 || at >= len(s) {
		return ""
	}
	return s[at : at+1]
}
