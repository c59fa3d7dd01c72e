package config

import (
	"strings"

	"hakeep/parser"
	"hakeep/proxy"
)

// pxCookie is "cookie <name> [options]" (configuration.txt section 4.2).
func pxCookie(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapBackend, ln.arg(0), "") {
		ec |= errWarn
	}
	if ln.arg(1) == "" {
		l.alert(ln, "'%s' expects <cookie_name> as argument.", ln.arg(0))
		return ec | errFatalAlert
	}
	ck := &proxy.Cookie{Name: ln.arg(1)}
	s.p.Cookie = ck
	var rw, ind, ins, pfx bool
	for cur := 2; ln.arg(cur) != ""; cur++ {
		switch w := ln.arg(cur); w {
		case "rewrite":
			rw = true
		case "indirect":
			ind = true
		case "insert":
			ins = true
		case "nocache":
			ck.NoCache = true
		case "postonly":
			ck.PostOnly = true
		case "preserve":
			ck.Preserve = true
		case "prefix":
			pfx = true
		case "httponly":
			ck.HTTPOnly = true
		case "secure":
			ck.Secure = true
		case "domain":
			d := ln.arg(cur + 1)
			if d == "" {
				l.alertNS(ln, "'%s' expects <domain> as argument.", w)
				return ec | errFatalAlert
			}
			if !strings.Contains(d, ".") {
				l.warnNS(ln, "domain '%s' contains no embedded dot, this configuration may not work properly (see RFC6265#5.2.3).", d)
				ec |= errWarn
			}
			if bad, ok := invalidPrefixChar(d); !ok {
				l.alertNS(ln, "character '%c' is not permitted in domain name '%s'.", bad, d)
				return ec | errFatalAlert
			}
			ck.Domains = append(ck.Domains, d)
			cur++
		case "maxidle", "maxlife":
			v := ln.arg(cur + 1)
			if v == "" {
				what := "<idletime>"
				if w == "maxlife" {
					what = "<lifetime>"
				}
				l.alertNS(ln, "'%s' expects %s in seconds as argument.", w, what)
				return ec | errFatalAlert
			}
			n, te, ok := l.parseTimeWarn(ln, v, unitS)
			switch {
			case te.over:
				l.alertNS(ln, "timer overflow in argument <%s> to <%s>, maximum value is 2147483647 s (~68 years).", v, w)
				return ec | errFatalAlert
			case te.under:
				l.alertNS(ln, "timer underflow in argument <%s> to <%s>, minimum non-null value is 1 s.", v, w)
				return ec | errFatalAlert
			case !ok:
				l.alertNS(ln, "unexpected character '%s' in argument to <%s>.", charAt(v, te.at), w)
				return ec | errFatalAlert
			}
			if w == "maxidle" {
				ck.MaxIdle = durationOf(n, unitS)
			} else {
				ck.MaxLife = durationOf(n, unitS)
			}
			cur++
		case "dynamic":
			if pp.warnIfNotCap(s, ln, proxy.CapBackend, w, "") {
				ec |= errWarn
			}
			ck.Dynamic = true
		case "attr":
			v := ln.arg(cur + 1)
			if v == "" {
				l.alertNS(ln, "'%s' expects <value> as argument.", w)
				return ec | errFatalAlert
			}
			for i := 0; i < len(v); i++ {
				if v[i] < 0x20 || v[i] == 0x7f || v[i] == ';' {
					l.alertNS(ln, "character '%%x%02X' is not permitted in attribute value.", v[i])
					return ec | errFatalAlert
				}
			}
			ck.Attrs = append(ck.Attrs, v)
			cur++
		default:
			l.alert(ln, "'%s' supports 'rewrite', 'insert', 'prefix', 'indirect', 'nocache', 'postonly', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' options.", ln.arg(0))
			return ec | errFatalAlert
		}
	}
	ck.Indirect = ind
	switch {
	case rw:
		ck.Mode = "rewrite"
	case ins:
		ck.Mode = "insert"
	case pfx:
		ck.Mode = "prefix"
	}
	if rw && ind {
		l.alert(ln, "cookie 'rewrite' and 'indirect' modes are incompatible.")
		ec |= errFatalAlert
	}
	if count(rw, ins, pfx) > 1 {
		l.alert(ln, "cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.")
		ec |= errFatalAlert
	}
	if ck.Preserve && !ins && !ind {
		l.alert(ln, "cookie 'preserve' requires at least 'insert' or 'indirect'.")
		ec |= errFatalAlert
	}
	return ec
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// pxCapture is "capture cookie|request header|response header".
func pxCapture(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	var ec errCode
	if pp.warnIfNotCap(s, ln, proxy.CapFrontend, ln.arg(0), "") {
		ec |= errWarn
	}
	switch {
	case ln.arg(1) == "cookie":
		if s.isDef() {
			l.alert(ln, "'%s %s' not allowed in 'defaults' section.", ln.arg(0), ln.arg(1))
			return ec | errFatalAlert
		}
		if l.tooManyArgs(ln, 4, 1, &ec) {
			return ec
		}
		if ln.arg(4) == "" {
			l.alert(ln, "'%s' expects 'cookie' <cookie_name> 'len' <len>.", ln.arg(0))
			return ec | errFatalAlert
		}
		s.p.Captures.Cookie = ln.arg(2)
		s.p.Captures.CookieLen = int(int32(atol(ln.arg(4))))
	case (ln.arg(1) == "request" || ln.arg(1) == "response") && ln.arg(2) == "header":
		if s.isDef() {
			l.alert(ln, "'%s %s' not allowed in 'defaults' section.", ln.arg(0), ln.arg(1))
			return ec | errFatalAlert
		}
		if l.tooManyArgs(ln, 4, 1, &ec) {
			return ec
		}
		if ln.arg(3) == "" || ln.arg(4) != "len" || ln.arg(5) == "" {
			l.alert(ln, "'%s %s' expects 'header' <header_name> 'len' <len>.", ln.arg(0), ln.arg(1))
			return ec | errFatalAlert
		}
		hc := proxy.HeaderCapture{Name: ln.arg(3), Len: int(int32(atol(ln.arg(5))))}
		if ln.arg(1) == "request" {
			s.p.Captures.RequestHeaders = append(s.p.Captures.RequestHeaders, hc)
		} else {
			s.p.Captures.ResponseHeaders = append(s.p.Captures.ResponseHeaders, hc)
		}
	default:
		l.alert(ln, "'%s' expects 'cookie' or 'request header' or 'response header'.", ln.arg(0))
		return ec | errFatalAlert
	}
	return ec
}

