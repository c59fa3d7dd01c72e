package http1

// Request-target checks of HAProxy 2.6 (end of h1_headers_to_hdr_list in
// src/h1.c, http_parse_scheme/http_parse_authority/http_get_host_port in
// src/http.c) and the scheme-based normalisation h1_postparse_req_hdrs
// applies to absolute-form targets (RFC 9110 4.2.3).

// uriScheme returns the length of the "scheme://" prefix of uri, or 0
// when uri has none. Only an absolute-form target has one.
func uriScheme(uri []byte) int {
	if len(uri) == 0 || !isAlpha(uri[0]) {
		return 0
	}
	i := 1
	for i < len(uri) && (isAlpha(uri[i]) || isDigit(uri[i]) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.') {
		i++
	}
	if i+3 > len(uri) || uri[i] != ':' || uri[i+1] != '/' || uri[i+2] != '/' {
		return 0
	}
	return i + 3
}

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// uriAuthority locates the authority of a target that is neither
// origin-form ("/...") nor asterisk-form ("*"): after the scheme if any,
// up to the first '/', user info dropped. ok is false for the other forms.
func uriAuthority(uri []byte) (off, n int, ok bool) {
	if len(uri) == 0 || uri[0] == '/' || uri[0] == '*' {
		return 0, 0, false
	}
	start := uriScheme(uri)
	i := start
	for i < len(uri) && uri[i] != '/' {
		if uri[i] == '@' {
			start = i + 1
		}
		i++
	}
	return start, i - start, true
}

// hostPort splits "host:port" when it ends in ':' and at least one digit
// with something before the colon; otherwise hasPort is false.
func hostPort(v []byte) (host, port []byte, hasPort bool) {
	i := len(v)
	for i > 0 && isDigit(v[i-1]) {
		i--
	}
	if i == len(v) || i < 2 || v[i-1] != ':' {
		return v, nil, false
	}
	return v[:i-1], v[i:], true
}

// isDefaultPort is http_is_default_port(): 80 for http, 443 for https,
// either when the scheme is unknown (authority-form).
func isDefaultPort(scheme, port []byte) bool {
	switch {
	case scheme == nil:
		return string(port) == "80" || string(port) == "443"
	case equalFold(scheme, "http"):
		return string(port) == "80"
	case equalFold(scheme, "https"):
		return string(port) == "443"
	}
	return false
}

// connectAuthorityOK is h1_validate_connect_authority: a CONNECT target
// must be host:port; a Host header must name the same host and port, or
// the same host without port when the port is a default one. When both
// carry a default port, hostLen is the Host value's length without it
// (HAProxy normalises the header; recorded: connect).
func connectAuthorityOK(auth, hostVal []byte, haveHost bool) (ok bool, hostLen int) {
	uhost, uport, has := hostPort(auth)
	if !has {
		return false, 0
	}
	if !haveHost {
		return true, 0
	}
	hhost, hport, hhas := hostPort(hostVal)
	if hhas {
		if !equalFoldBytes(hhost, uhost) || string(hport) != string(uport) {
			return false, 0
		}
		if isDefaultPort(nil, uport) {
			return true, len(hhost)
		}
		return true, len(hostVal)
	}
	if !isDefaultPort(nil, uport) || !equalFoldBytes(hostVal, uhost) {
		return false, 0
	}
	return true, len(hostVal)
}

// authorityMatchesHost is h1_validate_mismatch_authority, called when an
// absolute target's authority differs from Host: it still matches when
// one side carries the scheme's default port and the hosts are equal
// (recorded: uri-absolute-uri-port, uri-absolute-host-port,
// uri-absolute-other-port).
func authorityMatchesHost(scheme, auth, hostVal []byte) bool {
	if scheme == nil {
		return false
	}
	uhost, uport, uhas := hostPort(auth)
	hhost, hport, hhas := hostPort(hostVal)
	switch {
	case !uhas && !hhas:
		return false
	case uhas && !isDefaultPort(scheme, uport):
		return false
	case hhas && !isDefaultPort(scheme, hport):
		return false
	}
	return equalFoldBytes(uhost, hhost)
}
