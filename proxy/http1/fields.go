package http1

// Parsers of the header fields that decide framing and connection
// management, with HAProxy 2.6.12's exact rules (src/h1.c), checked
// against the recorded cases named in the comments.

// clResult is what a Content-Length line means for the head.
type clResult uint8

const (
	clInvalid clResult = iota // answer 400 (request) or 502 (response)
	clIndex                   // the first one: keep this line
	clSkip                    // repeats the known value: drop this line
)

// parseContentLength checks one Content-Length value, a comma-separated
// list of equal decimal numbers, against the value of earlier lines when
// seen is set (h1_parse_cont_len_header). It returns the verdict, the
// value, and the offset and length within v of the digits to keep: the
// last number of the list as sent, leading zeros included
// (cl-leading-zeros forwards "0005", cl-list-same forwards "5").
//
// Rejected: empty values or list elements (cl-empty, cl-trailing-comma,
// cl-leading-comma), any non-digit (cl-plus, cl-negative, cl-hex,
// cl-inner-space), overflow of 64 bits (cl-overflow), and a value
// different from another one (cl-list-diff, cl-dup-diff).
func parseContentLength(v []byte, seen bool, known uint64) (res clResult, n uint64, off, ln int) {
	first := !seen
	i := 0
	for {
		if i >= len(v) {
			return clInvalid, 0, 0, 0
		}
		if isLWS(v[i]) {
			i++
			continue
		}
		start := i
		var cl uint64
		for ; i < len(v); i++ {
			d := uint64(v[i]) - '0'
			if d > 9 {
				break
			}
			if cl > ^uint64(0)/10 {
				return clInvalid, 0, 0, 0
			}
			cl *= 10
			if cl+d < cl {
				return clInvalid, 0, 0, 0
			}
			cl += d
		}
		if i == start {
			return clInvalid, 0, 0, 0
		}
		off, ln = start, i-start
		for ; i < len(v); i++ {
			if !isLWS(v[i]) {
				if v[i] != ',' {
					return clInvalid, 0, 0, 0
				}
				break
			}
		}
		if seen && cl != known {
			return clInvalid, 0, 0, 0
		}
		seen, known, n = true, cl, cl
		if i == len(v) {
			break
		}
		i++ // past the comma
	}
	if first {
		return clIndex, n, off, ln
	}
	return clSkip, n, off, ln
}

// teResult is what a Transfer-Encoding line means.
type teResult uint8

const (
	teOK teResult = iota
	teInvalid
)

// parseTransferEncoding folds one Transfer-Encoding value into flags
// (h1_parse_xfer_enc_header in 2.6.12). Each comma-separated coding
// resets FlagChunked; "chunked" sets it back, so it stays only when
// chunked is last. Empty list elements count as a coding other than
// chunked (te-comma-chunked is answered 422, not 400).
//
// Invalid: an empty value (te-empty); chunked twice, in one line or
// across lines (te-chunked-twice, te-two-headers); and, in a request, any
// coding after chunked (te-chunked-gzip, te-chunked-then-identity-header).
func parseTransferEncoding(v []byte, flags Flags, response bool) (Flags, teResult) {
	if len(v) == 0 {
		return flags, teInvalid
	}
	flags |= FlagTransferEncoding
	for tok, rest := nextToken(v); tok != nil; tok, rest = nextToken(rest) {
		flags &^= FlagChunked
		if equalFold(tok, "chunked") {
			if flags&FlagTEChunked != 0 {
				return flags &^ FlagChunked, teInvalid
			}
			flags |= FlagTEChunked | FlagChunked
			continue
		}
		if !response && flags&FlagTEChunked != 0 {
			return flags &^ FlagChunked, teInvalid
		}
		flags |= FlagTEOther
	}
	return flags, teOK
}

// parseConnection folds the close, keep-alive and upgrade tokens of one
// Connection value into flags (h1_parse_connection_header).
func parseConnection(v []byte, flags Flags) Flags {
	for tok, rest := nextToken(v); tok != nil; tok, rest = nextToken(rest) {
		switch {
		case equalFold(tok, "keep-alive"):
			flags |= FlagConnKeepAlive
		case equalFold(tok, "close"):
			flags |= FlagConnClose
		case equalFold(tok, "upgrade"):
			flags |= FlagConnUpgrade
		}
	}
	return flags
}

// cleanConnection removes the close and keep-alive tokens from a
// Connection value in place and returns what is left, as
// h1_parse_connection_header does with H1_MF_CLEAN_CONN_HDR: the kept
// tokens stay as written while nothing was removed before them, and are
// joined by a bare comma after a removal (conn-tokens-spaced forwards
// "X-A ,X-B" for "X-A , close, X-B"). HAProxy cleans on input; the mux
// then writes its own Connection header (ConnValue) last.
func cleanConnection(v []byte) []byte {
	out := 0       // length of the kept value
	contig := true // nothing removed yet: the kept value is v[:i]
	for i := 0; i < len(v); i++ {
		if isLWS(v[i]) {
			continue
		}
		start := i
		i = valueEnd(v, i)
		end := i
		for end > start && isLWS(v[end-1]) {
			end--
		}
		word := v[start:end]
		if equalFold(word, "keep-alive") || equalFold(word, "close") {
			contig = false
			continue
		}
		if contig {
			out = i
		} else {
			if out > 0 {
				v[out] = ','
				out++
			}
			out += copy(v[out:], word)
		}
	}
	return v[:out]
}

// parseUpgrade notes the protocols HAProxy cares about in an Upgrade
// value (h1_parse_upgrade_header); each Upgrade line replaces the last.
func parseUpgrade(v []byte, flags Flags) Flags {
	flags &^= FlagUpgradeWebSocket | FlagUpgradeH2C
	for tok, rest := nextToken(v); tok != nil; tok, rest = nextToken(rest) {
		switch {
		case equalFold(tok, "websocket"):
			flags |= FlagUpgradeWebSocket
		case equalFold(tok, "h2c"), equalFold(tok, "h2"):
			flags |= FlagUpgradeH2C
		}
	}
	return flags
}

// nextToken splits the first comma-separated element off v, blanks
// trimmed. Commas inside quoted strings do not split
// (http_find_hdr_value_end). tok is empty, not nil, for an empty element
// and nil only when v holds nothing but blanks.
func nextToken(v []byte) (tok, rest []byte) {
	i := 0
	for i < len(v) && isLWS(v[i]) {
		i++
	}
	if i == len(v) {
		return nil, nil
	}
	start := i
	i = valueEnd(v, i)
	end := i
	for end > start && isLWS(v[end-1]) {
		end--
	}
	if i < len(v) {
		i++ // past the comma
	}
	return v[start:end:end], v[i:]
}

// valueEnd is http_find_hdr_value_end: the index of the comma ending the
// list element starting at i, or len(v); commas in quoted strings do not
// count.
func valueEnd(v []byte, i int) int {
	quoted, pair := false, false
	for ; i < len(v); i++ {
		c := v[i]
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
			return i
		}
	}
	return i
}
