package logformat

import (
	"net/netip"
	"os"
	"strconv"

	"hakeep/proxy/sample"
)

// Source provides the %-variables a format reads beyond what the sample
// context knows (timers, byte counts, termination state: the logger's
// record). Eval asks it first; nil leaves those variables empty.
type Source interface {
	// AppendAlias appends the value of a variable and reports whether it
	// knew it.
	AppendAlias(dst []byte, a Alias, n *Node) ([]byte, bool)
}

// Mode says how a format is rendered.
type Mode uint8

const (
	// ModeRule renders header values, bodies, redirect locations and
	// backend names: a missing sample is empty (recorded against 2.6.12:
	// "http-request set-header X %[hdr(missing)]" sets an empty value).
	ModeRule Mode = iota
	// ModeLog renders log lines: a missing value is "-" and +Q quotes.
	ModeLog
)

// Eval appends the format's rendering to dst (build_logline).
func (f *Format) Eval(c *sample.Ctx, src Source, mode Mode, dst []byte) []byte {
	if f == nil {
		return dst
	}
	// a separator (a run of spaces in a format parsed with merged
	// spaces) is written once, and never first (build_logline's
	// last_isspace)
	space := true
	for i := range f.Nodes {
		n := &f.Nodes[i]
		switch n.Kind {
		case Separator:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		case Text:
			dst = append(dst, n.Text...)
		case Expr:
			dst = appendExpr(c, n, mode, dst)
		case Var:
			dst = appendVar(c, src, n, mode, dst)
		}
		space = false
	}
	return dst
}

// appendExpr renders a %[sample expression]: the request side first
// when the fetch is valid there, then the response side.
func appendExpr(c *sample.Ctx, n *Node, mode Mode, dst []byte) []byte {
	s := c.TempSample()
	defer c.FreeSample()
	dir := c.Dir
	ok := false
	if n.Flags&ReqCap != 0 {
		c.Dir = sample.DirReq
		ok = n.Expr.EvalAs(c, sample.Str, s)
	}
	if !ok && n.Flags&ResCap != 0 {
		c.Dir = sample.DirRes
		ok = n.Expr.EvalAs(c, sample.Str, s)
	}
	if !ok && n.Flags&(ReqCap|ResCap) == 0 {
		ok = n.Expr.EvalAs(c, sample.Str, s)
	}
	c.Dir = dir
	if !ok {
		return appendMissing(dst, n, mode)
	}
	return appendText(dst, s.Str, n, mode)
}

func appendMissing(dst []byte, n *Node, mode Mode) []byte {
	if mode == ModeRule {
		return dst
	}
	if n.Flags&Quote != 0 {
		return append(dst, '"', '"')
	}
	return append(dst, '-')
}

// appendText is lf_text_len: +E escapes '"', '\' and ']'; in logs +Q
// quotes and an empty value is "-".
func appendText[T string | []byte](dst []byte, v T, n *Node, mode Mode) []byte {
	if mode == ModeLog && len(v) == 0 {
		return appendMissing(dst, n, mode)
	}
	q := mode == ModeLog && n.Flags&Quote != 0
	if q {
		dst = append(dst, '"')
	}
	if n.Flags&Escape != 0 {
		for i := 0; i < len(v); i++ {
			b := v[i]
			if b == '"' || b == '\\' || b == ']' {
				dst = append(dst, '\\')
			}
			dst = append(dst, b)
		}
	} else {
		dst = append(dst, v...)
	}
	if q {
		dst = append(dst, '"')
	}
	return dst
}

