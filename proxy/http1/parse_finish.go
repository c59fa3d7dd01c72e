package http1

// completeHeader stores the header line sol..col: value sov..eol, after
// trimming the blanks around the value and applying the field semantics
// HAProxy applies while indexing (h1_headers_to_hdr_list).
func (p *Parser) completeHeader(buf []byte, h *Head) (bool, error) {
	sov, eol := p.sov, p.eol
	for sov < eol && isLWS(buf[sov]) {
		sov++
	}
	for eol-1 > sov && isLWS(buf[eol-1]) {
		eol--
	}
	name := buf[p.sol:p.col]
	val := buf[sov:eol]
	hdr := Header{Name: span(p.sol, p.col-p.sol), Value: span(sov, eol-sov)}

	if !p.trailers {
		// Names are lower case by now, so plain comparisons do.
		switch string(name) {
		case "transfer-encoding":
			flags, r := parseTransferEncoding(val, h.Flags, h.Response)
			h.Flags = flags
			if r != teOK {
				return p.fail(h, ReasonBadTransferEncoding, sov)
			}
		case "content-length":
			r, n, off, ln := parseContentLength(val, h.Flags&FlagContentLength != 0, h.ContentLength)
			switch r {
			case clInvalid:
				return p.fail(h, ReasonBadContentLength, sov)
			case clSkip:
				return true, nil
			}
			h.Flags |= FlagContentLength
			h.ContentLength = n
			hdr.Value = span(sov+off, ln)
		case "connection":
			h.Flags = parseConnection(val, h.Flags)
			if p.keepConn {
				break
			}
			// Cleaned on input; an empty result drops the line
			// (get-conn-close forwards no Connection header at all).
			val = cleanConnection(val)
			if len(val) == 0 {
				return true, nil
			}
			hdr.Value.Len = uint32(len(val))
		case "upgrade":
			h.Flags = parseUpgrade(val, h.Flags)
		case "host":
			if h.Response {
				break
			}
			if h.hostIdx < 0 {
				h.hostIdx = len(h.Headers)
				break
			}
			// A repeated Host must say the same thing and is dropped;
			// anything else is refused even under accept-invalid
			// (host-duplicate, host-duplicate-same, accept-host-duplicate).
			if !equalFoldBytes(val, h.Value(h.hostIdx)) {
				return p.fail(h, ReasonHostConflict, sov)
			}
			return true, nil
		}
	}
	if len(h.Headers) >= p.Limits.maxHeaders() {
		return p.fail(h, ReasonTooManyHeaders, p.sol)
	}
	h.Headers = append(h.Headers, hdr)
	h.htx += htxHeaderCost(int(hdr.Name.Len), int(hdr.Value.Len))
	return true, nil
}

// finish runs the checks HAProxy makes once the head is complete: the
// request target against Host, framing, the version, the mux-level
// refusals, the HTX size, then the normalisations.
func (p *Parser) finish(buf []byte, h *Head, req *Head) (bool, error) {
	if p.trailers {
		return true, nil
	}
	if h.Response {
		return p.finishResponse(h, req)
	}
	return p.finishRequest(buf, h)
}

