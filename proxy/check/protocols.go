package check

import (
	"bytes"
	"encoding/binary"
)

// expectMySQLPacket is tcpcheck_mysql_expect_packet(): one MySQL packet at
// off, an error packet (0xff) failing the check with its error code.
func expectMySQLPacket(x *checkRun, r *rule, off int, lastRead bool) evalRet {
	in := x.in
	fail := func(st Status, code int, desc string) evalRet {
		x.code = code
		x.fail(r, st, false, desc)
		return evalStop
	}
	if len(in) < off+4 {
		if !lastRead {
			return evalWait
		}
		return fail(StatusL7RSP, 0, "")
	}
	plen := int(in[off]) | int(in[off+1])<<8 | int(in[off+2])<<16
	if len(in) < off+plen+4 {
		if !lastRead {
			return evalWait
		}
		return fail(StatusL7RSP, 0, "")
	}
	if in[off+4] == 0xff {
		// an error packet starts with field_count 0xff
		code := 0
		if len(in) >= off+7 {
			code = int(in[off+5]) | int(in[off+6])<<8
		}
		desc := ""
		if len(in) > off+7 {
			desc = cString(in[off+7:])
		}
		return fail(StatusL7STS, code, desc)
	}
	if x.rs.nextRule(x.rs.position(r)) != nil {
		return evalContinue
	}
	// the server version, for information
	x.set(orStatus(r.expect.okStatus, StatusL7OK), cString(in[min(5, len(in)):]))
	return evalContinue
}

// expectMySQLInitialHandshake is tcpcheck_mysql_expect_iniths().
func expectMySQLInitialHandshake(x *checkRun, r *rule, lastRead bool) evalRet {
	return expectMySQLPacket(x, r, 0, lastRead)
}

// expectMySQLOK is tcpcheck_mysql_expect_ok(): the packet after the
// initial handshake.
func expectMySQLOK(x *checkRun, r *rule, lastRead bool) evalRet {
	if len(x.in) < 3 {
		return expectMySQLPacket(x, r, 0, lastRead)
	}
	hs := 4 + (int(x.in[0]) | int(x.in[1])<<8 | int(x.in[2])<<16)
	return expectMySQLPacket(x, r, hs, lastRead)
}

// expectLDAPBindResponse is tcpcheck_ldap_expect_bindrsp(): an LDAPv3
// bindResponse (RFC 4511 sections 4.1.9 and 4.2.2) with resultCode 0. The
// message length may be long-form on 2 or 4 bytes (Active Directory).
func expectLDAPBindResponse(x *checkRun, r *rule, lastRead bool) evalRet {
	in := x.in
	notLDAP := func() evalRet {
		x.fail(r, StatusL7RSP, false, "Not LDAPv3 protocol")
		return evalStop
	}
	tooShort := func() evalRet {
		if !lastRead {
			return evalWait
		}
		x.fail(r, StatusL7RSP, false, "")
		return evalStop
	}
	if len(in) < 2 {
		return tooShort()
	}
	p := 1
	nbytes, msglen := 0, int(in[p])
	if in[p]&0x80 != 0 {
		nbytes = int(in[p] & 0x7f)
		if len(in) < 1+nbytes {
			return tooShort()
		}
		switch nbytes {
		case 4:
			msglen = int(binary.BigEndian.Uint32(slice(in, p+1, 4)))
		case 2:
			msglen = int(binary.BigEndian.Uint16(slice(in, p+1, 2)))
		default:
			return notLDAP()
		}
	}
	p += 1 + nbytes
	if len(in) < 2+nbytes+msglen {
		return tooShort()
	}
	// messageID 0x02 0x01 0x01 (INTEGER 1), protocolOp 0x61 (bindResponse)
	if !bytes.Equal(slice(in, p, 4), []byte{0x02, 0x01, 0x01, 0x61}) {
		return notLDAP()
	}
	p += 4
	nbytes = 0
	if p < len(in) && in[p]&0x80 != 0 {
		nbytes = int(in[p] & 0x7f)
	}
	p += 1 + nbytes
	// ldapResult: 0x0a 0x01 (ENUMERATION)
	if !bytes.Equal(slice(in, p, 2), []byte{0x0a, 0x01}) {
		return notLDAP()
	}
	p += 2
	if p >= len(in) {
		return tooShort()
	}
	x.code = int(in[p])
	if x.code != 0 {
		x.fail(r, StatusL7STS, false, "See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9")
		return evalStop
	}
	x.set(orStatus(r.expect.okStatus, StatusL7OK), "Success")
	return evalContinue
}

func slice(b []byte, off, n int) []byte {
	if off < 0 || off+n > len(b) {
		return nil
	}
	return b[off : off+n]
}

// SPOP (doc/SPOE.txt section 3): the frames and data types of the
// health check "option spop-check" runs.
const (
	spopHAProxyHello = 1
	spopAgentHello   = 101
	spopAgentDiscon  = 102
	spopFlagFin      = 1

	spopTypeBool   = 1
	spopTypeInt32  = 2
	spopTypeUint32 = 3
	spopTypeInt64  = 4
	spopTypeUint64 = 5
	spopTypeIPv4   = 6
	spopTypeIPv6   = 7
	spopTypeStr    = 8
	spopTypeBin    = 9
	spopFlagTrue   = 0x10

	spopMaxFrame = bufSize - 4
	spopMinFrame = 256
)

