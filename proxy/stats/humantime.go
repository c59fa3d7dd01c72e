package stats

import "strconv"

// HumanTime is 2.6's human_time(t, 1): at most the two largest non-zero
// units of days, hours, minutes and seconds ("3d5h", "1h", "2m5s"),
// "0s" for zero and "?" for a negative time.
func HumanTime(t int64) string {
	if t < 0 {
		return "?"
	}
	const minute, hour, day = 60, 3600, 86400
	var b []byte
	cnt := 2
	if t >= day {
		b = strconv.AppendInt(b, t/day, 10)
		b = append(b, 'd')
		cnt--
	}
	if cnt > 0 && t%day/hour != 0 {
		b = strconv.AppendInt(b, t%day/hour, 10)
		b = append(b, 'h')
		cnt--
	}
	if cnt > 0 && t%hour/minute != 0 {
		b = strconv.AppendInt(b, t%hour/minute, 10)
		b = append(b, 'm')
		cnt--
	}
	if (cnt > 0 && t%minute != 0) || t == 0 {
		b = strconv.AppendInt(b, t%minute, 10)
		b = append(b, 's')
	}
	return string(b)
}
