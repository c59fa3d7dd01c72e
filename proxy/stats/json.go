package stats

import "strconv"

// originName, natureName and scopeName are the JSON names of the
// tags' letters.
func originName(c byte) string {
	switch c {
	case 'M':
		return "Metric"
	case 'S':
		return "Status"
	case 'K':
		return "Key"
	case 'C':
		return "Config"
	case 'P':
		return "Product"
	}
	return "Unknown"
}

func natureName(c byte) string {
	switch c {
	case 'G':
		return "Gauge"
	case 'L':
		return "Limit"
	case 'm':
		return "Min"
	case 'M':
		return "Max"
	case 'R':
		return "Rate"
	case 'C':
		return "Counter"
	case 'D':
		return "Duration"
	case 'A':
		return "Age"
	case 'T':
		return "Time"
	case 'N':
		return "Name"
	case 'O':
		return "Output"
	case 'a':
		return "Avg"
	}
	return "Unknown"
}

func scopeName(c byte) string {
	switch c {
	case 'P':
		return "Process"
	case 'S':
		return "Service"
	case 's':
		return "System"
	case 'C':
		return "Cluster"
	}
	return "Unknown"
}

// jsonIntMax bounds the integers JSON carries (RFC 7159 section 6);
// larger ones are left out, as 2.6 does.
const jsonIntMax = 1<<53 - 1

// appendJSONTagsValue appends `"tags":{...},"value":{...}` and reports
// whether the value could be written.
func appendJSONTagsValue(b []byte, v *Value) ([]byte, bool) {
	b = append(b, `"tags":{"origin":"`...)
	b = append(b, originName(v.Tags[0])...)
	b = append(b, `","nature":"`...)
	b = append(b, natureName(v.Tags[1])...)
	b = append(b, `","scope":"`...)
	b = append(b, scopeName(v.Tags[2])...)
	b = append(b, `"},"value":{"type":"`...)
	b = append(b, v.Kind.String()...)
	b = append(b, `","value":`...)
	switch v.Kind {
	case S64:
		if n := int64(v.n); n < -jsonIntMax || n > jsonIntMax {
			return b, false
		}
		b = strconv.AppendInt(b, int64(v.n), 10)
	case S32:
		b = strconv.AppendInt(b, int64(v.n), 10)
	case U64:
		if v.n > jsonIntMax {
			return b, false
		}
		b = strconv.AppendUint(b, v.n, 10)
	case U32:
		b = strconv.AppendUint(b, v.n, 10)
	case Flt:
		b = appendFloat(b, v.f)
	case Str:
		// 2.6 writes strings as they are, without JSON escaping
		b = append(b, '"')
		b = append(b, v.s...)
		b = append(b, '"')
	}
	return append(b, '}'), true
}

// AppendJSON appends a row as a JSON array of its non-empty fields
// (stats_dump_fields_json()); rows after the first are preceded by a
// comma.
func AppendJSON(b []byte, r *Row, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '[')
	obj := r.Type().jsonName()
	iid, sid := r.IID(), r.SID()
	started := false
	for f := 0; f < NumFields; f++ {
		v := &r.V[f]
		if v.Kind == Empty {
			continue
		}
		if started {
			b = append(b, ',')
		}
		started = true
		b = append(b, `{"objType":"`...)
		b = append(b, obj...)
		b = append(b, `","proxyId":`...)
		b = strconv.AppendUint(b, uint64(iid), 10)
		b = append(b, `,"id":`...)
		b = strconv.AppendUint(b, uint64(sid), 10)
		b = append(b, `,"field":{"pos":`...)
		b = strconv.AppendInt(b, int64(f), 10)
		b = append(b, `,"name":"`...)
		b = append(b, Field(f).Name()...)
		b = append(b, `"},"processNum":1,`...)
		var ok bool
		if b, ok = appendJSONTagsValue(b, v); !ok {
			return append(b[:0], `{"errorStr":"output buffer too short"}`...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
