package sample

// TimeUnit is the unit a duration is returned in (TIME_UNIT_*).
type TimeUnit uint8

const (
	UnitUS TimeUnit = iota
	UnitMS
	UnitS
	UnitMin
	UnitHour
	UnitDay
)

// TimeStatus tells how ParseDuration went; HAProxy's callers word each
// failure differently (parse_time_err's return value).
type TimeStatus uint8

const (
	TimeOK        TimeStatus = iota
	TimeBadChar              // At is the offset of the unexpected character
	TimeOverflow             // PARSE_TIME_OVER: does not fit 32 bits in the unit
	TimeUnderflow            // PARSE_TIME_UNDER: non-zero but rounds to zero
)

// Duration is the outcome of ParseDuration.
type Duration struct {
	Value  uint32
	Status TimeStatus
	At     int
	// Trailing is set when characters follow a valid unit: 2.6 only warns
	// ("unexpected character 'x' after the timer value ...").
	Trailing bool
}

// ParseDuration is HAProxy's parse_time_err: decimal digits then an
// optional unit (us, ms, s, m, h, d; none means the output unit), converted
// to out and rounded up (configuration.txt §2.5 "Time format").
func ParseDuration(s string, out TimeUnit) Duration {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return Duration{Status: TimeBadChar}
	}
	var omult, odiv uint64 = 1, 1
	switch out {
	case UnitUS:
		omult = 1000000
	case UnitMS:
		omult = 1000
	case UnitMin:
		odiv = 60
	case UnitHour:
		odiv = 3600
	case UnitDay:
		odiv = 86400
	}
	i := 0
	var value uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		value = value*10 + uint64(s[i]-'0')
		i++
	}
	var imult, idiv uint64 = 1, 1
	var d Duration
	if i == len(s) {
		imult, omult, idiv, odiv = 1, 1, 1, 1
	} else {
		switch s[i] {
		case 's':
		case 'u':
			if i+1 < len(s) && s[i+1] == 's' {
				idiv = 1000000
				i++
				break
			}
			return Duration{Status: TimeBadChar, At: i}
		case 'm':
			if i+1 < len(s) && s[i+1] == 's' {
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
			return Duration{Status: TimeBadChar, At: i}
		}
		i++
		if i < len(s) {
			d.Trailing, d.At = true, i
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
	if result >= 1<<32 {
		return Duration{Status: TimeOverflow}
	}
	if result == 0 && value != 0 {
		return Duration{Status: TimeUnderflow}
	}
	d.Value = uint32(result)
	return d
}

// ParseTime parses a duration in milliseconds for argument lists, where any
// failure is a parse error.
func ParseTime(s string) (uint32, bool) {
	d := ParseDuration(s, UnitMS)
	return d.Value, d.Status == TimeOK
}
