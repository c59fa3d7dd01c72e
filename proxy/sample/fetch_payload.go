package sample

// The payload fetches of configuration.txt 7.3.5 ("Fetching samples from
// buffer contents (Layer 6)", src/payload.c): they read the bytes waiting
// in a TCP stream's request or response buffer (Stream.ReqData,
// ResData). While more bytes may come (Ctx.Final unset) a fetch that
// lacks data fails with MayChange, so that a tcp-request or tcp-response
// content rule waits for more (the ACL is a Miss) until the inspect-delay
// ends.

// chanSel says which buffer a payload fetch reads.
type chanSel uint8

const (
	chanByDir chanSel = iota // the direction evaluated (payload, payload_lv)
	chanReq                  // req.*
	chanRes                  // res.*
)

// payload returns the buffer a fetch reads, and false outside a TCP
// stream.
func (c *Ctx) payload(sel chanSel) ([]byte, bool) {
	if !c.Raw {
		return nil, false
	}
	res := sel == chanRes || sel == chanByDir && c.Dir == DirRes
	if res {
		return c.ResData, true
	}
	return c.ReqData, true
}

// tooShort is the fetches' "too_short" exit: no value yet, more data may
// bring one.
func tooShort(out *Sample) bool {
	out.MayChange = true
	return false
}

// fetchLen is req.len and res.len (smp_fetch_len): the bytes waiting in
// the buffer, a value that may change. An HTTP request counts its HTX
// data (fetchReqLen).
func fetchLen(sel chanSel) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		b, ok := c.payload(sel)
		if !ok {
			if sel == chanReq {
				return fetchReqLen(c, a, out)
			}
			return false
		}
		out.setInt(SInt, int64(len(b)))
		out.MayChange = true
		return true
	}
}

// fetchPayload is payload(<offset>,<length>) (smp_fetch_payload): the
// bytes at a fixed place; a length of 0 takes everything from offset,
// which may still grow.
func fetchPayload(sel chanSel) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		b, ok := c.payload(sel)
		if !ok {
			return false
		}
		off, size := uint64(uint32(a[0].Int)), uint64(uint32(a[1].Int))
		bufSize := uint64(c.BufSize())
		if size > bufSize || off+size > bufSize {
			// will never match
			return false
		}
		if off+size > uint64(len(b)) {
			return tooShort(out)
		}
		if size == 0 {
			out.setStr(b[off:], true)
			out.MayChange = !c.Final
		} else {
			out.setStr(b[off:off+size], true)
		}
		out.Type = Bin
		return true
	}
}

// fetchPayloadLV is payload_lv(<offset1>,<length>[,<offset2>])
// (smp_fetch_payload_lv): a block whose length is read at offset1 on
// length bytes (big endian); it starts at offset2, absolute, or relative
// to the end of the length when signed.
func fetchPayloadLV(sel chanSel) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		b, ok := c.payload(sel)
		if !ok {
			return false
		}
		lenOff, lenSize := uint64(uint32(a[0].Int)), uint64(uint32(a[1].Int))
		if lenOff+lenSize > uint64(len(b)) {
			return tooShort(out)
		}
		var size uint64
		for i := uint64(0); i < lenSize; i++ {
			size = size<<8 | uint64(b[lenOff+i])
		}
		size = uint64(uint32(size))
		off := lenOff + lenSize
		if len(a) > 2 && a[2].Present && a[2].Str != "" {
			v, _ := readInt64(a[2].Str)
			if s := a[2].Str[0]; s == '+' || s == '-' {
				off = uint64(uint32(int64(off) + v))
			} else {
				off = uint64(uint32(v))
			}
		}
		bufSize := uint64(c.BufSize())
		if size == 0 || size > bufSize || off+size > bufSize {
			// will never match
			return false
		}
		if off+size > uint64(len(b)) {
			return tooShort(out)
		}
		out.setStr(b[off:off+size], true)
		out.Type = Bin
		return true
	}
}

// fetchWaitEnd is wait_end: false until the rules' last evaluation (the
// inspect-delay expired or the buffer is full), then true.
func fetchWaitEnd(c *Ctx, a []Arg, out *Sample) bool {
	if !c.Final {
		return tooShort(out)
	}
	out.setInt(Bool, 1)
	return true
}

// fetchRDPCookie is rdp_cookie([<name>]) (fetch_rdp_cookie_name): the
// value of the "Cookie: name=value" line of an RDP connection request
// (after its 11-byte header); any name without an argument.
func fetchRDPCookie(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanReq)
	if !ok {
		return false
	}
	name := ""
	if len(a) > 0 && a[0].Present {
		name = a[0].Str
	}
	v, found, short := rdpCookie(b, name)
	if short {
		return tooShort(out)
	}
	if !found {
		return false
	}
	out.setStr(v, true)
	return true
}

// fetchRDPCookieCnt is rdp_cookie_cnt([<name>]): 1 when the cookie is
// there, else 0; nothing while it may still come.
func fetchRDPCookieCnt(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanReq)
	if !ok {
		return false
	}
	name := ""
	if len(a) > 0 && a[0].Present {
		name = a[0].Str
	}
	_, found, short := rdpCookie(b, name)
	if short {
		return tooShort(out)
	}
	out.setInt(SInt, b2i(found))
	return true
}

// rdpCookie finds the RDP cookie; short tells that more bytes are needed.
func rdpCookie(b []byte, name string) (v []byte, found, short bool) {
	if len(b) <= 11 {
		return nil, false, true
	}
	d := b[11:]
	if len(d) <= 7 {
		return nil, false, true
	}
	if !foldPrefix(d, "Cookie:") {
		return nil, false, false
	}
	d = d[7:]
	for len(d) > 0 && d[0] == ' ' {
		d = d[1:]
	}
	if name != "" {
		if len(d) <= len(name) {
			return nil, false, true
		}
		if d[len(name)] != '=' || !foldPrefix(d, name) {
			return nil, false, false
		}
		d = d[len(name)+1:]
	} else {
		for len(d) > 0 && d[0] != '=' {
			if d[0] == '\r' || d[0] == '\n' {
				return nil, false, false
			}
			d = d[1:]
		}
		if len(d) < 1 {
			return nil, false, true
		}
		d = d[1:]
	}
	i := 0
	for i < len(d) && d[i] != '\r' {
		i++
	}
	if len(d)-i < 2 {
		return nil, false, true
	}
	if d[i+1] != '\n' {
		return nil, false, false
	}
	return d[:i], true, false
}

// foldPrefix tells whether b starts with p, ignoring case.
func foldPrefix(b []byte, p string) bool {
	if len(b) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if lowerByte(b[i]) != lowerByte(p[i]) {
			return false
		}
	}
	return true
}
