package config

import (
	"fmt"
	"math"
	"strings"
)

// The number readers of lib/parser.c. Their messages, and what they accept
// when a value is bad, are keepalived's: with -t every bad value is an
// error; when running, a bad value whose leading digits are in range is
// used with a "WARNING - " message if the caller tolerates it.

// ctoul parses like C's strtoul(s, &end, 10): blanks, a sign, digits. A
// minus sign negates modulo 2^64. end is the index after the digits, or 0
// when there are none; overflow is ERANGE.
func ctoul(s string) (v uint64, end int, overflow bool) {
	return ctoulBase(s, 10)
}

// ctoulBase is strtoul() with base 10, or 0 (0x hex, 0 octal, decimal).
func ctoulBase(s string, base uint64) (v uint64, end int, overflow bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if base == 16 && i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && isHexDigit(s[i+2]) {
		i += 2
	}
	if base == 0 {
		base = 10
		switch {
		case i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && isHexDigit(s[i+2]):
			base = 16
			i += 2
		case i < len(s) && s[i] == '0':
			base = 8
		}
	}
	start := i
	for i < len(s) {
		d, ok := digitOf(s[i])
		if !ok || d >= base {
			break
		}
		if v > (math.MaxUint64-d)/base {
			overflow = true
		}
		v = v*base + d
		i++
	}
	if i == start {
		return 0, 0, false
	}
	if overflow {
		return math.MaxUint64, i, true
	}
	if neg {
		v = -v
	}
	return v, i, false
}

// ctol parses like C's strtol(s, &end, 10).
func ctol(s string) (v int64, end int, overflow bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		u = u*10 + uint64(s[i]-'0')
		if u > 1<<63 {
			overflow = true
			u = 1 << 63
		}
		i++
	}
	if i == start {
		return 0, 0, false
	}
	switch {
	case neg:
		return -int64(u), i, overflow
	case u > math.MaxInt64:
		return math.MaxInt64, i, true
	}
	return int64(u), i, overflow
}

func isCSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// warn is the prefix keepalived gives number errors it tolerates.
func (p *pass) warn(ignore bool) string {
	if ignore && !p.opts.ConfigTest {
		return "WARNING - "
	}
	return ""
}

// tolerated is what the readers return for a bad value: usable only when
// running, tolerated by the caller and in range.
func (p *pass) tolerated(ignore, inRange bool) bool {
	return ignore && inRange && !p.opts.ConfigTest
}

// readInt is read_int(): a signed decimal in [min, max].
func (p *pass) readInt(s string, min, max int64, ignore bool) (int64, bool) {
	v, end, overflow := ctol(s)
	w := p.warn(ignore)
	switch {
	case end < len(s):
		p.report(ClassInvalidNumber, "%sinvalid number '%s'", w, s)
	case overflow || v < math.MinInt32 || v > math.MaxInt32:
		p.report(ClassInvalidNumber, "%snumber '%s' outside integer range", w, s)
	case v < min || v > max:
		p.report(ClassInvalidNumber, "number '%s' outside range [%d, %d]", s, min, max)
	default:
		return v, true
	}
	return v, p.tolerated(ignore, v >= min && v <= max)
}

// readUnsigned is read_unsigned(): an unsigned decimal in [min, max],
// max at most UINT_MAX.
func (p *pass) readUnsigned(s string, min, max uint64, ignore bool) (uint64, bool) {
	return p.readUnsignedBits(s, min, max, ignore, 32, 10)
}

// readUnsigned64 is read_unsigned64().
func (p *pass) readUnsigned64(s string, min, max uint64, ignore bool) (uint64, bool) {
	return p.readUnsignedBits(s, min, max, ignore, 64, 10)
}

// readUnsignedBase0 is read_unsigned_base_strvec(..., 0, ...): hex and
// octal allowed.
func (p *pass) readUnsignedBase0(s string, min, max uint64) (uint64, bool) {
	return p.readUnsignedBits(s, min, max, false, 32, 0)
}

func (p *pass) readUnsignedBits(s string, min, max uint64, ignore bool, bits int, base uint64) (uint64, bool) {
	off := 0
	for off < len(s) && isCSpace(s[off]) {
		off++
	}
	v, end, overflow := ctoulBase(s[off:], base)
	end += off
	w := p.warn(ignore)
	switch {
	case off < len(s) && s[off] == '-':
		p.report(ClassInvalidNumber, "%snegative number '%s'", w, s)
	case end < len(s):
		p.report(ClassInvalidNumber, "%sinvalid number '%s'", w, s)
	case bits == 32 && (overflow || v > math.MaxUint32):
		p.report(ClassInvalidNumber, "%snumber '%s' outside unsigned integer range", w, s)
	case bits == 64 && overflow:
		p.report(ClassInvalidNumber, "%snumber '%s' outside unsigned 64 bit range", w, s)
	case v < min || v > max:
		if bits == 64 {
			w = ""
		}
		p.report(ClassInvalidNumber, "%snumber '%s' outside range [%d, %d]", w, s, min, max)
	default:
		return v, true
	}
	if bits == 32 {
		v = uint64(uint32(v))
	}
	return v, p.tolerated(ignore, v >= min && v <= max)
}

// readDecimal is read_decimal_unsigned(): a decimal number with up to
// shift decimal places, returned times 10^shift.
func (p *pass) readDecimal(s string, min, max uint64, shift int, ignore bool) (uint64, bool) {
	w := p.warn(ignore)
	if strings.HasPrefix(s, "-") {
		p.report(ClassInvalidNumber, "%snegative number '%s'", w, s)
		return 0, false
	}
	digits := s
	roundUp := false
	if dp := strings.IndexByte(s, '.'); dp >= 0 {
		frac := s[dp+1:]
		if len(frac) > shift {
			p.report(ClassInvalidNumber, "%snumber '%s' has too many decimal places", w, s)
			roundUp = frac[shift] >= '5'
			frac = frac[:shift]
		}
		digits = s[:dp] + frac + strings.Repeat("0", shift-len(frac))
	} else {
		digits += strings.Repeat("0", shift)
	}
	v, end, overflow := ctoul(digits)
	if roundUp {
		v++
	}
	switch {
	case end < len(digits):
		p.report(ClassInvalidNumber, "%sinvalid number '%s'", w, s)
	case overflow:
		p.report(ClassInvalidNumber, "%snumber '%s' outside unsigned decimal range", w, s)
		return v, false
	case v < min || v > max:
		unit := uint64(1)
		for i := 0; i < shift; i++ {
			unit *= 10
		}
		p.report(ClassInvalidNumber, "%snumber '%s' outside range [%s, %s]", w, s,
			fixed(min, unit, shift), fixed(max, unit, shift))
	default:
		return v, true
	}
	// This reader does not look at -t (lib/parser.c).
	return v, ignore && v >= min && v <= max
}

func fixed(v, unit uint64, shift int) string {
	return fmt.Sprintf("%d.%0*d", v/unit, shift, v%unit)
}

// timerMax is TIMER_MAXIMUM: the largest time read_timer() accepts when
// its caller gives no maximum.
const timerMax = math.MaxUint64 - 1

// readTimer is read_timer(): seconds with up to 6 decimal places, in
// microseconds; max 0 means no maximum.
func (p *pass) readTimer(s string, min, max uint64, ignore bool) (uint64, bool) {
	if max == 0 {
		max = timerMax
	}
	return p.readDecimal(s, min, max, 6, ignore)
}

// cWhite is keepalived's WHITE_SPACE: C's isspace() characters.
const cWhite = " \t\n\v\f\r"
