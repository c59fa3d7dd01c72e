package config

import "time"

// HAProxy reads most numbers with C's atol()/atoi(): leading blanks, an
// optional sign, then digits up to the first other character; anything
// else reads as 0. Configurations rely on that leniency ("maxconn 100k"
// is 100), so it is reproduced rather than reported.
func atol(s string) int64 {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var v int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
	}
	if neg {
		v = -v
	}
	return v
}

// atoi is atol truncated to a C int.
func atoi(s string) int { return int(int32(atol(s))) }

// timeUnit is the unit a bare number is read in (TIME_UNIT_* in 2.6).
type timeUnit int

const (
	unitUS timeUnit = iota
	unitMS
	unitS
	unitMin
	unitHour
	unitDay
)

// timeErr says why parseTime failed, mirroring parse_time_err()'s returns:
// a pointer to the offending character, or PARSE_TIME_OVER/UNDER.
type timeErr struct {
	// at is the offending character's offset when over and under are
	// false.
	at    int
	over  bool
	under bool
	// trailing reports characters after a valid unit: 2.6 accepts the
	// value but warns (see trailingWarning).
	trailing int
}

// parseTime reads a delay as parse_time_err() does (configuration.txt
// section 2.5): digits then an optional unit among us, ms, s, m, h, d.
// The result is in the given unit, rounded up; it must stay below 2^31.
// ok is false when err tells what is wrong.
func parseTime(text string, unit timeUnit) (val uint32, err timeErr, ok bool) {
	err.trailing = -1
	if text == "" || text[0] < '0' || text[0] > '9' {
		return 0, timeErr{at: 0, trailing: -1}, false
	}
	var omult, odiv uint64 = 1, 1
	switch unit {
	case unitUS:
		omult = 1000000
	case unitMS:
		omult = 1000
	case unitMin:
		odiv = 60
	case unitHour:
		odiv = 3600
	case unitDay:
		odiv = 86400
	}
	i := 0
	var value uint64
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		value = value*10 + uint64(text[i]-'0')
		i++
	}
	var imult, idiv uint64 = 1, 1
	if i == len(text) {
		imult, omult, idiv, odiv = 1, 1, 1, 1
	} else {
		switch text[i] {
		case 's':
		case 'u':
			if i+1 < len(text) && text[i+1] == 's' {
				idiv = 1000000
				i++
				break
			}
			return 0, timeErr{at: i, trailing: -1}, false
		case 'm':
			if i+1 < len(text) && text[i+1] == 's' {
				idiv = 1000
				i++
			} else {
				imult = 60
			}
		case 'h':
			imult = 3600
		case 'd':
			imult = 86400
		default:
			return 0, timeErr{at: i, trailing: -1}, false
		}
		i++
		if i < len(text) {
			err.trailing = i
		}
	}
	if omult%idiv == 0 {
		omult /= idiv
		idiv = 1
	}
	if idiv%omult == 0 {
		idiv /= omult
		omult = 1
	}
	if imult%odiv == 0 {
		imult /= odiv
		odiv = 1
	}
	if odiv%imult == 0 {
		odiv /= imult
		imult = 1
	}
	result := (value*(imult*omult) + (idiv*odiv - 1)) / (idiv * odiv)
	if result >= 0x80000000 {
		return 0, timeErr{over: true, trailing: err.trailing}, false
	}
	if result == 0 && value != 0 {
		return 0, timeErr{under: true, trailing: err.trailing}, false
	}
	return uint32(result), err, true
}

// trailingWarning is the warning parse_time_err() prints (with no place)
// when a valid delay is followed by more characters.
func trailingWarning(text string, at int) string {
	return "unexpected character '" + text[at:at+1] + "' after the timer value '" + text +
		"', only (us=microseconds,ms=milliseconds,s=seconds,m=minutes,h=hours,d=days) are supported." +
		" This will be reported as an error in next versions."
}

// durationOf converts a parseTime result to a time.Duration.
func durationOf(v uint32, unit timeUnit) time.Duration {
	switch unit {
	case unitUS:
		return time.Duration(v) * time.Microsecond
	case unitMS:
		return time.Duration(v) * time.Millisecond
	case unitS:
		return time.Duration(v) * time.Second
	case unitMin:
		return time.Duration(v) * time.Minute
	case unitHour:
		return time.Duration(v) * time.Hour
	default:
		return time.Duration(v) * 24 * time.Hour
	}
}

// parseSize reads a size as parse_size_err() does: digits and an optional
// k, m or g suffix (powers of 1024), within 32 bits. It returns the
// offending character's offset when ok is false.
func parseSize(text string) (val uint32, at int, ok bool) {
	if text == "" || text[0] < '0' || text[0] > '9' {
		return 0, 0, false
	}
	var v uint32
	i := 0
	for ; i < len(text) && text[i] >= '0' && text[i] <= '9'; i++ {
		j := uint32(text[i] - '0')
		if v > ^uint32(0)/10 {
			return 0, i, false
		}
		v *= 10
		if v > v+j {
			return 0, i, false
		}
		v += j
	}
	if i == len(text) {
		return v, 0, true
	}
	var shift uint
	switch text[i] {
	case 'k', 'K':
		shift = 10
	case 'm', 'M':
		shift = 20
	case 'g', 'G':
		shift = 30
	default:
		return 0, i, false
	}
	if v > ^uint32(0)>>shift {
		return 0, i, false
	}
	v <<= shift
	if i+1 < len(text) {
		return 0, i + 1, false
	}
	return v, 0, true
}

// parseTimeWarn is parseTime plus the warning 2.6 prints for characters
// after a valid unit.
func (l *loader) parseTimeWarn(ln *line, text string, unit timeUnit) (uint32, timeErr, bool) {
	v, te, ok := parseTime(text, unit)
	if te.trailing >= 0 {
		l.warnf(ln.pos, "%s", trailingWarning(text, te.trailing))
	}
	return v, te, ok
}
