package sample

import (
	"net/netip"
	"regexp"
)

// compiledRegex is regsub's regex, compiled once (PrepareRegex).
type compiledRegex struct {
	re *regexp.Regexp
}

// argRegex returns regsub's compiled regex, nil when PrepareRegex did
// not run or RE2 cannot run the pattern.
func argRegex(a *Arg) *regexp.Regexp {
	if cr, ok := a.Map.(*compiledRegex); ok {
		return cr.re
	}
	return nil
}

// prepareRegsub compiles regsub's regex with its flags, once, when the
// arguments are validated: 'i' ignores case, 'g' replaces every match
// (kept in Args[2].Int). A regex RE2 cannot run leaves no compiled form
// and the converter fails.
func prepareRegsub(a []Arg) {
	icase, global := false, false
	if a[2].Present {
		for i := 0; i < len(a[2].Str); i++ {
			icase = icase || a[2].Str[i] == 'i'
			global = global || a[2].Str[i] == 'g'
		}
	}
	if re, err := CompileRegex(a[0].Str, icase); err == nil && re != nil {
		a[0].Map = &compiledRegex{re: re}
	}
	a[2].Int = b2i(global)
}

// convRegsub is regsub(regex, subst[, flags]): the first match (every
// match with "g") replaced; an empty match counts in front of each
// character and at the end (recorded: "abc",regsub(z*,-,g) is
// "-a-b-c-").
func convRegsub(c *Ctx, a []Arg, s *Sample) bool {
	re := argRegex(&a[0])
	if re == nil {
		return false
	}
	global := a[2].Int != 0
	out := c.Trash()
	in := s.Str
	start := 0
	for replaced := false; ; replaced = true {
		if replaced && !global {
			out = append(out, in[start:]...)
			break
		}
		loc := re.FindSubmatchIndex(in[start:])
		if loc == nil {
			out = append(out, in[start:]...)
			break
		}
		out = append(out, in[start:start+loc[0]]...)
		out = ExpReplace(out, in[start:], a[1].Str, loc)
		eo := loc[1]
		if start+eo >= len(in) {
			break
		}
		if eo == 0 {
			out = append(out, in[start])
			eo++
		}
		start += eo
	}
	if len(out) > c.BufSize() {
		return false
	}
	s.setStr(out, false)
	return true
}

// ExpReplace is exp_replace(): the replacement text with \0..\9
// replaced by the match's groups (loc as regexp's submatch indexes into
// src) and \xHH by a byte; other escaped characters stand for
// themselves.
func ExpReplace(dst, src []byte, repl string, loc []int) []byte {
	for i := 0; i < len(repl); i++ {
		ch := repl[i]
		if ch != '\\' {
			dst = append(dst, ch)
			continue
		}
		i++
		if i >= len(repl) {
			return dst
		}
		ch = repl[i]
		switch {
		case ch >= '0' && ch <= '9':
			n := int(ch - '0')
			if 2*n+1 < len(loc) && loc[2*n] >= 0 {
				dst = append(dst, src[loc[2*n]:loc[2*n+1]]...)
			}
		case ch == 'x':
			if i+2 >= len(repl) {
				return dst
			}
			h1 := upperHex(repl[i+1])
			h2 := upperHex(repl[i+2])
			dst = append(dst, h1<<4+h2)
			i += 2
		default:
			dst = append(dst, ch)
		}
	}
	return dst
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	v := c - '0'
	if v > 9 {
		v -= 'A' - '9' - 1
	}
	return v
}

// convIPMask is ipmask(mask4[, mask6]).
func convIPMask(c *Ctx, a []Arg, s *Sample) bool {
	if s.Type == IPv6 {
		if v4, ok := v6tov4(s.Addr); ok {
			s.Type, s.Addr = IPv4, v4
		}
	}
	switch s.Type {
	case IPv4:
		x, m := s.Addr.As4(), a[0].Addr.As4()
		for i := range x {
			x[i] &= m[i]
		}
		s.Addr = netip.AddrFrom4(x)
	case IPv6:
		if !a[1].Present || !a[1].Addr.Is6() {
			return false
		}
		x, m := s.Addr.As16(), a[1].Addr.As16()
		for i := range x {
			x[i] &= m[i]
		}
		s.Addr = netip.AddrFrom16(x)
	}
	return true
}

