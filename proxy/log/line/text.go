package line

import (
	"strconv"

	"hakeep/proxy/logformat"
)

// text writes a string value (lf_text_len()): quoted with +Q, escaped
// with +E, and when empty "-" if mandatory, "" if quoted, else nothing.
// Like 2.6's C strings, a value stops at its first NUL byte.
func (w *builder) text(v []byte, n *logformat.Node) {
	q := n.Flags&logformat.Quote != 0
	if q {
		w.b = append(w.b, '"')
	}
	if len(v) > 0 {
		for i, c := range v {
			if c == 0 {
				v = v[:i]
				break
			}
		}
		if n.Flags&logformat.Escape != 0 {
			for _, c := range v {
				if c == '"' || c == '\\' || c == ']' {
					w.b = append(w.b, '\\')
				}
				w.b = append(w.b, c)
			}
		} else {
			w.b = append(w.b, v...)
		}
	} else if n.Flags&(logformat.Quote|logformat.Mandatory) == logformat.Mandatory {
		w.b = append(w.b, '-')
	}
	if q {
		w.b = append(w.b, '"')
	}
}

// textString is text for a string.
func (w *builder) textString(s string, n *logformat.Node) {
	if s == "" {
		w.text(nil, n)
		return
	}
	q := n.Flags&logformat.Quote != 0
	if q || n.Flags&logformat.Escape != 0 {
		w.textSlow(s, n)
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			s = s[:i]
			break
		}
	}
	w.b = append(w.b, s...)
}

func (w *builder) textSlow(s string, n *logformat.Node) {
	q := n.Flags&logformat.Quote != 0
	if q {
		w.b = append(w.b, '"')
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 {
			break
		}
		if n.Flags&logformat.Escape != 0 && (c == '"' || c == '\\' || c == ']') {
			w.b = append(w.b, '\\')
		}
		w.b = append(w.b, c)
	}
	if q {
		w.b = append(w.b, '"')
	}
}

// Encoding maps of section 8.6: which bytes become "#XX".
type encMap uint8

const (
	// urlEnc escapes the request line: controls, DEL and above, '"'
	// and '#'.
	urlEnc encMap = iota
	// hdrEnc escapes captured headers: urlEnc's and '{', '|', '}'.
	hdrEnc
)

func (m encMap) has(c byte) bool {
	if c < 32 || c >= 127 || c == '"' || c == '#' {
		return true
	}
	return m == hdrEnc && (c == '{' || c == '|' || c == '}')
}

const hexDigits = "0123456789ABCDEF"

// encoded writes v with the bytes of map m as "#XX" (encode_string());
// with +E, '"', '\' and ']' outside the map get a backslash
// (lf_encode_string()). It stops at a NUL byte, as 2.6 does on C
// strings.
func (w *builder) encoded(v []byte, m encMap, n *logformat.Node) {
	esc := n.Flags&logformat.Escape != 0
	start := 0
	for i, c := range v {
		plain := !m.has(c) && !(esc && (c == '"' || c == '\\' || c == ']'))
		if plain && c != 0 {
			continue
		}
		// copy the run of plain bytes at once
		w.b = append(w.b, v[start:i]...)
		start = i + 1
		switch {
		case c == 0:
			return
		case m.has(c):
			w.b = append(w.b, '#', hexDigits[c>>4], hexDigits[c&15])
		default:
			w.b = append(w.b, '\\', c)
		}
	}
	w.b = append(w.b, v[start:]...)
}

// quote opens or closes a +Q value written piecewise.
func (w *builder) quote(n *logformat.Node) {
	if n.Flags&logformat.Quote != 0 {
		w.b = append(w.b, '"')
	}
}

// num writes a decimal number (ltoa_o()); numbers are never quoted.
func (w *builder) num(v int64) { w.b = strconv.AppendInt(w.b, v, 10) }

// hex writes v in upper-case hexadecimal on at least width digits
// ("%04X", "%02X").
func (w *builder) hex(v uint64, width int) {
	var d [16]byte
	i := len(d)
	for v > 0 || len(d)-i < width {
		i--
		d[i] = hexDigits[v&15]
		v >>= 4
	}
	w.b = append(w.b, d[i:]...)
}
