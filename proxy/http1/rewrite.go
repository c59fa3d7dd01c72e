package http1

// Header rewrites (http-request/http-response add-header, set-header,
// del-header, replace-value, and what the proxy adds itself such as
// X-Forwarded-For). New bytes go to the head's arena, so the buffer the
// head was parsed from is never resized or moved. The arena holds
// tune.maxrewrite bytes, HAProxy's reserve for rewrites; a rewrite that
// does not fit fails, and HAProxy's "strict-mode on" default answers 500
// (configuration.txt 4.2 "http-request strict-mode").

// appendArena copies b into the arena and returns its span. The arena is
// never reallocated once sized by NewHead, so spans stay valid; a head
// built without NewHead grows it on first use.
func (h *Head) appendArena(b []byte) Span { return appendArena(h, b) }

func appendArena[T string | []byte](h *Head, b T) Span {
	off := len(h.arena)
	h.arena = append(h.arena, b...)
	return Span{Off: uint32(off) | arenaBit, Len: uint32(len(b))}
}

// arenaFits reports whether n more bytes fit in the arena without growing
// it (growing would be an allocation on the hot path).
func (h *Head) arenaFits(n int) bool {
	return h.arena == nil || len(h.arena)+n <= cap(h.arena)
}

// Add appends the header "name: value" after the others, as add-header
// and option forwardfor do (recorded: forwardfor puts X-Forwarded-For
// last). The name is stored lower-cased. It reports false when the
// rewrite reserve is full. tune.http.maxhdr limits parsing only, so the
// table may outgrow it (and allocate, past NewHead's spare entries).
func (h *Head) Add(name string, value []byte) bool {
	if !h.arenaFits(len(name) + len(value)) {
		return false
	}
	n := appendArena(h, name)
	lowerInPlace(h.Bytes(n))
	v := h.appendArena(value)
	h.Headers = append(h.Headers, Header{Name: n, Value: v})
	return true
}

// Set replaces every header called name (lower case) by one
// "name: value" appended last, as set-header does.
func (h *Head) Set(name string, value []byte) bool {
	h.Del(name)
	return h.Add(name, value)
}

// Del removes every header called name (lower case), keeping the order of
// the others. It returns how many were removed.
func (h *Head) Del(name string) int {
	k := 0
	for _, hd := range h.Headers {
		if equalFold(h.Bytes(hd.Name), name) {
			continue
		}
		h.Headers[k] = hd
		k++
	}
	removed := len(h.Headers) - k
	h.Headers = h.Headers[:k]
	return removed
}

// SetValue replaces the value of header i. A value no longer than the
// current one in the buffer is written in place.
func (h *Head) SetValue(i int, value []byte) bool {
	cur := h.Headers[i].Value
	if !cur.inArena() && len(value) <= int(cur.Len) {
		copy(h.buf[cur.Off:], value)
		h.Headers[i].Value.Len = uint32(len(value))
		return true
	}
	if !h.arenaFits(len(value)) {
		return false
	}
	h.Headers[i].Value = h.appendArena(value)
	return true
}

// SetURI replaces the request target, as set-uri/set-path do.
func (h *Head) SetURI(uri []byte) bool {
	if !h.URI.inArena() && len(uri) <= int(h.URI.Len) {
		copy(h.buf[h.URI.Off:], uri)
		h.URI.Len = uint32(len(uri))
		return true
	}
	if !h.arenaFits(len(uri)) {
		return false
	}
	h.URI = h.appendArena(uri)
	return true
}

func lowerInPlace(b []byte) {
	for i, c := range b {
		b[i] = lower(c)
	}
}
