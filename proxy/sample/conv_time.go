package sample

import (
	"time"
)

// Date converters (configuration.txt §7.3.1 http_date, ltime, utime).

// convHTTPDate is http_date([offset[,unit]]): an IMF-fixdate.
func convHTTPDate(c *Ctx, a []Arg, s *Sample) bool {
	v := s.Int
	if a[0].Present {
		v += a[0].Int
	}
	unit := ""
	if a[1].Present {
		unit = a[1].Str
	}
	var t time.Time
	switch unit {
	case "ms":
		t = time.UnixMilli(v)
	case "us":
		t = time.UnixMicro(v)
	default:
		t = time.Unix(v, 0)
	}
	s.setStr(t.UTC().AppendFormat(c.Trash(), "Mon, 02 Jan 2006 15:04:05 GMT"), false)
	return true
}

// convStrftime is ltime/utime(format[,offset]): strftime() of the input
// seconds in local time or UTC.
func convStrftime(utc bool) ConvFunc {
	return func(c *Ctx, a []Arg, s *Sample) bool {
		v := s.Int
		if a[1].Present {
			v += a[1].Int
		}
		t := time.Unix(v, 0)
		if utc {
			t = t.UTC()
		} else {
			t = t.Local()
		}
		s.setStr(appendStrftime(c.Trash(), a[0].Str, t, utc), false)
		return true
	}
}

// appendStrftime formats t as strftime(3) in the C locale does, for the
// conversions logs and headers use.
func appendStrftime(dst []byte, f string, t time.Time, utc bool) []byte {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			dst = append(dst, f[i])
			continue
		}
		i++
		switch f[i] {
		case 'a':
			dst = t.AppendFormat(dst, "Mon")
		case 'A':
			dst = t.AppendFormat(dst, "Monday")
		case 'b', 'h':
			dst = t.AppendFormat(dst, "Jan")
		case 'B':
			dst = t.AppendFormat(dst, "January")
		case 'c':
			dst = t.AppendFormat(dst, "Mon Jan _2 15:04:05 2006")
		case 'C':
			dst = append2(dst, t.Year()/100)
		case 'd':
			dst = append2(dst, t.Day())
		case 'D':
			dst = t.AppendFormat(dst, "01/02/06")
		case 'e':
			dst = t.AppendFormat(dst, "_2")
		case 'F':
			dst = t.AppendFormat(dst, "2006-01-02")
		case 'H':
			dst = append2(dst, t.Hour())
		case 'I':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			dst = append2(dst, h)
		case 'j':
			d := t.YearDay()
			dst = append(dst, byte('0'+d/100), byte('0'+d/10%10), byte('0'+d%10))
		case 'm':
			dst = append2(dst, int(t.Month()))
		case 'M':
			dst = append2(dst, t.Minute())
		case 'n':
			dst = append(dst, '\n')
		case 'p':
			dst = t.AppendFormat(dst, "PM")
		case 'r':
			dst = t.AppendFormat(dst, "03:04:05 PM")
		case 'R':
			dst = t.AppendFormat(dst, "15:04")
		case 's':
			dst = itoaBytes(dst, t.Unix())
		case 'S':
			dst = append2(dst, t.Second())
		case 't':
			dst = append(dst, '\t')
		case 'T':
			dst = t.AppendFormat(dst, "15:04:05")
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			dst = append(dst, byte('0'+wd))
		case 'w':
			dst = append(dst, byte('0'+int(t.Weekday())))
		case 'y':
			dst = append2(dst, t.Year()%100)
		case 'Y':
			dst = itoaBytes(dst, int64(t.Year()))
		case 'z':
			dst = t.AppendFormat(dst, "-0700")
		case 'Z':
			if utc {
				dst = append(dst, "GMT"...)
			} else {
				dst = t.AppendFormat(dst, "MST")
			}
		case '%':
			dst = append(dst, '%')
		default:
			dst = append(dst, '%', f[i])
		}
	}
	return dst
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10%10), byte('0'+v%10))
}
