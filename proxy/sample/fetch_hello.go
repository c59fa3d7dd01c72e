package sample

// The TLS ClientHello fetches of configuration.txt 7.3.5 (req.ssl_sni,
// req.ssl_alpn, req.ssl_ec_ext, req.ssl_st_ext, req.ssl_hello_type,
// req.ssl_ver), read from the bytes of a TCP stream before any TLS is
// done, as src/payload.c parses them: the whole hello must be there, or
// the fetch waits for more.

// helloWalk finds the extension list of a ClientHello record at the
// start of b; short tells that more bytes are needed, ok that b holds a
// ClientHello with an extension list.
func helloWalk(b []byte) (ext []byte, short, ok bool) {
	if len(b) == 0 {
		return nil, true, false
	}
	if b[0] != 0x16 {
		return nil, false, false
	}
	if len(b) < 3 {
		return nil, true, false
	}
	if b[1] < 0x03 {
		return nil, false, false
	}
	if len(b) < 5 {
		return nil, true, false
	}
	hs := int(b[3])<<8 | int(b[4])
	if hs < 1+3+2+32+1+2+2+1+1+2+2 {
		// too short to have an extension
		return nil, false, false
	}
	d := b[5:]
	if len(d) < 1 {
		return nil, true, false
	}
	if d[0] != 0x01 {
		return nil, false, false
	}
	if len(d) < 4 {
		return nil, true, false
	}
	hs = int(d[1])<<16 | int(d[2])<<8 | int(d[3])
	if hs < 2+32+1+2+2+1+1+2+2 {
		return nil, false, false
	}
	// the whole handshake, as 2.6 checks it (bytes left from the
	// handshake header on)
	if len(d) < hs {
		return nil, true, false
	}
	d = d[4:]
	if len(d) < 35 {
		// 2.6 reads past the buffer here; a short hello is no hello
		return nil, true, false
	}
	if d[0] < 0x03 || d[1] < 0x01 {
		return nil, false, false
	}
	n := int(d[34])
	if n > 32 || n > hs-35 {
		return nil, false, false
	}
	hs -= 35 + n
	d = d[35+n:]
	if hs < 4 || len(d) < 2 {
		return nil, false, false
	}
	if n = int(d[0])<<8 | int(d[1]); n < 2 || n > hs {
		return nil, false, false
	}
	hs -= 2 + n
	d = d[2+n:]
	if hs < 2 || len(d) < 1 || d[0] < 1 || int(d[0]) > hs {
		return nil, false, false
	}
	hs -= 1 + int(d[0])
	d = d[1+int(d[0]):]
	if hs < 2 || len(d) < 2 {
		return nil, false, false
	}
	if n = int(d[0])<<8 | int(d[1]); n > hs-2 {
		return nil, false, false
	}
	d = d[2:]
	if len(d) < n {
		return nil, true, false
	}
	return d[:n], false, true
}

// helloExt finds extension typ in an extension list; bad tells that the
// list is malformed before it was found.
func helloExt(ext []byte, typ int) (data []byte, found, bad bool) {
	for len(ext) >= 4 {
		t, n := int(ext[0])<<8|int(ext[1]), int(ext[2])<<8|int(ext[3])
		if n > len(ext)-4 {
			return nil, false, true
		}
		if t == typ {
			return ext[4 : 4+n], true, false
		}
		ext = ext[4+n:]
	}
	return nil, false, false
}

// fetchHelloSNI is req.ssl_sni (smp_fetch_ssl_hello_sni): the first host
// name of the server_name extension.
func fetchHelloSNI(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanByDir)
	if !ok {
		return false
	}
	ext, short, ok := helloWalk(b)
	if short {
		return tooShort(out)
	}
	if !ok {
		return false
	}
	hs := len(ext)
	for len(ext) >= 4 {
		t, n := int(ext[0])<<8|int(ext[1]), int(ext[2])<<8|int(ext[3])
		if n > hs-4 {
			return false
		}
		if t == 0 {
			if n < 2 || len(ext) < 9 {
				return false
			}
			if l := int(ext[4])<<8 | int(ext[5]); l < 4 || l > hs-6 {
				return false
			}
			if ext[6] == 0 {
				nl := int(ext[7])<<8 | int(ext[8])
				if 9+nl > len(ext) {
					return false
				}
				out.setStr(ext[9:9+nl], true)
				return true
			}
		}
		hs -= 4 + n
		ext = ext[4+n:]
	}
	return false
}