// pxStickTable is a proxy's "stick-table".
func pxStickTable(pp *proxyParser, s *pxState, ln *line) errCode {
	l := pp.l
	if s.isDef() {
		l.alert(ln, "'stick-table' is not supported in 'defaults' section.")
		return errFatalAlert
	}
	if other := l.findTable(s.name()); other != nil {
		l.alert(ln, "stick-table name '%s' conflicts with table declared in %s '%s' at %s:%d.", s.name(), other.owner, other.ownerName, other.pos.File, other.pos.Line)
		return errFatalAlert
	}
	t, ec := l.parseStickTable(ln, s.name(), false)
	if t == nil {
		return ec
	}
	t.NetName = t.Name
	s.p.StickTable = t
	l.tables = append(l.tables, &tableRef{t: t, owner: capStr(s.p.Cap), ownerName: s.name(), pos: ln.pos, px: s.p})
	return ec
}

// tableRef is a declared stick table and its owner, for name lookups.
type tableRef struct {
	t         *proxy.StickTable
	owner     string
	ownerName string
	pos       parser.Pos
	px        *proxy.Proxy
	peers     *proxy.Peers
}

// findTable is stktable_find_by_name().
func (l *loader) findTable(name string) *tableRef {
	for _, t := range l.tables {
		if t.t.Name == name {
			return t
		}
	}
	return nil
}
