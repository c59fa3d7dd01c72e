package http1

// Serialisation of heads as HAProxy 2.6's H1 mux writes them from HTX
// (h1_format_htx_reqline, h1_format_htx_stline, h1_format_htx_hdr and the
// header loop of h1_process_mux):
//
//   - the version is "HTTP/1.1" whenever the message is 1.1 or above
//     (version-http2 and version-12 go out as HTTP/1.1), as received
//     otherwise (accept-version-long keeps "HTTP/1.10");
//   - a status line is always "version SP code SP reason", even with an
//     empty reason (status-no-reason);
//   - names go out lower case unless CaseAdjust lists them; values as
//     parsed: trimmed, folding turned into blanks;
//   - a response below 200 or a 204 loses Content-Length and
//     Transfer-Encoding (204-with-cl, status-099);
//   - Connection lines lose their close and keep-alive tokens and vanish
//     when empty; the mux's own Connection header goes last.

// AppendHead appends the head as it must be sent, with the Connection
// value conn decided by Exchange and names adjusted by ca.
func (h *Head) AppendHead(dst []byte, conn ConnValue, ca CaseAdjust) []byte {
	if h.Response {
		dst = h.appendVersion(dst)
		dst = append(dst, ' ')
		dst = append(dst, h.Bytes(h.StatusText)...)
		dst = append(dst, ' ')
		dst = append(dst, h.Bytes(h.Reason)...)
	} else {
		dst = append(dst, h.Bytes(h.MethodText)...)
		dst = append(dst, ' ')
		if h.Flags&FlagNormalizedURI != 0 {
			dst = append(dst, originForm(h.Bytes(h.URI))...)
		} else {
			dst = append(dst, h.Bytes(h.URI)...)
		}
		dst = append(dst, ' ')
		dst = h.appendVersion(dst)
	}
	dst = append(dst, '\r', '\n')
	noLength := h.Response && (h.Status < 200 || h.Status == 204)
	for i := range h.Headers {
		name := h.Bytes(h.Headers[i].Name)
		value := h.Bytes(h.Headers[i].Value)
		switch string(name) {
		case "content-length", "transfer-encoding":
			if noLength {
				continue
			}
		case "connection":
			mark := len(dst)
			dst = ca.appendNameString(dst, "connection")
			dst = append(dst, ':', ' ')
			start := len(dst)
			dst = append(dst, value...)
			if cleaned := cleanConnection(dst[start:]); len(cleaned) == 0 {
				dst = dst[:mark]
			} else {
				dst = append(dst[:start+len(cleaned)], '\r', '\n')
			}
			continue
		}
		dst = ca.appendName(dst, name)
		dst = append(dst, ':', ' ')
		dst = append(dst, value...)
		dst = append(dst, '\r', '\n')
	}
	if conn != ConnNone {
		dst = ca.appendNameString(dst, "connection")
		dst = append(dst, ':', ' ')
		dst = append(dst, conn.String()...)
		dst = append(dst, '\r', '\n')
	}
	return append(dst, '\r', '\n')
}

// originForm is the path and query of an absolute-form target, "/"
// when it has none (h1_format_htx_reqline on a normalized URI).
func originForm(uri []byte) []byte {
	for i := 0; i+2 < len(uri); i++ {
		if uri[i] == ':' && uri[i+1] == '/' && uri[i+2] == '/' {
			rest := uri[i+3:]
			for j, c := range rest {
				if c == '/' {
					return rest[j:]
				}
			}
			return []byte{'/'}
		}
	}
	return uri
}

func (h *Head) appendVersion(dst []byte) []byte {
	if h.Flags&FlagVer11 != 0 {
		return append(dst, "HTTP/1.1"...)
	}
	return append(dst, h.Bytes(h.Version)...)
}

// AppendTrailers appends the last chunk and the trailer section t (nil
// for none), names lower-cased or adjusted like head names
// (post-chunked forwards "x-trailer: t").
func AppendTrailers(dst []byte, t *Head, ca CaseAdjust) []byte {
	dst = append(dst, '0', '\r', '\n')
	if t != nil {
		for i := range t.Headers {
			dst = ca.appendName(dst, t.Bytes(t.Headers[i].Name))
			dst = append(dst, ':', ' ')
			dst = append(dst, t.Bytes(t.Headers[i].Value)...)
			dst = append(dst, '\r', '\n')
		}
	}
	return append(dst, '\r', '\n')
}

// AppendChunkSize appends the size line of a chunk of n bytes: upper-case
// hex without leading zeros, no extension. HAProxy re-chunks: a chunked
// body goes out as one chunk per batch of payload forwarded together,
// whatever the sender's chunk boundaries and extensions were
// (post-chunked sends "B" for "5;ext=1" and "6").
func AppendChunkSize(dst []byte, n int) []byte {
	var tmp [16]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = "0123456789ABCDEF"[n&15]
		n >>= 4
		if n == 0 {
			break
		}
	}
	dst = append(dst, tmp[i:]...)
	return append(dst, '\r', '\n')
}
