package stats

import "strconv"

// AppendTyped appends a row in the typed form, one line per non-empty
// field: "F.iid.sid.pos.name.proc:tags:type:value", followed by
// ':"description"' with desc (stats_dump_fields_typed(), section 9.3
// "show stat typed").
func AppendTyped(b []byte, r *Row, desc bool) []byte {
	obj := r.Type().letter()
	iid, sid := r.IID(), r.SID()
	for f := 0; f < NumFields; f++ {
		v := &r.V[f]
		if v.Kind == Empty {
			continue
		}
		b = append(b, obj, '.')
		b = strconv.AppendUint(b, uint64(iid), 10)
		b = append(b, '.')
		b = strconv.AppendUint(b, uint64(sid), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(f), 10)
		b = append(b, '.')
		b = append(b, Field(f).Name()...)
		b = append(b, ".1:"...)
		b = appendTypedValue(b, v)
		if desc {
			b = append(b, ":\""...)
			b = append(b, Field(f).Desc()...)
			b = append(b, '"')
		}
		b = append(b, '\n')
	}
	return b
}

// appendTypedValue appends "tags:type:value".
func appendTypedValue(b []byte, v *Value) []byte {
	b = append(b, v.Tags[0], v.Tags[1], v.Tags[2], ':')
	b = append(b, v.Kind.String()...)
	b = append(b, ':')
	return v.AppendRaw(b)
}
