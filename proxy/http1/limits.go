package http1

// Limits are the tunables that bound a message head (configuration.txt
// 3.2: tune.bufsize, tune.maxrewrite, tune.http.maxhdr). The zero value
// means HAProxy's defaults.
type Limits struct {
	BufSize    int // tune.bufsize, default 16384
	MaxRewrite int // tune.maxrewrite, default 1024
	MaxHeaders int // tune.http.maxhdr, default 101
}

// HAProxy 2.6 defaults and the sizes of its HTX structures on 64-bit
// builds, which the limits below are made of.
const (
	DefaultBufSize    = 16384
	DefaultMaxRewrite = 1024
	DefaultMaxHeaders = 101

	htxHeaderSize = 48 // sizeof(struct htx)
	htxBlockSize  = 8  // sizeof(struct htx_blk)
	htxStartLine  = 20 // sizeof(struct htx_sl) before its strings
)

func (l Limits) bufSize() int {
	if l.BufSize > 0 {
		return l.BufSize
	}
	return DefaultBufSize
}

func (l Limits) maxRewrite() int {
	if l.MaxRewrite > 0 {
		return l.MaxRewrite
	}
	return DefaultMaxRewrite
}

// maxHeaders is how many header lines a head may carry: the parser's
// table has tune.http.maxhdr entries and the last one is taken by the
// end-of-headers marker (h1_headers_to_hdr_list), so 101 allows 100
// (recorded: hdr-count-100 passes, hdr-count-101 is answered 400).
func (l Limits) maxHeaders() int {
	n := DefaultMaxHeaders
	if l.MaxHeaders > 0 {
		n = l.MaxHeaders
	}
	return n - 1
}

// RawLimit is the most bytes a head may span on the wire, blank lines
// before it included: the input buffer less room for the HTX header and
// two blocks (buf_room_for_htx_data()). Past it with no end of head in
// sight, HAProxy gives up (recorded: head-blanks-at-limit is 16320 bytes
// and passes, one more is answered 400).
func (l Limits) RawLimit() int {
	return l.bufSize() - htxHeaderSize - 2*htxBlockSize
}

// HTXLimit bounds the head once converted to HTX: it must stay below the
// buffer less the rewrite reserve and the HTX header. This is the limit
// ordinary requests meet first (recorded: head-at-limit, head-over-limit).
func (l Limits) HTXLimit() int {
	return l.bufSize() - l.maxRewrite() - htxHeaderSize
}

// htxStartLineCost is what a start line costs in HTX: a block, the
// htx_sl structure and its three strings.
func htxStartLineCost(a, b, c int) int {
	return htxBlockSize + htxStartLine + a + b + c
}

// htxHeaderCost is what one header costs in HTX: a block, the lower-cased
// name and the trimmed value (no ": ", no CRLF).
func htxHeaderCost(name, value int) int {
	return htxBlockSize + name + value
}
