package sample

import (
	"encoding/hex"
	"os"
	"strconv"
)

// Constant and internal fetches (configuration.txt §7.3.2).

func fetchBool(v bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		out.setInt(Bool, b2i(v))
		return true
	}
}

func fetchStr(c *Ctx, a []Arg, out *Sample) bool {
	out.setStr(constBytes(a[0].Str), true)
	return true
}

func fetchInt(c *Ctx, a []Arg, out *Sample) bool {
	out.setInt(SInt, a[0].Int)
	return true
}

func fetchConstBool(c *Ctx, a []Arg, out *Sample) bool {
	s := a[0].Str
	out.setInt(Bool, b2i(s == "1" || len(s) == 4 && (s[0]|0x20) == 't'))
	return true
}

func fetchBin(c *Ctx, a []Arg, out *Sample) bool {
	t := c.Trash()
	n := len(a[0].Str) / 2
	if n > cap(t) {
		return false
	}
	t = t[:n]
	if _, err := hex.Decode(t, constBytes(a[0].Str)); err != nil {
		return false
	}
	out.Type, out.Str, out.Const = Bin, t, false
	return true
}

func fetchIP(c *Ctx, a []Arg, out *Sample) bool { return addrSample(out, a[0].Addr) }

func fetchMeth(c *Ctx, a []Arg, out *Sample) bool {
	out.Type, out.Str, out.Const = Meth, constBytes(a[0].Str), true
	return true
}

func fetchEnv(c *Ctx, a []Arg, out *Sample) bool {
	v, ok := os.LookupEnv(a[0].Str)
	if !ok {
		return false
	}
	out.setStr(constBytes(v), true)
	return true
}

// fetchDate is date([offset[,unit]]): the current time in seconds (or
// ms, us) plus an offset in seconds.
func fetchDate(c *Ctx, a []Arg, out *Sample) bool {
	off := int64(0)
	if a[0].Present {
		off = a[0].Int
	}
	v := c.Now.Unix() + off
	if len(a) > 1 && a[1].Present {
		switch a[1].Str {
		case "ms":
			v = v*1000 + int64(c.Now.Nanosecond()/1e6)
		case "us":
			v = v*1000000 + int64(c.Now.Nanosecond()/1e3)
		}
	}
	out.setInt(SInt, v)
	return true
}

func fetchDateUS(c *Ctx, a []Arg, out *Sample) bool {
	out.setInt(SInt, int64(c.Now.Nanosecond()/1e3))
	return true
}

// fetchRand is rand([range]): a 32-bit random number, scaled into
// [0, range) when a range is given.
func fetchRand(c *Ctx, a []Arg, out *Sample) bool {
	r := uint64(c.random())
	if a[0].Present {
		r = r * uint64(a[0].Int) >> 32
	}
	out.setInt(SInt, int64(r))
	return true
}

// fetchVar is var(name[,default]).
func fetchVar(c *Ctx, a []Arg, out *Sample) bool {
	if a[0].Var == nil {
		return false
	}
	if c.GetVar(a[0].Var, out) {
		return true
	}
	if len(a) > 1 && a[1].Present {
		out.setStr(constBytes(a[1].Str), true)
		return true
	}
	return false
}

func fetchUniqueID(c *Ctx, a []Arg, out *Sample) bool {
	if c.Txn == nil {
		return false
	}
	id := c.Txn.UniqueID()
	if id == nil {
		return false
	}
	out.setStr(id, true)
	return true
}

// fetchCapture is capture.req.hdr(N) / capture.res.hdr(N).
func fetchCapture(res bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		if c.Txn == nil {
			return false
		}
		v := c.Txn.Capture(res, int(a[0].Int))
		if v == nil {
			return false
		}
		out.setStr(v, true)
		return true
	}
}

// fetchUUID is uuid([4]): a random version 4 UUID.
func fetchUUID(c *Ctx, a []Arg, out *Sample) bool {
	var b [16]byte
	for i := 0; i < 16; i += 4 {
		r := c.random()
		b[i], b[i+1], b[i+2], b[i+3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	t := c.Trash()
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			t = append(t, '-')
		}
		t = append(t, "0123456789abcdef"[x>>4], "0123456789abcdef"[x&15])
	}
	out.setStr(t, false)
	return true
}

func fetchHostname(c *Ctx, a []Arg, out *Sample) bool {
	h, err := os.Hostname()
	if err != nil {
		return false
	}
	out.setStr(constBytes(h), true)
	return true
}

func fetchConstInt(v int64) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		out.setInt(SInt, v)
		return true
	}
}

func fetchFirstReq(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	out.setInt(Bool, b2i(c.FirstReq))
	return true
}

func fetchStopping(c *Ctx, a []Arg, out *Sample) bool {
	out.setInt(Bool, b2i(c.Stopping))
	return true
}

// fetchProtoHTTP is req.proto_http: the request is HTTP.
func fetchProtoHTTP(c *Ctx, a []Arg, out *Sample) bool {
	out.setInt(Bool, b2i(c.Req != nil))
	return true
}

// fetchNoTLS answers the TLS fetches on a clear connection: ssl_fc and
// the like are false, the others find nothing.
func fetchFalse(c *Ctx, a []Arg, out *Sample) bool {
	out.setInt(Bool, 0)
	return true
}

// fetchReqLen is req.len on an HTTP request: the HTX data the request
// takes in the buffer (ci_data on an HTX channel): the start line's
// htx_sl structure (20 bytes) and strings, each header's name and value,
// the one-byte end-of-headers block and the body received (recorded:
// "POST / HTTP/1.1", Host, Content-Length: 3 and "abc" make 66).
func fetchReqLen(c *Ctx, a []Arg, out *Sample) bool {
	if c.Req == nil {
		return false
	}
	n := 20 + len(c.Req.Method()) + len(c.Req.URI()) + len(c.Req.Version())
	for i, m := 0, c.Req.NumHeaders(); i < m; i++ {
		k, v := c.Req.Header(i)
		n += len(k) + len(v)
	}
	n += 1 + len(c.Req.Body())
	out.setInt(SInt, int64(n))
	return true
}

func itoaBytes(dst []byte, v int64) []byte { return strconv.AppendInt(dst, v, 10) }
