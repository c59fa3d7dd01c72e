package syslog

import "time"

// Message is one message to frame: its level, facility, metadata, the
// time it is sent, and the text without a header.
type Message struct {
	Level, Facility int
	Meta            *Meta
	Time            time.Time
	Text            []byte
}

// text is the message without the trailing line feeds or NULs older
// callers leave (__do_send_log()).
func (m *Message) text() []byte {
	b := m.Text
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == 0) {
		b = b[:len(b)-1]
	}
	return b
}

// AppendDatagram appends the datagram a UDP or unix socket target
// receives: header and text cut together at maxlen bytes, then a line
// feed on top (__do_send_log()). A cut that falls inside the header, or
// at the end of one of its elements, drops that whole element: 2.6
// writes the line feed over it.
func AppendDatagram(dst []byte, f Format, m *Message, maxlen int) []byte {
	start := len(dst)
	var e elems
	dst = appendHeader(dst, f, m.Level, m.Facility, m.Meta, m.Time, &e)
	room, from := maxlen, start
	for i := 0; i < e.n; i++ {
		if room <= e.end[i]-from {
			return append(dst[:from], '\n')
		}
		room -= e.end[i] - from
		from = e.end[i]
	}
	text := m.text()
	if len(text) > room {
		text = text[:room]
	}
	dst = append(dst, text...)
	return append(dst, '\n')
}

// AppendLine appends the line a file descriptor target (stdout, stderr)
// receives: the text cut at maxlen, then header and text cut together
// so that the line feed fits in maxlen (fd_write_frag_line()).
func AppendLine(dst []byte, f Format, m *Message, maxlen int) []byte {
	start := len(dst)
	dst = AppendHeader(dst, f, m.Level, m.Facility, m.Meta, m.Time)
	text := m.text()
	if len(text) > maxlen {
		text = text[:maxlen]
	}
	dst = append(dst, text...)
	dst = cut(dst, start, maxlen-1)
	return append(dst, '\n')
}

// AppendRingEntry appends what a ring stores for a message sent to it
// by a "log ring@..." target of length logMax: the text cut at logMax,
// behind the ring's own header (none in raw format), the whole cut at
// the ring's maxlen (__do_send_log(), __sink_write(), ring_write()).
// There is no line feed: the forwarders add their framing.
func AppendRingEntry(dst []byte, ringFmt Format, m *Message, logMax, ringMax int) []byte {
	start := len(dst)
	if ringFmt != Raw {
		dst = AppendHeader(dst, ringFmt, m.Level, m.Facility, m.Meta, m.Time)
	}
	text := m.text()
	if len(text) > logMax {
		text = text[:logMax]
	}
	dst = append(dst, text...)
	return cut(dst, start, ringMax)
}

// cut keeps at most n bytes after start.
func cut(b []byte, start, n int) []byte {
	if n < 0 {
		n = 0
	}
	if len(b)-start > n {
		return b[:start+n]
	}
	return b
}