// convJSON is json([input-code]): the string escaped for a JSON string.
func convJSON(c *Ctx, a []Arg, s *Sample) bool {
	mode := ""
	if a[0].Present {
		mode = a[0].Str
	}
	utf8 := mode != "" && mode != "ascii"
	strict := mode == "utf8" || mode == "utf8p"
	skip := mode == "utf8s" || mode == "utf8ps"
	t := c.Trash()
	in := s.Str
	for i := 0; i < len(in); {
		cp := rune(in[i])
		n := 1
		if utf8 && in[i] >= 0x80 {
			r, size, ok := decodeUTF8(in[i:])
			if !ok {
				if strict {
					return false
				}
				if skip {
					i++
					continue
				}
			} else {
				cp, n = r, size
			}
		}
		i += n
		switch {
		case cp == '"':
			t = append(t, '\\', '"')
		case cp == '\\':
			t = append(t, '\\', '\\')
		case cp == '/':
			t = append(t, '\\', '/')
		case cp == '\b':
			t = append(t, '\\', 'b')
		case cp == '\f':
			t = append(t, '\\', 'f')
		case cp == '\r':
			t = append(t, '\\', 'r')
		case cp == '\n':
			t = append(t, '\\', 'n')
		case cp == '\t':
			t = append(t, '\\', 't')
		case cp > 0xff || cp < 0x20 || cp >= 0x7f:
			u := uint16(cp)
			t = append(t, '\\', 'u', hexLower(byte(u>>12)), hexLower(byte(u>>8&15)), hexLower(byte(u>>4&15)), hexLower(byte(u&15)))
		default:
			t = append(t, byte(cp))
		}
		if len(t) > c.BufSize() {
			return false
		}
	}
	s.setStr(t, false)
	return true
}

func hexLower(b byte) byte { return "0123456789abcdef"[b&15] }

// decodeUTF8 is utf8_next(): one valid sequence, overlong forms refused.
func decodeUTF8(b []byte) (rune, int, bool) {
	c := b[0]
	var n int
	var r rune
	switch {
	case c&0xe0 == 0xc0:
		n, r = 2, rune(c&0x1f)
	case c&0xf0 == 0xe0:
		n, r = 3, rune(c&0x0f)
	case c&0xf8 == 0xf0:
		n, r = 4, rune(c&0x07)
	default:
		return 0, 1, false
	}
	if len(b) < n {
		return 0, 1, false
	}
	for i := 1; i < n; i++ {
		if b[i]&0xc0 != 0x80 {
			return 0, 1, false
		}
		r = r<<6 | rune(b[i]&0x3f)
	}
	if n == 2 && r < 0x80 || n == 3 && r < 0x800 || n == 4 && r < 0x10000 {
		return 0, 1, false
	}
	return r, n, true
}

// convURLDec is url_dec([in_form]): %XX decoded, '+' a space in form
// mode (which a '?' turns on); decoding stops at a NUL (url_decode()).
func convURLDec(c *Ctx, a []Arg, s *Sample) bool {
	inForm := a[0].Present && a[0].Int != 0
	t := c.Trash()
	in := s.Str
	for i := 0; i < len(in) && in[i] != 0; i++ {
		switch ch := in[i]; ch {
		case '+':
			if inForm {
				t = append(t, ' ')
			} else {
				t = append(t, '+')
			}
		case '%':
			if i+2 >= len(in) || hexVal(in[i+1]) < 0 || hexVal(in[i+2]) < 0 {
				return false
			}
			t = append(t, byte(hexVal(in[i+1])<<4|hexVal(in[i+2])))
			i += 2
		case '?':
			inForm = true
			t = append(t, ch)
		default:
			t = append(t, ch)
		}
	}
	s.setStr(t, false)
	return true
}

// queryEncoded reports the bytes url_enc escapes (query_encode_map):
// controls, space, non-ASCII and the reserved characters.
func queryEncoded(b byte) bool {
	if b <= ' ' || b >= 0x7f {
		return true
	}
	switch b {
	case '"', '#', '%', '&', '+', ',', '/', ':', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '^', '`', '{', '|', '}':
		return true
	}
	return false
}