func (p *Parser) finishRequest(buf []byte, h *Head) (bool, error) {
	method := h.Bytes(h.MethodText)
	h.Method = methodOf(method)
	v := h.Bytes(h.Version)
	if isVer11(v) {
		h.Flags |= FlagVer11
	}

	// Request target against Host (RFC 9112 3.2). Skipped under
	// accept-invalid-http-request (accept-uri-absolute,
	// accept-connect-host-mismatch).
	uri := h.Bytes(h.URI)
	authOff, authLen, hasAuth := uriAuthority(uri)
	if h.Method == MethodConnect {
		var hostVal []byte
		if h.hostIdx >= 0 {
			hostVal = h.Value(h.hostIdx)
		}
		ok, hostLen := false, 0
		if hasAuth {
			ok, hostLen = connectAuthorityOK(uri[authOff:authOff+authLen], hostVal, h.hostIdx >= 0)
		}
		if !ok && !p.AcceptInvalid {
			return p.fail(h, ReasonBadConnectAuthority, int(h.URI.Off))
		}
		if ok && h.hostIdx >= 0 {
			h.Headers[h.hostIdx].Value.Len = uint32(hostLen)
		}
	} else if hasAuth && authLen > 0 && h.hostIdx >= 0 && !p.AcceptInvalid {
		auth := uri[authOff : authOff+authLen]
		hostVal := h.Value(h.hostIdx)
		if !equalFoldBytes(auth, hostVal) {
			var scheme []byte
			if s := uriScheme(uri); s > 0 {
				scheme = uri[:s-3]
			}
			if !authorityMatchesHost(scheme, auth, hostVal) {
				return p.fail(h, ReasonAuthorityMismatch, int(h.Headers[h.hostIdx].Value.Off))
			}
		}
	}

	if ok, err := p.resolveFraming(h); !ok {
		return false, err
	}
	if h.Flags&FlagTransferEncoding != 0 && h.Flags&FlagChunked == 0 {
		// RFC 9112 6.3: a request whose final coding is not chunked
		// cannot be framed (te-identity, te-xchunked, accept-te-identity).
		return p.fail(h, ReasonBadTransferEncoding, h.Len)
	}

	// h1_process_req_vsn: "HTTP/d.d" exactly, or under accept-invalid
	// anything, HTTP/0.9 GET included, sent on as HTTP/1.0.
	if !p.AcceptInvalid {
		if len(v) != 8 || v[4] != '/' || !isDigit(v[5]) || v[6] != '.' || !isDigit(v[7]) {
			return p.fail(h, ReasonBadVersion, int(h.Version.Off))
		}
	} else if len(v) == 0 {
		if h.Method != MethodGet || h.URI.Len == 0 {
			return p.fail(h, ReasonBadVersion, int(h.Version.Off))
		}
		h.Version = h.appendArena([]byte("HTTP/1.0"))
		h.Flags |= FlagHTTP09
	}

	if htx := h.htx + htxStartLineCost(int(h.MethodText.Len), int(h.URI.Len), int(h.Version.Len)) + htxBlockSize; htx >= p.Limits.HTXLimit() {
		return p.fail(h, ReasonHeadTooLarge, h.Len)
	}

	// A CONNECT request has no body whatever it says
	// (h1_postparse_req_hdrs): its Content-Length is not forwarded and
	// what follows the head is tunnel data (connect-with-cl).
	if h.Method == MethodConnect {
		h.Flags &^= FlagContentLength | FlagChunked
		h.ContentLength = 0
		h.Del("content-length")
	}

	// Refusals of h1_process_headers (mux_h1.c), in its order.
	if h.Flags&FlagVer11 == 0 &&
		(h.Flags&FlagContentLength != 0 && h.ContentLength > 0 || h.Flags&FlagChunked != 0) &&
		(h.Method == MethodGet || h.Method == MethodHead || h.Method == MethodDelete) {
		return p.refuse(&Error{Status: 413, Reason: ReasonBodyInHTTP10, Pos: -1})
	}
	if h.Flags&FlagTEOther != 0 {
		return p.refuse(&Error{Status: 422, Reason: ReasonUnknownTransferCoding, Pos: -1})
	}
	if h.Flags.Has(FlagConnUpgrade|FlagUpgradeWebSocket) && h.Find("sec-websocket-key", 0) < 0 {
		return p.fail(h, ReasonMissingWebSocketKey, -1)
	}

	normalizeAbsolute(buf, h)
	return true, nil
}

