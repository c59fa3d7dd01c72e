package http1

// PieceKind says what Decoder.Next found.
type PieceKind uint8

const (
	// PieceMore: no payload yet. N bytes of framing may have been
	// consumed; pass what is left again once more bytes arrive.
	PieceMore PieceKind = iota
	// PieceData: Data is payload to forward.
	PieceData
	// PieceEnd: the body is complete. For a chunked body, Data is the raw
	// trailer section (without the final empty line) and Decoder.Trailers
	// holds it parsed.
	PieceEnd
)

// Piece is one step of body decoding.
type Piece struct {
	Kind PieceKind
	// Data aliases the input.
	Data []byte
	// N is how many input bytes the step consumed, framing included.
	N int
}

// Decoder streams a body out of the input buffer without copying or
// buffering it: each Next call consumes framing and returns the payload
// bytes in place. The caller forwards Data, drops N bytes and calls Next
// again with what is left (plus whatever arrives), until PieceEnd.
//
// Chunked bodies follow HAProxy 2.6's h1_parse_chunk_size and
// h1_skip_chunk_crlf: 1 to 13 significant hex digits, blanks before an
// optional extension, extensions skipped up to the line end, bare LF
// accepted at every line end, CR only before LF.
type Decoder struct {
	// Limits bound the trailer section like a head.
	Limits Limits

	kind     BodyKind
	response bool
	left     uint64 // bytes left in the body (length) or the chunk
	st       chunkState
	size     uint64 // chunk size being read
	digits   int    // hex digits of the size read so far
	eof      bool

	// Trailers is the parsed trailer section once PieceEnd is returned.
	Trailers Head
	tp       Parser
}

type chunkState uint8

const (
	chSize     chunkState = iota // hex digits
	chSizeSP                     // blanks after the size
	chExt                        // extension, up to CR or LF
	chSizeLF                     // LF after CR of the size line
	chData                       // chunk payload
	chDataCR                     // CR or LF after the payload
	chDataLF                     // LF after its CR
	chTrailers                   // trailer section
	chDone
)

// Reset prepares d for the body of h (as returned by h.Body()); response
// selects the status an error carries (400 or 502).
func (d *Decoder) Reset(kind BodyKind, length uint64, response bool) {
	t := d.Trailers
	t.Reset()
	*d = Decoder{Limits: d.Limits, kind: kind, response: response, left: length, Trailers: t}
	if kind == BodyChunked {
		d.st = chSize
	}
}

// Kind is the framing d was reset for.
func (d *Decoder) Kind() BodyKind { return d.kind }

// Remaining is how many bytes of a Content-Length body are still due.
func (d *Decoder) Remaining() uint64 { return d.left }

// Done reports whether the whole body has been consumed.
func (d *Decoder) Done() bool {
	switch d.kind {
	case BodyNone:
		return true
	case BodyLength:
		return d.left == 0
	case BodyChunked:
		return d.st == chDone
	}
	return d.eof
}

// CloseInput tells d the peer closed: the end of a BodyUntilClose body.
// It reports whether the body was complete (false means truncated).
func (d *Decoder) CloseInput() bool {
	d.eof = true
	return d.kind == BodyUntilClose || d.kind == BodyTunnel || d.Done()
}

func (d *Decoder) fail(r Reason, pos int) (Piece, error) {
	st := 400
	if d.response {
		st = 502
	}
	d.st = chDone
	d.kind = BodyNone
	return Piece{}, &Error{Status: st, Reason: r, Pos: pos}
}

// Next decodes the next piece of body from in.
func (d *Decoder) Next(in []byte) (Piece, error) {
	switch d.kind {
	case BodyNone:
		return Piece{Kind: PieceEnd}, nil
	case BodyLength:
		if d.left == 0 {
			return Piece{Kind: PieceEnd}, nil
		}
		n := len(in)
		if uint64(n) > d.left {
			n = int(d.left)
		}
		if n == 0 {
			return Piece{}, nil
		}
		d.left -= uint64(n)
		return Piece{Kind: PieceData, Data: in[:n], N: n}, nil
	case BodyUntilClose, BodyTunnel:
		if len(in) == 0 {
			if d.eof {
				return Piece{Kind: PieceEnd}, nil
			}
			return Piece{}, nil
		}
		return Piece{Kind: PieceData, Data: in, N: len(in)}, nil
	}
	return d.nextChunk(in)
}

func (d *Decoder) nextChunk(in []byte) (Piece, error) {
	i := 0
	for i < len(in) {
		c := in[i]
		switch d.st {
		case chSize:
			if v := hexVal(c); v >= 0 {
				d.size = d.size<<4 | uint64(v)
				// Over 13 significant digits (2^52) may have been written
				// by a language using floats for integers: refused
				// (chunk-size-overflow).
				if d.size&0xF0000000000000 != 0 {
					return d.fail(ReasonBadChunkSize, i)
				}
				d.digits++
				i++
				continue
			}
			if d.digits == 0 {
				return d.fail(ReasonBadChunkSize, i)
			}
			d.st = chSizeSP
		case chSizeSP:
			switch {
			case isSPHT(c):
				i++
			case c == ';':
				i++
				d.st = chExt
			case c == '\r':
				i++
				d.st = chSizeLF
			case c == '\n':
				i++
				d.sizeLineDone()
			default:
				return d.fail(ReasonBadChunkSize, i)
			}
		case chExt:
			for i < len(in) && !isCRLF(in[i]) {
				i++
			}
			if i < len(in) {
				d.st = chSizeSP
			}
		case chSizeLF:
			if c != '\n' {
				return d.fail(ReasonBadChunkSize, i)
			}
			i++
			d.sizeLineDone()
		case chData:
			n := len(in) - i
			if uint64(n) > d.left {
				n = int(d.left)
			}
			d.left -= uint64(n)
			if d.left == 0 {
				d.st = chDataCR
			}
			return Piece{Kind: PieceData, Data: in[i : i+n], N: i + n}, nil
		case chDataCR:
			switch c {
			case '\r':
				i++
				d.st = chDataLF
			case '\n':
				i++
				d.st = chSize
			default:
				return d.fail(ReasonBadChunkEnd, i)
			}
		case chDataLF:
			if c != '\n' {
				return d.fail(ReasonBadChunkEnd, i)
			}
			i++
			d.st = chSize
		case chTrailers:
			// The parser resumes on the same bytes next time: hand back
			// the framing consumed so far and start the block at in[i].
			done, err := d.tp.ParseTrailers(in[i:], &d.Trailers)
			if err != nil {
				pos := -1
				if e, ok := err.(*Error); ok && e.Pos >= 0 {
					pos = i + e.Pos
				}
				return d.fail(ReasonBadTrailers, pos)
			}
			if !done {
				return Piece{N: i}, nil
			}
			d.st = chDone
			n := d.Trailers.Len
			return Piece{Kind: PieceEnd, Data: in[i : i+n], N: i + n}, nil
		case chDone:
			return Piece{Kind: PieceEnd, N: i}, nil
		}
	}
	if d.st == chDone {
		return Piece{Kind: PieceEnd, N: i}, nil
	}
	return Piece{N: i}, nil
}

// sizeLineDone moves past a complete chunk-size line: to the payload, or
// to the trailer section after the last chunk.
func (d *Decoder) sizeLineDone() {
	d.left, d.size, d.digits = d.size, 0, 0
	if d.left > 0 {
		d.st = chData
		return
	}
	d.st = chTrailers
	d.tp = Parser{Limits: d.Limits}
}