func convURLEnc(c *Ctx, a []Arg, s *Sample) bool {
	t := c.Trash()
	for _, b := range s.Str {
		if queryEncoded(b) {
			t = append(t, '%', "0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15])
		} else {
			t = append(t, b)
		}
	}
	s.setStr(t, false)
	return true
}

// convSetVar is the set-var(name[,cond...]) converter: it stores the
// sample and passes it on.
func convSetVar(c *Ctx, a []Arg, s *Sample) bool {
	if a[0].Var != nil && VarCondsPass(c, a[0].Var, a[1:], s) {
		c.SetVar(a[0].Var, s)
	}
	return true
}

func convUnsetVar(c *Ctx, a []Arg, s *Sample) bool {
	if a[0].Var != nil {
		c.UnsetVar(a[0].Var)
	}
	return true
}

// VarCondsPass checks set-var's conditions (ifexists, ifnotexists,
// ifempty, ifnotempty, ifset, ifnotset, ifgt, iflt) against the
// variable's current value and the new one.
func VarCondsPass(c *Ctx, v *Var, conds []Arg, s *Sample) bool {
	var cur Sample
	exists := false
	checked := false
	for _, cd := range conds {
		if !cd.Present {
			continue
		}
		if !checked {
			exists = c.GetVar(v, &cur)
			checked = true
		}
		if !varCondPasses(c, cd.Str, exists, &cur, s) {
			return false
		}
	}
	return true
}

// VarCondStrs is VarCondsPass for conditions given as words.
func VarCondStrs(c *Ctx, v *Var, conds []string, s *Sample) bool {
	if len(conds) == 0 {
		return true
	}
	var cur Sample
	exists := c.GetVar(v, &cur)
	for _, cd := range conds {
		if !varCondPasses(c, cd, exists, &cur, s) {
			return false
		}
	}
	return true
}

func varCondPasses(c *Ctx, cond string, exists bool, cur, s *Sample) bool {
	switch cond {
	case "ifexists":
		return exists
	case "ifnotexists":
		return !exists
	case "ifset":
		return exists
	case "ifnotset":
		return !exists
	case "ifempty", "ifnotempty":
		empty := false
		switch s.Type {
		case Str, Bin, Meth:
			empty = len(s.Str) == 0
		case SInt, Bool:
			empty = s.Int == 0
		case IPv4, IPv6:
			empty = !s.Addr.IsValid() || s.Addr.IsUnspecified()
		}
		return empty == (cond == "ifempty")
	case "ifgt", "iflt":
		if !exists || (cur.Type != SInt && cur.Type != Bool) || (s.Type != SInt && s.Type != Bool) {
			return false
		}
		if cond == "ifgt" {
			return cur.Int > s.Int
		}
		return cur.Int < s.Int
	}
	return true
}

// convTableData is table_*(table) and in_table(table): the input is a key.
func convTableData(d StickData, op stickOp, indexed bool) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		i, idx := 0, 0
		if indexed {
			idx = int(a[0].Int)
			i = 1
		}
		if c.Env == nil || !a[i].Present {
			return false
		}
		t := c.Env.Table(a[i].Str)
		if t == nil {
			return false
		}
		ent := t.Lookup(c, s)
		if op == opTracked {
			s.setInt(Bool, b2i(ent != nil))
			return true
		}
		// a key not in the table reads 0 (sample_conv_table_*)
		return stickOpOn(c, ent, d, idx, op, s)
	}
}

// convTableTime is table_expire / table_idle(table[, default]).
func convTableTime(idle bool) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		if c.Env == nil {
			return false
		}
		t := c.Env.Table(a[0].Str)
		if t == nil {
			return false
		}
		ent := t.Lookup(c, s)
		if ent == nil {
			if a[1].Present {
				s.setInt(SInt, a[1].Int)
				return true
			}
			return false
		}
		v := ent.Expire(c.NowMs())
		if idle {
			v = ent.Idle(c.NowMs())
		}
		s.setInt(SInt, v)
		return true
	}
}

func convTrackers(c *Ctx, a []Arg, s *Sample) bool {
	if c.Env == nil {
		return false
	}
	t := c.Env.Table(a[0].Str)
	if t == nil {
		return false
	}
	ent := t.Lookup(c, s)
	n := 0
	if ent != nil {
		// 2.6 reports ref_cnt, which its own lookup holds once more
		n = ent.Trackers() + 1
	}
	s.setInt(SInt, int64(n))
	return true
}

// convNbsrv is the nbsrv converter: the usable servers of the backend
// the input names.
func convNbsrv(c *Ctx, a []Arg, s *Sample) bool {
	if c.Env == nil {
		return false
	}
	p := c.Env.Proxy(unsafeString(s.Str))
	if p == nil {
		return false
	}
	s.setInt(SInt, p.Stat(ProxyUsable))
	return true
}

// convSrvQueue is srv_queue: the queue of the "backend/server" named.
func convSrvQueue(c *Ctx, a []Arg, s *Sample) bool {
	if c.Env == nil {
		return false
	}
	i := indexByte(s.Str, '/')
	if i < 0 {
		return false
	}
	p := c.Env.Proxy(unsafeString(s.Str[:i]))
	if p == nil {
		return false
	}
	srv := p.Server(unsafeString(s.Str[i+1:]))
	if srv == nil {
		return false
	}
	s.setInt(SInt, srv.Stat(ServerQueue))
	return true
}

func convPass(c *Ctx, a []Arg, s *Sample) bool { return true }

// convHostOnly is host_only: a Host value without its port.
func convHostOnly(c *Ctx, a []Arg, s *Sample) bool {
	h, _ := splitHostPort(s.Str)
	s.Str = h
	return true
}

// convPortOnly is port_only: the port of a Host value, 80 without one.
func convPortOnly(c *Ctx, a []Arg, s *Sample) bool {
	_, p := splitHostPort(s.Str)
	if p == nil {
		s.setInt(SInt, 80)
		return true
	}
	v, _ := ReadInt64Sat(p)
	s.setInt(SInt, v)
	return true
}

// splitHostPort cuts "host[:port]" ("[v6]:port" included) as
// http_get_host_port() does.
func splitHostPort(v []byte) (host, port []byte) {
	for i := len(v) - 1; i >= 0; i-- {
		switch v[i] {
		case ':':
			return v[:i], v[i+1:]
		case ']':
			return v, nil
		}
		if v[i] < '0' || v[i] > '9' {
			return v, nil
		}
	}
	return v, nil
}
