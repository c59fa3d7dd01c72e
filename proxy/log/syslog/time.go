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
