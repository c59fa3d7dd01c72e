package h2

// HPACK encoding (RFC 7541) as HAProxy 2.6's encoder does it
// (src/hpack-enc.c): the static table for names and for the common
// :status, :method, :scheme and :path values, every other field as a
// literal without indexing, strings without Huffman coding. Nothing
// enters a dynamic table, so the encoder keeps no state but the one
// size update a lowered SETTINGS_HEADER_TABLE_SIZE calls for, and
// encodes straight from the bytes it is given, without copies.

// Field is one header field to encode; both slices are only read
// during the call that encodes them.
type Field struct {
	Name, Value []byte
}

// appendInt appends i with an n-bit prefix whose upper bits are first
// (RFC 7541 5.1).
func appendInt(dst []byte, first byte, n uint, i uint64) []byte {
	max := uint64(1)<<n - 1
	if i < max {
		return append(dst, first|byte(i))
	}
	dst = append(dst, first|byte(max))
	i -= max
	for i >= 128 {
		dst = append(dst, byte(i&0x7f|0x80))
		i >>= 7
	}
	return append(dst, byte(i))
}

// appendString appends a string literal without Huffman coding (RFC
// 7541 5.2).
func appendString(dst, s []byte) []byte {
	dst = appendInt(dst, 0, 7, uint64(len(s)))
	return append(dst, s...)
}

// appendField appends a field: fully indexed when the static table has
// both name and value, else a literal without indexing (RFC 7541
// 6.2.2) with the name indexed when the table has it.
func appendFieldBlock(dst []byte, f Field) []byte {
	if i := staticPair(f.Name, f.Value); i > 0 {
		// RFC 7541 6.1
		return appendInt(dst, 0x80, 7, uint64(i))
	}
	if i := staticName(f.Name); i > 0 {
		dst = appendInt(dst, 0, 4, uint64(i))
	} else {
		dst = append(dst, 0)
		dst = appendString(dst, f.Name)
	}
	return appendString(dst, f.Value)
}

// staticPair is the static table index of a name and value pair, 0 if
// none (RFC 7541 Appendix A).
func staticPair(name, value []byte) int {
	switch string(name) {
	case ":method":
		switch string(value) {
		case "GET":
			return 2
		case "POST":
			return 3
		}
	case ":path":
		switch string(value) {
		case "/":
			return 4
		case "/index.html":
			return 5
		}
	case ":scheme":
		switch string(value) {
		case "http":
			return 6
		case "https":
			return 7
		}
	case ":status":
		switch string(value) {
		case "200":
			return 8
		case "204":
			return 9
		case "206":
			return 10
		case "304":
			return 11
		case "400":
			return 12
		case "404":
			return 13
		case "500":
			return 14
		}
	case "accept-encoding":
		if string(value) == "gzip, deflate" {
			return 16
		}
	}
	return 0
}

// staticName is the first static table index of a name, 0 if none
// (RFC 7541 Appendix A).
func staticName(name []byte) int {
	switch string(name) {
	case ":authority":
		return 1
	case ":method":
		return 2
	case ":path":
		return 4
	case ":scheme":
		return 6
	case ":status":
		return 8
	case "accept-charset":
		return 15
	case "accept-encoding":
		return 16
	case "accept-language":
		return 17
	case "accept-ranges":
		return 18
	case "accept":
		return 19
	case "access-control-allow-origin":
		return 20
	case "age":
		return 21
	case "allow":
		return 22
	case "authorization":
		return 23
	case "cache-control":
		return 24
	case "content-disposition":
		return 25
	case "content-encoding":
		return 26
	case "content-language":
		return 27
	case "content-length":
		return 28
	case "content-location":
		return 29
	case "content-range":
		return 30
	case "content-type":
		return 31
	case "cookie":
		return 32
	case "date":
		return 33
	case "etag":
		return 34
	case "expect":
		return 35
	case "expires":
		return 36
	case "from":
		return 37
	case "host":
		return 38
	case "if-match":
		return 39
	case "if-modified-since":
		return 40
	case "if-none-match":
		return 41
	case "if-range":
		return 42
	case "if-unmodified-since":
		return 43
	case "last-modified":
		return 44
	case "link":
		return 45
	case "location":
		return 46
	case "max-forwards":
		return 47
	case "proxy-authenticate":
		return 48
	case "proxy-authorization":
		return 49
	case "range":
		return 50
	case "referer":
		return 51
	case "refresh":
		return 52
	case "retry-after":
		return 53
	case "server":
		return 54
	case "set-cookie":
		return 55
	case "strict-transport-security":
		return 56
	case "transfer-encoding":
		return 57
	case "user-agent":
		return 58
	case "vary":
		return 59
	case "via":
		return 60
	case "www-authenticate":
		return 61
	}
	return 0
}
