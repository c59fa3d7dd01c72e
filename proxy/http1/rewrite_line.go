package http1

import "strconv"

// Start-line rewrites for the rules layer (http-request set-method,
// http-response set-status), written to the arena like header rewrites.

// SetMethod replaces the request method, reclassified as
// find_http_meth() does.
func (h *Head) SetMethod(m []byte) bool {
	if !h.arenaFits(len(m)) {
		return false
	}
	h.MethodText = h.appendArena(m)
	h.Method = methodOf(m)
	return true
}

// SetStatus replaces the status code and reason phrase.
func (h *Head) SetStatus(code int, reason []byte) bool {
	var num [20]byte
	n := strconv.AppendInt(num[:0], int64(code), 10)
	if !h.arenaFits(len(n) + len(reason)) {
		return false
	}
	h.StatusText = h.appendArena(n)
	h.Status = code
	h.Reason = h.appendArena(reason)
	return true
}

// DelAt removes header i, keeping the order of the others.
func (h *Head) DelAt(i int) {
	copy(h.Headers[i:], h.Headers[i+1:])
	h.Headers = h.Headers[:len(h.Headers)-1]
	switch {
	case h.hostIdx == i:
		h.hostIdx = h.Find("host", 0)
	case h.hostIdx > i:
		h.hostIdx--
	}
}
