package http1

// Header is one header line: its name (lower case, as HAProxy's HTX
// stores it) and its value with the surrounding blanks trimmed.
type Header struct {
	Name, Value Span
}

// Head is a parsed request or response head. Every field points into the
// buffer it was parsed from (or into its arena for rewritten bytes), so a
// Head holds no copy of the message and a reused Head allocates nothing.
type Head struct {
	buf   []byte // what the spans point into
	arena []byte // bytes written by rewrites and normalisations

	// Response is set for a status line, clear for a request line.
	Response bool

	// Request line: method as sent and classified, URI as sent (or
	// normalised, see Parser), version as sent.
	Method     Method
	MethodText Span
	URI        Span

	// Status line: status code as sent, its value, and the reason phrase.
	StatusText Span
	Status     int
	Reason     Span

	// Version is the HTTP version as sent ("HTTP/1.0" for a converted
	// HTTP/0.9 request). The output uses "HTTP/1.1" whenever FlagVer11 is
	// set and Version as is otherwise.
	Version Span

	// Headers in order of arrival. Duplicate Content-Length and Host lines
	// that HAProxy drops are not in the table.
	Headers []Header

	Flags Flags
	// ContentLength is the body length when FlagContentLength is set.
	ContentLength uint64

	// Len is how many buffer bytes the head took, blank lines before the
	// start line included: the body starts at buf[Len].
	Len int

	htx     int // HTX cost of the headers so far (limits.go)
	hostIdx int // index of the first Host header, -1 if none
}

// NewHead returns a head whose tables are sized for l, so that parsing
// and rewriting never grow them.
func NewHead(l Limits) *Head {
	return &Head{
		Headers: make([]Header, 0, l.maxHeaders()+8),
		arena:   make([]byte, 0, l.maxRewrite()),
		hostIdx: -1,
	}
}

// Reset empties h for the next message, keeping its capacity.
func (h *Head) Reset() {
	*h = Head{Headers: h.Headers[:0], arena: h.arena[:0], hostIdx: -1}
}

// Buffer is the buffer the head points into.
func (h *Head) Buffer() []byte { return h.buf }

// Rebase points h at buf, which must hold the same bytes at the same
// offsets (the caller moved or copied its buffer).
func (h *Head) Rebase(buf []byte) { h.buf = buf }

// Bytes returns the bytes s locates. The slice aliases the buffer or the
// arena: do not keep it past the next rewrite or buffer reuse.
func (h *Head) Bytes(s Span) []byte {
	if s.inArena() {
		off := s.Off &^ arenaBit
		return h.arena[off : off+s.Len]
	}
	return h.buf[s.Off : s.Off+s.Len]
}

// Name returns the name of header i.
func (h *Head) Name(i int) []byte { return h.Bytes(h.Headers[i].Name) }

// Value returns the value of header i.
func (h *Head) Value(i int) []byte { return h.Bytes(h.Headers[i].Value) }

// Find returns the index of the first header at or after from whose name
// equals name case-insensitively, or -1. name is lower case ASCII.
func (h *Head) Find(name string, from int) int {
	for i := from; i < len(h.Headers); i++ {
		if equalFold(h.Bytes(h.Headers[i].Name), name) {
			return i
		}
	}
	return -1
}

// Get returns the value of the first header called name, or nil.
func (h *Head) Get(name string) []byte {
	if i := h.Find(name, 0); i >= 0 {
		return h.Value(i)
	}
	return nil
}

// ExpectContinue reports whether the request carries
// "Expect: 100-continue". HAProxy forwards it and lets the server answer
// the interim response; the data plane only needs to know it to avoid
// waiting for a body the client holds back.
func (h *Head) ExpectContinue() bool {
	return equalFold(h.Get("expect"), "100-continue")
}