// fetchHelloALPN is req.ssl_alpn (smp_fetch_ssl_hello_alpn): each
// protocol name of the ALPN extension, in the client's order.
func fetchHelloALPN(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanByDir)
	if !ok {
		return false
	}
	ext, short, ok := helloWalk(b)
	if short {
		return tooShort(out)
	}
	if !ok {
		return false
	}
	d, found, _ := helloExt(ext, 16)
	if !found || len(d) < 3 {
		return false
	}
	// it[0] is the offset of the next name inside the extension data
	// while an ACL walks them (2.6 keeps it from the extension header,
	// 4 bytes before)
	at := 2
	if out.NotLast {
		at = out.it[0]
	}
	out.NotLast = false
	if at >= len(d) {
		return false
	}
	n := int(d[at])
	if at+1+n > len(d) {
		return false
	}
	name := d[at+1 : at+1+n]
	if c.iterate && at+1+n < len(d) {
		out.it[0] = at + 1 + n
		out.NotLast = true
	}
	out.setStr(name, true)
	return true
}

// fetchHelloECExt is req.ssl_ec_ext: the hello carries the supported
// elliptic curves extension (10).
func fetchHelloECExt(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanByDir)
	if !ok {
		return false
	}
	ext, short, ok := helloWalk(b)
	if short {
		return tooShort(out)
	}
	if !ok {
		return false
	}
	if _, found, _ := helloExt(ext, 10); !found {
		return false
	}
	out.setInt(Bool, 1)
	return true
}

// fetchHelloSTExt is req.ssl_st_ext: 0 without a SessionTicket
// extension (35), 1 with an empty one, 2 with a ticket.
func fetchHelloSTExt(c *Ctx, a []Arg, out *Sample) bool {
	b, ok := c.payload(chanByDir)
	if !ok {
		return false
	}
	ext, short, ok := helloWalk(b)
	if short {
		return tooShort(out)
	}
	if !ok {
		return false
	}
	d, found, bad := helloExt(ext, 35)
	switch {
	case bad:
		return false
	case !found:
		out.setInt(SInt, 0)
	case len(d) > 0:
		out.setInt(SInt, 2)
	default:
		out.setInt(SInt, 1)
	}
	return true
}

// fetchHelloType is req.ssl_hello_type and res.ssl_hello_type
// (smp_fetch_ssl_hello_type): the handshake type of an SSLv3/TLS record
// once the whole handshake message is there.
func fetchHelloType(sel chanSel) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		d, ok := c.payload(sel)
		if !ok {
			return false
		}
		if len(d) == 0 {
			return tooShort(out)
		}
		if !(d[0] >= 0x14 && d[0] <= 0x17 || d[0] == 0xff) {
			return false
		}
		if len(d) < 9 {
			return tooShort(out)
		}
		if int(d[1])<<16|int(d[2]) < 0x30000 {
			return false
		}
		if int(d[3])<<8|int(d[4]) < 4 {
			return false
		}
		hsLen := int(d[6])<<16 | int(d[7])<<8 | int(d[8])
		if len(d) < 9+hsLen {
			return tooShort(out)
		}
		out.setInt(SInt, int64(d[5]))
		return true
	}
}

// fetchHelloVer is req.ssl_ver (smp_fetch_req_ssl_ver): the ClientHello's
// version as major<<16|minor, for SSLv3/TLS records and SSLv2 hellos,
// once the message is there.
func fetchHelloVer(c *Ctx, a []Arg, out *Sample) bool {
	d, ok := c.payload(chanReq)
	if !ok {
		return false
	}
	if len(d) == 0 {
		return tooShort(out)
	}
	var version, msgLen int
	if d[0] >= 0x14 && d[0] <= 0x17 || d[0] == 0xff {
		if len(d) < 11 {
			return tooShort(out)
		}
		version = int(d[1])<<16 | int(d[2])
		msgLen = int(d[3])<<8 | int(d[4])
		if version < 0x30000 || msgLen < 6 || msgLen > 1<<14+2048 {
			return false
		}
		d = d[5:]
		// the hello's version, not the record layer's
		version = int(d[4])<<16 | int(d[5])
	} else {
		var rlen, plen int
		if d[0]&0x80 != 0 {
			if len(d) < 3 {
				return tooShort(out)
			}
			rlen = int(d[0]&0x7f)<<8 | int(d[1])
			d = d[2:]
		} else {
			if len(d) < 4 {
				return tooShort(out)
			}
			rlen = int(d[0]&0x3f)<<8 | int(d[1])
			plen = int(d[2])
			d = d[3:]
		}
		if d[0] != 0x01 {
			return false
		}
		d = d[1:]
		if len(d) < 8 {
			return tooShort(out)
		}
		version = int(d[0])<<16 | int(d[1])
		cilen := int(d[2])<<8 | int(d[3])
		silen := int(d[4])<<8 | int(d[5])
		chlen := int(d[6])<<8 | int(d[7])
		d = d[8:]
		if cilen%3 != 0 || silen != 0 && silen != 16 || chlen < 16 || chlen > 32 || rlen != 9+cilen+silen+chlen {
			return false
		}
		msgLen = cilen + silen + chlen + plen
	}
	// what fits in a buffer is all that can be waited for
	if max := c.BufSize(); msgLen > max {
		msgLen = max
	}
	if len(d) < msgLen {
		return tooShort(out)
	}
	out.setInt(SInt, int64(version))
	return true
}
