package sample

import (
	"encoding/base64"
	"strings"
)

// convEval returns the run-time implementation of a converter, or nil
// for those hakeep does not evaluate (they fail: protocol decoders,
// JWT, AES-GCM, captures).
func convEval(name string) ConvFunc {
	switch name {
	case "lower":
		return convLower
	case "upper":
		return convUpper
	case "length":
		return convLength
	case "field":
		return convField
	case "word":
		return convWord
	case "ltrim":
		return convTrim(true)
	case "rtrim":
		return convTrim(false)
	case "cut_crlf":
		return convCutCRLF
	case "concat":
		return convConcat
	case "add_item":
		return convAddItem
	case "strcmp":
		return convStrcmp
	case "secure_memcmp":
		return convSecureMemcmp
	case "bytes":
		return convBytes
	case "iif":
		return convIif
	case "regsub":
		return convRegsub
	case "json":
		return convJSON
	case "url_dec":
		return convURLDec
	case "url_enc":
		return convURLEnc
	case "ipmask":
		return convIPMask
	case "add", "sub", "mul", "div", "mod", "and", "or", "xor":
		return convArith(name)
	case "neg":
		return convNeg
	case "cpl":
		return convCpl
	case "bool":
		return convToBool
	case "not":
		return convNot
	case "odd":
		return convOdd
	case "even":
		return convEven
	case "base64":
		return convB64Enc(base64.StdEncoding)
	case "b64dec":
		return convB64Dec(base64.StdEncoding)
	case "ub64enc":
		return convB64Enc(base64.RawURLEncoding)
	case "ub64dec":
		return convB64Dec(base64.RawURLEncoding)
	case "hex":
		return convHex
	case "hex2i":
		return convHex2i
	case "htonl":
		return convHtonl
	case "be2dec":
		return convBE2Dec
	case "be2hex":
		return convBE2Hex
	case "sdbm":
		return convHash32(func(b []byte) uint32 { return sdbmAdd(0, b) })
	case "djb2":
		return convHash32(hashDJB2)
	case "wt6":
		return convHash32(hashWT6)
	case "crc32":
		return convHash32(hashCRC32)
	case "crc32c":
		return convHash32(hashCRC32C)
	case "xxh32":
		return convXXH32
	case "xxh64":
		return convXXH64
	case "xxh3":
		return convXXH3
	case "json_query":
		return convJSONQuery
	case "language":
		return convLanguage
	case "sha1":
		return convSHA1
	case "sha2":
		return convSHA2
	case "digest":
		return convDigest
	case "hmac":
		return convHMAC
	case "http_date":
		return convHTTPDate
	case "ltime":
		return convStrftime(false)
	case "utime":
		return convStrftime(true)
	case "set-var":
		return convSetVar
	case "unset-var":
		return convUnsetVar
	case "host_only":
		return convHostOnly
	case "port_only":
		return convPortOnly
	case "debug":
		return convPass
	case "nbsrv":
		return convNbsrv
	case "srv_queue":
		return convSrvQueue
	case "in_table":
		return convTableData(0, opTracked, false)
	case "table_expire":
		return convTableTime(false)
	case "table_idle":
		return convTableTime(true)
	case "table_trackers":
		return convTrackers
	}
	if strings.HasPrefix(name, "map") {
		switch {
		case strings.HasSuffix(name, "_int"):
			return convMap(SInt)
		case strings.HasSuffix(name, "_ip"):
			return convMap(Addr)
		}
		return convMap(Str)
	}
	if strings.HasPrefix(name, "table_") {
		_, _, d, op, indexed, ok := stickFetchSpec("sc_" + name[len("table_"):])
		if !ok {
			return nil
		}
		return convTableData(d, op, indexed)
	}
	return nil
}