// spopErrors are spoe_frm_err_reasons[].
var spopErrors = []string{"normal", "I/O error", "a timeout occurred", "frame is too big",
	"invalid frame received", "version value not found", "max-frame-size value not found",
	"capabilities value not found", "unsupported version", "max-frame-size too big or too small",
	"fragmentation not supported", "invalid interlaced frames", "frame-id not found",
	"resource allocation error", "an unknown error occurred"}

func spopVarint(b []byte, i uint64) []byte {
	if i < 240 {
		return append(b, byte(i))
	}
	b = append(b, byte(i)|240)
	i = (i - 240) >> 4
	for i >= 128 {
		b = append(b, byte(i)|128)
		i = (i - 128) >> 7
	}
	return append(b, byte(i))
}

func spopReadVarint(b []byte) (uint64, []byte, bool) {
	if len(b) == 0 {
		return 0, nil, false
	}
	if b[0] < 240 {
		return uint64(b[0]), b[1:], true
	}
	v := uint64(b[0])
	r := uint(4)
	for i := 1; ; i++ {
		if i >= len(b) {
			return 0, nil, false
		}
		v += uint64(b[i]) << r
		r += 7
		if b[i] < 128 {
			return v, b[i+1:], true
		}
	}
}

func spopString(b []byte, s string) []byte {
	return append(spopVarint(b, uint64(len(s))), s...)
}

// spopHealthcheckHello is spoe_prepare_healthcheck_request(): a
// HAPROXY-HELLO frame with "healthcheck" set.
func spopHealthcheckHello() []byte {
	f := []byte{spopHAProxyHello, 0, 0, 0, spopFlagFin, 0, 0}
	f = spopString(f, "supported-versions")
	f = append(f, spopTypeStr)
	f = spopString(f, "2.0")
	f = spopString(f, "max-frame-size")
	f = append(f, spopTypeUint32)
	f = spopVarint(f, spopMaxFrame)
	f = spopString(f, "capabilities")
	f = append(f, spopTypeStr)
	f = spopString(f, "")
	f = spopString(f, "healthcheck")
	f = append(f, spopTypeBool|spopFlagTrue)
	out := binary.BigEndian.AppendUint32(nil, uint32(len(f)))
	return append(out, f...)
}

// expectSPOPAgentHello is tcpcheck_spop_expect_agenthello().
func expectSPOPAgentHello(x *checkRun, r *rule, lastRead bool) evalRet {
	if len(x.in) < 4 {
		if !lastRead {
			return evalWait
		}
		x.fail(r, StatusL7RSP, false, spopErrors[4])
		return evalStop
	}
	size := int(binary.BigEndian.Uint32(x.in))
	if !lastRead && len(x.in) < 4+size {
		return evalWait
	}
	frame := x.in[4:min(len(x.in), 4+size)]
	if code := spopCheckHello(frame); code != 0 {
		if code >= len(spopErrors) {
			code = len(spopErrors) - 1
		}
		x.fail(r, StatusL7RSP, false, spopErrors[code])
		return evalStop
	}
	x.set(orStatus(r.expect.okStatus, StatusL7OK), "SPOA server is ok")
	return evalContinue
}

// spopCheckHello is spoe_handle_healthcheck_response(): 0 for a valid
// AGENT-HELLO, else the SPOE error code.
func spopCheckHello(f []byte) int {
	if len(f) < 7 {
		return 4
	}
	typ := f[0]
	flags := binary.BigEndian.Uint32(f[1:5])
	body := f[5:]
	sid, body, ok1 := spopReadVarint(body)
	fid, body, ok2 := spopReadVarint(body)
	if !ok1 || !ok2 {
		return 4
	}
	kv := spopKV(body)
	if typ == spopAgentDiscon {
		if v, ok := kv["status-code"]; ok {
			return int(v.i)
		}
		return 14
	}
	if typ != spopAgentHello {
		return 4
	}
	if flags&spopFlagFin == 0 {
		return 10
	}
	if sid != 0 || fid != 0 {
		return 4
	}
	v, ok := kv["version"]
	if !ok {
		return 5
	}
	if !spopVersionOK(string(v.b)) {
		return 8
	}
	mfs, ok := kv["max-frame-size"]
	if !ok {
		return 6
	}
	if mfs.i < spopMinFrame || mfs.i > spopMaxFrame {
		return 9
	}
	return 0
}

// spopVersionOK accepts the agent's version when its major is 2.
func spopVersionOK(v string) bool {
	return v == "2.0" || bytes.HasPrefix([]byte(v), []byte("2."))
}

// spopKV decodes a frame's key/value list, as far as it is well formed.
func spopKV(b []byte) map[string]value {
	out := map[string]value{}
	for len(b) > 0 {
		n, rest, ok := spopReadVarint(b)
		if !ok || uint64(len(rest)) < n {
			return out
		}
		key := string(rest[:n])
		b = rest[n:]
		if len(b) == 0 {
			return out
		}
		t := b[0] & 0x0f
		b = b[1:]
		var v value
		switch t {
		case spopTypeBool:
		case spopTypeInt32, spopTypeUint32, spopTypeInt64, spopTypeUint64:
			n, rest, ok := spopReadVarint(b)
			if !ok {
				return out
			}
			v, b = intValue(int64(n)), rest
		case spopTypeIPv4:
			if len(b) < 4 {
				return out
			}
			b = b[4:]
		case spopTypeIPv6:
			if len(b) < 16 {
				return out
			}
			b = b[16:]
		case spopTypeStr, spopTypeBin:
			n, rest, ok := spopReadVarint(b)
			if !ok || uint64(len(rest)) < n {
				return out
			}
			v, b = value{kind: valStr, b: rest[:n]}, rest[n:]
		}
		out[key] = v
	}
	return out
}
