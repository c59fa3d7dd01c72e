package balance

import "bytes"

// hashOf computes the key hash of the hash algorithms (src/backend.c,
// get_server_sh/uh/ph/ph_post/hh/rch/expr). ok is false when the request
// lacks the key: the caller falls back to round robin. With a single
// usable server HAProxy skips hashing and uses 0, which still reaches that
// server.
func (b *Backend) hashOf(r *Request) (h uint32, ok bool) {
	sp := &b.spec
	single := b.totUsed == 1
	var key []byte
	switch sp.Algorithm {
	case Source:
		if !r.Src.IsValid() {
			return 0, false
		}
		if single {
			return 0, true
		}
		// The address taken as big-endian 32-bit words XORed together;
		// no hash function, only the avalanche modifier applies.
		if r.Src.Is4() {
			a := r.Src.As4()
			h = be32(a[:])
		} else {
			a := r.Src.As16()
			for i := 0; i < 16; i += 4 {
				h ^= be32(a[i : i+4])
			}
		}
		if sp.Avalanche {
			h = fullHash(h)
		}
		return h, true
	case URI:
		if single {
			return 0, true
		}
		key = uriKey(r.URI, sp)
	case URLParam:
		var found bool
		key, found = queryParam(r.URI, sp.Name)
		if !found && r.Post {
			key, found = bodyParam(r.Body, sp.Name)
		}
		if !found {
			return 0, false
		}
	case Header:
		if single {
			return 0, true
		}
		if r.Headers == nil {
			return 0, false
		}
		v, found := r.Headers.Header(sp.Name)
		if !found {
			return 0, false
		}
		v = firstValue(v)
		if len(v) == 0 {
			return 0, false
		}
		key = v
		if sp.DomainOnly {
			key = domainOnly(v)
		}
	case RDPCookie:
		if !r.KeyFound || len(r.Key) == 0 {
			return 0, false
		}
		if single {
			return 0, true
		}
		key = r.Key
	case Hash:
		if single {
			return 0, true
		}
		if !r.KeyFound {
			return 0, false
		}
		key = r.Key
	default:
		return 0, false
	}
	h = sp.Func.Sum(key)
	if sp.Avalanche {
		h = fullHash(h)
	}
	return h, true
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// uriKey is the part of the URI "balance uri" hashes: up to "len"
// characters, stopping at the "depth"+1-th slash and, unless "whole", at
// the question mark; "path-only" first drops the scheme and authority.
func uriKey(uri []byte, sp *Spec) []byte {
	if sp.URIPathOnly {
		uri = uriPath(uri)
	}
	if sp.URILen > 0 && len(uri) > sp.URILen {
		uri = uri[:sp.URILen]
	}
	slashes := 0
	for i, c := range uri {
		switch {
		case c == '/':
			slashes++
			if sp.URIDepth > 0 && slashes == sp.URIDepth+1 {
				return uri[:i]
			}
		case c == '?' && !sp.URIWhole:
			return uri[:i]
		}
	}
	return uri
}

// uriPath is the path of a request target, query included: all of an
// origin-form target, what follows the authority of an absolute URI, and
// nothing for "*" or an authority (src/http.c, http_parse_path).
func uriPath(uri []byte) []byte {
	if len(uri) == 0 || uri[0] == '*' || uri[0] == '/' {
		if len(uri) > 0 && uri[0] == '/' {
			return uri
		}
		return nil
	}
	// scheme "://"
	if !isAlpha(uri[0]) {
		return nil
	}
	i := 1
	for i < len(uri) && (isAlpha(uri[i]) || isDigit(uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.') {
		i++
	}
	if !bytes.HasPrefix(uri[i:], []byte("://")) {
		return nil
	}
	rest := uri[i+3:]
	slash := bytes.IndexByte(rest, '/')
	if slash < 0 {
		return nil
	}
	return rest[slash:]
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// queryParam finds the value of parameter name in the query string: the
// first "name=" at the start of a '&'-separated chunk after the first '?'
// (get_server_ph). Names compare case-sensitively.
func queryParam(uri []byte, name string) ([]byte, bool) {
	q := bytes.IndexByte(uri, '?')
	if q < 0 {
		return nil, false
	}
	return param(uri[q+1:], name, false)
}

// bodyParam looks for the parameter in a POST body (get_server_ph_post).
func bodyParam(body []byte, name string) ([]byte, bool) {
	return param(body, name, true)
}

// param scans '&'-separated "name=value" chunks. In a body, HAProxy 2.6
// vets the value by its first character only (it tests the value's start
// on every step): a non-token first character ends the value there if it
// is white space, and disqualifies the body otherwise.
func param(params []byte, name string, body bool) ([]byte, bool) {
	plen := len(name)
	for len(params) > plen {
		if params[plen] == '=' && string(params[:plen]) == name {
			v := params[plen+1:]
			end := 0
			for end < len(v) && v[end] != '&' {
				if body && !isToken(v[0]) {
					if isLWS(v[0]) {
						break
					}
					return nil, false
				}
				end++
			}
			return v[:end], true
		}
		amp := bytes.IndexByte(params, '&')
		if amp < 0 {
			return nil, false
		}
		params = params[amp+1:]
	}
	return nil, false
}

// isToken is HTTP_IS_TOKEN: RFC 7230 tchar.
func isToken(c byte) bool {
	if isAlpha(c) || isDigit(c) {
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// isLWS is HTTP_IS_LWS.
func isLWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// firstValue is the first comma-separated element of a header value,
// trimmed of white space; commas inside double quotes do not count
// (src/http_htx.c, __http_find_header without the full flag;
// src/http.c, http_find_hdr_value_end).
func firstValue(v []byte) []byte {
	for len(v) > 0 && isLWS(v[0]) {
		v = v[1:]
	}
	end := len(v)
	quoted, pair := false, false
scan:
	for i, c := range v {
		switch {
		case pair:
			pair = false
		case quoted:
			if c == '\\' {
				pair = true
			} else if c == '"' {
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == ',':
			end = i
			break scan
		}
	}
	v = v[:end]
	for len(v) > 0 && isLWS(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	return v
}

// domainOnly is what "use_domain_only" hashes: the label before the last
// dot ("example" of "www.example.com"), or the whole value without dots
// (get_server_hh). HAProxy scans backwards from the end: a dot in the
// first position is never taken as the last one, and the previous dot is
// searched from two characters before the last one on.
func domainOnly(v []byte) []byte {
	d := bytes.LastIndexByte(v[1:], '.')
	if d < 0 {
		return v
	}
	d++
	start := bytes.LastIndexByte(v[:d-1], '.') + 1
	return v[start:d]
}
