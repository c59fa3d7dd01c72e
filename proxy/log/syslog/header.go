package syslog

import "time"

// AppendHeader appends the header of a message at level from facility,
// sent at t (in the zone the header shows: time.Now() is local time), in
// format f (build_log_header() of 2.6, for messages
// without a timestamp of their own). Facility is ignored by the formats
// that carry the level alone (short, timed).
func AppendHeader(dst []byte, f Format, level, facility int, m *Meta, t time.Time) []byte {
	return appendHeader(dst, f, level, facility, m, t, nil)
}

// elems records where each element of a header ends (2.6 builds the
// header as a vector of strings, and a datagram cut inside the header
// loses the whole element it falls in).
type elems struct {
	end [16]int
	n   int
}

func (e *elems) mark(dst []byte) {
	if e != nil && e.n < len(e.end) {
		e.end[e.n] = len(dst)
		e.n++
	}
}

func appendHeader(dst []byte, f Format, level, facility int, m *Meta, t time.Time, e *elems) []byte {
	f = f.Resolve(m)
	switch f {
	case Local, RFC3164, RFC5424, Priority:
		dst = appendPriority(dst, facility<<3+level)
		e.mark(dst)
	case Timed, Short:
		dst = appendPriority(dst, level)
		e.mark(dst)
	}
	var mt []byte
	if m != nil {
		mt = m.Time
	}
	switch f {
	case Local, RFC3164:
		dst = appendLegacyStamp(dst, mt, t, e)
	case RFC5424:
		dst = append(dst, "1 "...)
		e.mark(dst)
		if string(mt) == "-" {
			// NILVALUE is a valid RFC 5424 timestamp
			dst = appendElem(dst, e, "-")
			dst = appendElem(dst, e, " ")
			break
		}
		dst = appendISOStamp(dst, mt, t, e)
	case Timed, ISO:
		dst = appendISOStamp(dst, mt, t, e)
	}
	switch f {
	case RFC3164:
		if m != nil && m.Host != "" {
			dst = appendElem(dst, e, m.Host)
			dst = appendElem(dst, e, " ")
		} else {
			// the field is mandatory in RFC 3164
			dst = appendElem(dst, e, "localhost ")
		}
		dst = appendTag(dst, m, e)
	case Local:
		dst = appendTag(dst, m, e)
	case RFC5424:
		var host, tag, pid string
		var sd []byte
		if m != nil {
			host, tag, pid, sd = m.Host, m.Tag, m.PID, trimSpaces(m.SD)
		}
		dst = appendNil(dst, e, host)
		dst = appendNil(dst, e, tag)
		dst = appendNil(dst, e, pid)
		if m != nil && len(m.MsgID) > 0 {
			dst = append(dst, m.MsgID...)
			e.mark(dst)
			dst = appendElem(dst, e, " ")
		} else {
			dst = appendElem(dst, e, "- ")
		}
		if len(sd) == 0 {
			dst = appendElem(dst, e, "- ")
		} else {
			dst = append(dst, sd...)
			e.mark(dst)
			dst = appendElem(dst, e, " ")
		}
	}
	return dst
}

// appendElem appends one element of the header.
func appendElem(dst []byte, e *elems, s string) []byte {
	dst = append(dst, s...)
	e.mark(dst)
	return dst
}

// appendPriority writes "<n>".
func appendPriority(dst []byte, n int) []byte {
	dst = append(dst, '<')
	dst = appendUint(dst, n)
	return append(dst, '>')
}

// appendTag writes "tag[pid]: ", nothing without a tag.
func appendTag(dst []byte, m *Meta, e *elems) []byte {
	if m == nil || m.Tag == "" {
		return dst
	}
	dst = appendElem(dst, e, m.Tag)
	if m.PID != "" {
		dst = appendElem(dst, e, "[")
		dst = appendElem(dst, e, m.PID)
		dst = appendElem(dst, e, "]")
	}
	return appendElem(dst, e, ": ")
}

// appendNil writes an RFC 5424 field and its space, "-" when empty.
func appendNil(dst []byte, e *elems, s string) []byte {
	if s == "" {
		return appendElem(dst, e, "- ")
	}
	dst = appendElem(dst, e, s)
	return appendElem(dst, e, " ")
}

// trimSpaces drops trailing spaces, as __send_log() does on the
// structured data.
func trimSpaces(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func appendUint(dst []byte, n int) []byte {
	if n < 0 {
		n = 0
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(dst, b[i:]...)
}

// appendPad writes n in width digits, zero-padded.
func appendPad(dst []byte, n, width int) []byte {
	var b [10]byte
	for i := width - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return append(dst, b[:width]...)
}
