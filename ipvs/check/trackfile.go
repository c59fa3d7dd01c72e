package check

import (
	"math"
	"os"
	"strconv"
	"strings"
)

// TrackFile reads a track_file as process_track_file() does: the number
// at the start of its first 127 bytes (decimal, 0x hex or 0 octal, as
// strtol base 0), 0 when the file is missing, empty or holds no number.
// A number out of the int32 range (up to 2^31 allowed) is refused: ok is
// false, and keepalived keeps the previous value.
func TrackFile(path string) (v int64, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, true
	}
	defer f.Close()
	buf := make([]byte, 127)
	n, _ := f.Read(buf)
	if n <= 0 {
		return 0, true
	}
	v, rangeErr := strtol(string(buf[:n]))
	if rangeErr || v < math.MinInt32 || v > math.MaxInt32+1 {
		return v, false
	}
	return v, true
}

// strtol is strtol(s, NULL, 0): leading blanks, a sign, a base prefix,
// the longest run of digits; overflow clamps and is reported.
func strtol(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isDigit(s[2], 16):
		base, s = 16, s[2:]
	case len(s) > 0 && s[0] == '0':
		base = 8
	}
	i := 0
	for i < len(s) && isDigit(s[i], base) {
		i++
	}
	if i == 0 {
		return 0, false
	}
	u, err := strconv.ParseUint(s[:i], base, 64)
	if err != nil || u > math.MaxInt64 {
		if neg {
			return math.MinInt64, true
		}
		return math.MaxInt64, true
	}
	if neg {
		return -int64(u), false
	}
	return int64(u), false
}

func isDigit(c byte, base int) bool {
	var d int
	switch {
	case c >= '0' && c <= '9':
		d = int(c - '0')
	case c >= 'a' && c <= 'z':
		d = int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		d = int(c-'A') + 10
	default:
		return false
	}
	return d < base
}
