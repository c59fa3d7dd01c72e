package stats

import "strconv"

// AppendInfo appends "show info": "Name: value" per non-empty field, with
// ':"description"' after each value with desc.
func AppendInfo(b []byte, v *[NumInfo]Value, desc bool) []byte {
	for i := range v {
		if v[i].Kind == Empty {
			continue
		}
		b = append(b, Info(i).Name()...)
		b = append(b, ": "...)
		b = v[i].AppendRaw(b)
		if desc {
			b = append(b, ":\""...)
			b = append(b, Info(i).Desc()...)
			b = append(b, '"')
		}
		b = append(b, '\n')
	}
	return b
}

// AppendInfoTyped appends "show info typed": "pos.Name.proc:tags:type:value".
func AppendInfoTyped(b []byte, v *[NumInfo]Value, desc bool) []byte {
	for i := range v {
		if v[i].Kind == Empty {
			continue
		}
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, '.')
		b = append(b, Info(i).Name()...)
		b = append(b, ".1:"...)
		b = appendTypedValue(b, &v[i])
		if desc {
			b = append(b, ":\""...)
			b = append(b, Info(i).Desc()...)
			b = append(b, '"')
		}
		b = append(b, '\n')
	}
	return b
}

// AppendInfoJSON appends "show info json" (stats_dump_json_info_fields()).
func AppendInfoJSON(b []byte, v *[NumInfo]Value) []byte {
	b = append(b, '[')
	started := false
	for i := range v {
		if v[i].Kind == Empty {
			continue
		}
		if started {
			b = append(b, ',')
		}
		started = true
		b = append(b, `{"field":{"pos":`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `,"name":"`...)
		b = append(b, Info(i).Name()...)
		b = append(b, `"},"processNum":1,`...)
		var ok bool
		if b, ok = appendJSONTagsValue(b, &v[i]); !ok {
			return append(b[:0], `{"errorStr":"output buffer too short"}`...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
