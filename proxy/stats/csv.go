package stats

import "strings"

// AppendCSVHeader appends the "# pxname,svname,..." line (section 9.1):
// every field followed by a comma, a "-" column after the standard
// fields to mark where the modules' fields start.
func AppendCSVHeader(b []byte) []byte {
	b = append(b, "# "...)
	for f := 0; f < NumFields; f++ {
		b = append(b, Field(f).Name()...)
		b = append(b, ',')
		if f+1 == NumStdFields {
			b = append(b, "-,"...)
		}
	}
	return append(b, '\n')
}

// AppendCSV appends a row as one CSV line (stats_dump_fields_csv()).
func AppendCSV(b []byte, r *Row) []byte {
	for f := 0; f < NumFields; f++ {
		v := &r.V[f]
		if v.Kind == Str {
			b = appendCSVString(b, v.s)
		} else {
			b = v.AppendRaw(b)
		}
		b = append(b, ',')
		if f+1 == NumStdFields {
			b = append(b, "-,"...)
		}
	}
	return append(b, '\n')
}

// appendCSVString is csv_enc_append() in automatic mode on one line: a
// string holding a comma, a quote or a line break is quoted, its quotes
// doubled and its line breaks turned into spaces.
func appendCSVString(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\n\r,\"") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b = append(b, '"', '"')
		case '\n', '\r':
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
