package syslog

// Parse reads a message a "log-forward" section received
// (parse_log_message() of 2.6): its priority, when it starts with one
// (level and facility are -1 otherwise), then an RFC 5424 header ("1
// TIMESTAMP HOST TAG PID MSGID SD ") or an RFC 3164 one ("Jan  2
// 15:04:05 HOST TAG[PID]: ", the tag optional). A header that does not
// parse is left in the text, only the priority kept.
func Parse(buf []byte) (level, facility int, m Meta, text []byte) {
	level, facility, text = -1, -1, buf
	if len(buf) < 2 || buf[0] != '<' {
		return
	}
	p, prio := 1, 0
	for ; ; p++ {
		if p >= len(buf) {
			return
		}
		c := buf[p]
		if c == '>' {
			break
		}
		if c < '0' || c > '9' {
			return
		}
		prio = prio*10 + int(c-'0')
	}
	p++
	facility, level = prio>>3, prio&7
	m.Prio = true
	text = buf[p:]
	if len(text) > 2 && text[0] == '1' && text[1] == ' ' {
		if h, rest, ok := parse5424(text[2:]); ok {
			h.Prio = true
			return level, facility, h, rest
		}
		return
	}
	if len(text) > legacyTimeLen {
		if h, rest, ok := parse3164(text); ok {
			h.Prio = true
			return level, facility, h, rest
		}
	}
	return
}

// field reads a space-terminated header field; "-" is empty.
func field(b []byte, p int) ([]byte, int, bool) {
	if p >= len(b) || b[p] == ' ' {
		return nil, p, false
	}
	start := p
	for p < len(b) && b[p] != ' ' {
		p++
	}
	if p >= len(b) {
		return nil, p, false
	}
	v := b[start:p]
	if len(v) == 1 && v[0] == '-' {
		v = nil
	}
	return v, p + 1, true
}

func parse5424(b []byte) (m Meta, rest []byte, ok bool) {
	p := 0
	switch {
	case len(b) > 2 && b[0] == '-' && b[1] == ' ':
		m.Time, p = b[:1], 1
	case len(b) > isoTimeMinLen:
		// "1970-01-01T00:00:00" then an optional fraction, then 'Z' or
		// an offset
		p = 19
		if b[p] == '.' {
			p++
			for {
				if p >= len(b) {
					return Meta{}, nil, false
				}
				c := b[p]
				if c == 'Z' || c == '+' || c == '-' {
					break
				}
				if c < '0' || c > '9' {
					return Meta{}, nil, false
				}
				p++
			}
		}
		if b[p] == 'Z' {
			p++
		} else {
			p += 6
		}
		if p >= len(b) || b[p] != ' ' {
			return Meta{}, nil, false
		}
		m.Time = b[:p]
	default:
		return Meta{}, nil, false
	}
	p++
	var host, tag, pid []byte
	if host, p, ok = field(b, p); !ok {
		return Meta{}, nil, false
	}
	if tag, p, ok = field(b, p); !ok {
		return Meta{}, nil, false
	}
	if pid, p, ok = field(b, p); !ok {
		return Meta{}, nil, false
	}
	if m.MsgID, p, ok = field(b, p); !ok {
		return Meta{}, nil, false
	}
	m.Host, m.Tag, m.PID = string(host), string(tag), string(pid)
	// structured data: "-", or "[...]" elements up to a space
	if p >= len(b) {
		return Meta{}, nil, false
	}
	start := p
	switch b[p] {
	case '[':
		in := false
		for {
			c := b[p]
			if in {
				if c == ']' && b[p-1] != '\\' {
					in = false
				}
			} else if c == '[' {
				in = true
			} else if c == ' ' {
				break
			} else {
				return Meta{}, nil, false
			}
			p++
			if p >= len(b) {
				return Meta{}, nil, false
			}
		}
		m.SD = b[start:p]
	case '-':
		p++
		if p >= len(b) || b[p] != ' ' {
			return Meta{}, nil, false
		}
	default:
		return Meta{}, nil, false
	}
	return m, b[p+1:], true
}

func parse3164(b []byte) (m Meta, rest []byte, ok bool) {
	month := false
	for i := 0; i < 12; i++ {
		if string(b[:3]) == "JanFebMarAprMayJunJulAugSepOctNovDec"[3*i:3*i+3] {
			month = true
		}
	}
	if !month || len(b) <= legacyTimeLen || b[legacyTimeLen] != ' ' {
		return Meta{}, nil, false
	}
	m.Time = b[:legacyTimeLen]
	host, p, ok := field(b, legacyTimeLen+1)
	if !ok {
		return Meta{}, nil, false
	}
	m.Host = string(host)
	rest = b[p:]
	// "TAG[PID]: " or "TAG: ", else the text starts here
	i := 0
	for i < len(rest) && rest[i] != ' ' && rest[i] != ':' {
		i++
	}
	if i+1 >= len(rest) || rest[i] != ':' || rest[i+1] != ' ' {
		return m, rest, true
	}
	tag, pid := rest[:i], []byte(nil)
	if o := indexByte(tag, '['); o >= 0 {
		if tag[len(tag)-1] != ']' {
			return m, rest, true
		}
		tag, pid = tag[:o], tag[o+1:len(tag)-1]
	}
	m.Tag, m.PID = string(tag), string(pid)
	return m, rest[i+2:], true
}

func indexByte(b []byte, c byte) int {
	for i := range b {
		if b[i] == c {
			return i
		}
	}
	return -1
}