func (p *Parser) finishResponse(h *Head, req *Head) (bool, error) {
	v := h.Bytes(h.Version)
	if isVer11(v) {
		h.Flags |= FlagVer11
	}
	// h1_process_res_vsn.
	if !p.AcceptInvalid && (len(v) != 8 || v[4] != '/' || !isDigit(v[5]) || v[6] != '.' || !isDigit(v[7])) {
		return p.fail(h, ReasonBadVersion, int(h.Version.Off))
	}
	if ok, err := p.resolveFraming(h); !ok {
		return false, err
	}

	var reqMethod Method
	var reqFlags Flags
	if req != nil {
		reqMethod, reqFlags = req.Method, req.Flags
	}
	code := h.Status
	switch {
	case reqMethod == MethodConnect && code >= 200 && code < 300, code == 101:
		h.Flags &^= FlagContentLength | FlagChunked
		h.Flags |= FlagBodyless
	case reqMethod == MethodHead, code >= 100 && code < 200, code == 204, code == 304:
		h.Flags |= FlagBodyless
	}

	if htx := h.htx + htxStartLineCost(int(h.Version.Len), int(h.StatusText.Len), int(h.Reason.Len)) + htxBlockSize; htx >= p.Limits.HTXLimit() {
		return p.fail(h, ReasonHeadTooLarge, h.Len)
	}
	// Any coding but chunked, wherever it stands, and even under
	// accept-invalid-http-response (te-gzip, te-chunked-gzip,
	// accept-te-gzip).
	if h.Flags&FlagTEOther != 0 {
		return p.fail(h, ReasonUnknownTransferCoding, -1)
	}
	if code == 101 && reqFlags&FlagConnUpgrade == 0 {
		return p.fail(h, ReasonUnexpectedSwitch, int(h.StatusText.Off))
	}
	return true, nil
}

// resolveFraming applies RFC 9112 6.1 as HAProxy 2.6 does:
// Transfer-Encoding wins over Content-Length, which is dropped from the
// head, and the connection closes after the transaction, as it does for
// Transfer-Encoding in HTTP/1.0 (te-cl, cl-te, te-http10).
func (p *Parser) resolveFraming(h *Head) (bool, error) {
	if h.Flags&FlagTransferEncoding == 0 {
		return true, nil
	}
	if h.Flags&FlagContentLength != 0 {
		h.Flags |= FlagConnClose
		h.Flags &^= FlagContentLength
		h.ContentLength = 0
		for i := h.Find("content-length", 0); i >= 0; i = h.Find("content-length", i) {
			h.htx -= htxHeaderCost(int(h.Headers[i].Name.Len), int(h.Headers[i].Value.Len))
			h.Headers = append(h.Headers[:i], h.Headers[i+1:]...)
			if i < h.hostIdx {
				h.hostIdx--
			}
		}
	} else if h.Flags&FlagVer11 == 0 {
		h.Flags |= FlagConnClose
	}
	return true, nil
}

// isVer11 is HAProxy's H1_MF_VER_11 test: eight bytes and x.y >= 1.1.
func isVer11(v []byte) bool {
	return len(v) == 8 && (v[5] > '1' || v[5] == '1' && v[7] >= '1')
}

// normalizeAbsolute is http_scheme_based_normalize: an absolute-form
// target carrying its scheme's default port loses the port, and every
// Host header then names the target's host (recorded:
// uri-absolute-default-port, uri-absolute-uri-port,
// uri-absolute-https-port). The URI shrinks in place.
func normalizeAbsolute(buf []byte, h *Head) {
	uri := h.Bytes(h.URI)
	if len(uri) == 0 || uri[0] == '/' || h.URI.inArena() {
		return
	}
	s := uriScheme(uri)
	if s == 0 {
		return
	}
	authOff, authLen, _ := uriAuthority(uri)
	host, port, has := hostPort(uri[authOff : authOff+authLen])
	if !has || !isDefaultPort(uri[:s-3], port) {
		return
	}
	base := int(h.URI.Off)
	hostEnd := base + authOff + len(host)
	cut := len(port) + 1
	copy(buf[hostEnd:], buf[hostEnd+cut:base+len(uri)])
	h.URI.Len -= uint32(cut)
	hostSpan := span(base+authOff, len(host))
	for i := h.Find("host", 0); i >= 0; i = h.Find("host", i+1) {
		h.Headers[i].Value = hostSpan
	}
}
