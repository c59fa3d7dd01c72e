package syslog

import "time"

func monthName(m time.Month) string {
	return "JanFebMarAprMayJunJulAugSepOctNovDec"[3*(m-1) : 3*m]
}

// appendLegacyTime writes the RFC 3164 timestamp in t's zone (local
// time for time.Now()),
// "Jan  2 15:04:05" (the day padded with a space).
func appendLegacyTime(dst []byte, t time.Time) []byte {
	_, mon, day := t.Date()
	h, mi, s := t.Clock()
	dst = append(dst, monthName(mon)...)
	dst = append(dst, ' ')
	if day < 10 {
		dst = append(dst, ' ')
	}
	dst = appendUint(dst, day)
	dst = append(dst, ' ')
	dst = appendPad(dst, h, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, mi, 2)
	dst = append(dst, ':')
	return appendPad(dst, s, 2)
}

// appendISOTime writes the RFC 5424 timestamp in t's zone with
// microseconds and the zone offset, "2006-01-02T15:04:05.000000+00:00"
// (timeofday_as_iso_us()).
func appendISOTime(dst []byte, t time.Time) []byte {
	y, mon, day := t.Date()
	h, mi, s := t.Clock()
	dst = appendPad(dst, y, 4)
	dst = append(dst, '-')
	dst = appendPad(dst, int(mon), 2)
	dst = append(dst, '-')
	dst = appendPad(dst, day, 2)
	dst = append(dst, 'T')
	dst = appendPad(dst, h, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, mi, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, s, 2)
	dst = append(dst, '.')
	dst = appendPad(dst, t.Nanosecond()/1000, 6)
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	off = off % 86400 / 60
	dst = append(dst, sign)
	dst = appendPad(dst, off/60, 2)
	dst = append(dst, ':')
	return appendPad(dst, off%60, 2)
}

// appendLegacyStamp writes the RFC 3164 timestamp and its space: a
// forwarded message's own, rebuilt from its RFC 5424 timestamp, or the
// time it is sent (build_log_header()).
func appendLegacyStamp(dst, mt []byte, t time.Time, e *elems) []byte {
	if len(mt) == legacyTimeLen {
		dst = append(dst, mt...)
		e.mark(dst)
		return appendElem(dst, e, " ")
	}
	if isISOTime(mt) {
		month := int(mt[5]-'0')*10 + int(mt[6]-'0')
		if month > 0 {
			month--
		}
		if month <= 11 {
			// "Jan  2 " then "15:04:05" from the RFC 5424 timestamp
			dst = append(dst, "JanFebMarAprMayJunJulAugSepOctNovDec"[3*month:3*month+3]...)
			dst = append(dst, ' ')
			if mt[8] != '0' {
				dst = append(dst, mt[8])
			} else {
				dst = append(dst, ' ')
			}
			dst = append(dst, mt[9], ' ')
			e.mark(dst)
			dst = append(dst, mt[11:19]...)
			e.mark(dst)
			return appendElem(dst, e, " ")
		}
	}
	// the time and its space are one element
	dst = append(appendLegacyTime(dst, t), ' ')
	e.mark(dst)
	return dst
}

// appendISOStamp writes the RFC 5424 timestamp and its space: a
// forwarded message's own, rebuilt from its RFC 3164 timestamp (the
// year is this year, or last year for a month still to come; the zone
// unknown, "-00:00"), or the time it is sent.
func appendISOStamp(dst, mt []byte, t time.Time, e *elems) []byte {
	if isISOTime(mt) {
		dst = append(dst, mt...)
		e.mark(dst)
		return appendElem(dst, e, " ")
	}
	if len(mt) == legacyTimeLen {
		month := -1
		for m := 0; m < 12; m++ {
			if string(mt[:3]) == "JanFebMarAprMayJunJulAugSepOctNovDec"[3*m:3*m+3] {
				month = m
				break
			}
		}
		if month >= 0 {
			y, now, _ := t.Date()
			if int(now)-1 < month {
				y--
			}
			dst = appendPad(dst, y, 4)
			dst = append(dst, '-')
			dst = appendPad(dst, month+1, 2)
			dst = append(dst, '-')
			if mt[4] != ' ' {
				dst = append(dst, mt[4])
			} else {
				dst = append(dst, '0')
			}
			dst = append(dst, mt[5], 'T')
			e.mark(dst)
			dst = append(dst, mt[7:15]...)
			e.mark(dst)
			return appendElem(dst, e, "-00:00 ")
		}
	}
	// the time and its space are one element
	dst = append(appendISOTime(dst, t), ' ')
	e.mark(dst)
	return dst
}