// appendVar renders a %-variable: the ones the sample context knows
// here, the others through src.
func appendVar(c *sample.Ctx, src Source, n *Node, mode Mode, dst []byte) []byte {
	if src != nil {
		if out, ok := src.AppendAlias(dst, n.Alias, n); ok {
			return out
		}
	}
	switch n.Alias {
	case ClientIP:
		return appendIP(dst, c.Src.Addr(), n, mode)
	case FrontendIP:
		return appendIP(dst, c.Dst.Addr(), n, mode)
	case ClientPort:
		return appendPort(dst, c.Src.Port(), n)
	case FrontendPort:
		return appendPort(dst, c.Dst.Port(), n)
	case Frontend:
		if c.Frontend != nil {
			return appendText(dst, c.Frontend.Name(), n, mode)
		}
	case Backend:
		if c.Backend != nil {
			return appendText(dst, c.Backend.Name(), n, mode)
		}
		if c.Frontend != nil {
			return appendText(dst, c.Frontend.Name(), n, mode)
		}
	case Server:
		if c.Server != nil {
			return appendText(dst, c.Server.Name(), n, mode)
		}
		return appendText(dst, "<NOSRV>", n, mode)
	case PID:
		return appendInt(dst, int64(os.Getpid()), n)
	case HTTPMethod:
		if c.Req != nil {
			return appendText(dst, c.Req.Method(), n, mode)
		}
	case HTTPURI:
		if c.Req != nil {
			return appendText(dst, c.Req.URI(), n, mode)
		}
	case HTTPPath, HTTPPathOnly, HTTPQuery:
		if c.Req == nil {
			break
		}
		u := c.Req.URI()
		q := len(u)
		for i, b := range u {
			if b == '?' {
				q = i
				break
			}
		}
		switch n.Alias {
		case HTTPQuery:
			return appendText(dst, u[q:], n, mode)
		case HTTPPathOnly:
			if p, ok := sample.HTTPPath(u[:q]); ok {
				return appendText(dst, p, n, mode)
			}
			return dst
		}
		return appendText(dst, u[:q], n, mode)
	case FrontendXprt:
		if c.Frontend != nil {
			return appendText(dst, c.Frontend.Name(), n, mode)
		}
	case HTTPVersion:
		if c.Req != nil {
			return appendText(dst, c.Req.Version(), n, mode)
		}
	case Status:
		if c.Res != nil {
			return appendInt(dst, int64(c.Res.Status()), n)
		}
	case UniqueID:
		if m, ok := c.Txn.(madeUniqueID); ok {
			return appendText(dst, m.MadeUniqueID(), n, mode)
		}
		if c.Txn != nil {
			return appendText(dst, c.Txn.UniqueID(), n, mode)
		}
	case Hostname:
		if h, err := os.Hostname(); err == nil {
			return appendText(dst, h, n, mode)
		}
	}
	return appendMissing(dst, n, mode)
}

// appendIP is lf_ip: dotted or colon notation, or with +X the address
// bytes in upper-case hexadecimal (%08X for IPv4).
func appendIP(dst []byte, a netip.Addr, n *Node, mode Mode) []byte {
	if !a.IsValid() {
		return appendMissing(dst, n, mode)
	}
	if n.Flags&Hex == 0 {
		return a.AppendTo(dst)
	}
	for _, b := range a.AsSlice() {
		dst = append(dst, "0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15])
	}
	return dst
}

// appendPort is lf_port: decimal, or %04X with +X.
func appendPort(dst []byte, p uint16, n *Node) []byte {
	if n.Flags&Hex != 0 {
		return AppendHex4(dst, int64(p))
	}
	return strconv.AppendInt(dst, int64(p), 10)
}

// AppendHex4 is "%04X": upper-case hexadecimal on at least 4 digits.
func AppendHex4(dst []byte, v int64) []byte {
	var b [16]byte
	i := len(b)
	u := uint64(v)
	for u > 0 || len(b)-i < 4 {
		i--
		b[i] = "0123456789ABCDEF"[u&15]
		u >>= 4
	}
	return append(dst, b[i:]...)
}

func appendInt(dst []byte, v int64, n *Node) []byte {
	if n.Flags&Hex != 0 {
		return append(dst, strconv.FormatInt(v, 16)...)
	}
	return strconv.AppendInt(dst, v, 10)
}

// madeUniqueID is a transaction that makes its unique id on first use:
// %ID prints it only once made (LOG_FMT_UNIQUEID reads s->unique_id,
// it does not generate it).
type madeUniqueID interface{ MadeUniqueID() []byte }
