package sample

import (
	"strconv"
)

// json_query(<json_path>[,<output_type>]) (configuration.txt 7.3.1):
// src/sample.c's sample_conv_json_query over mjson's mjson_find. The
// path is "$" followed by ".key" and "[index]" steps; a number comes out
// as an integer with "int" (strtoll), else as a string printed with
// "%g"; true and false as booleans; a string unescaped (mjson only knows
// \u00XX, and not \/); null, objects and arrays, and anything not
// found, fail.

// jsonKind is the kind of a JSON value mjson_find reports.
type jsonKind uint8

const (
	jsonInvalid jsonKind = iota
	jsonString
	jsonNumber
	jsonTrue
	jsonFalse
	jsonNull
	jsonObject
	jsonArray
)

func convJSONQuery(c *Ctx, a []Arg, s *Sample) bool {
	path := a[0].Str
	if path == "" || path[0] != '$' {
		return false
	}
	j := jsonScan{doc: s.Str}
	kind, tok := j.find(path[1:])
	switch kind {
	case jsonNumber:
		if a[1].Present && a[1].Str == "int" {
			v, ok := strtollPrefix(tok)
			if !ok {
				return false
			}
			s.setInt(SInt, v)
			return true
		}
		f, ok := strtodPrefix(tok)
		if !ok {
			return false
		}
		t := strconv.AppendFloat(c.Trash(), f, 'g', 6, 64)
		s.setStr(t, false)
		return true
	case jsonTrue:
		s.setInt(Bool, 1)
		return true
	case jsonFalse:
		s.setInt(Bool, 0)
		return true
	case jsonString:
		t, ok := jsonUnescape(c.Trash(), tok[1:len(tok)-1], c.BufSize())
		if !ok {
			return false
		}
		s.setStr(t, false)
		return true
	}
	return false
}

// strtollPrefix reads the integer at the start of b as strtoll(b, NULL,
// 0) does on a JSON number (decimal digits, an optional minus); an
// overflow (ERANGE) fails.
func strtollPrefix(b []byte) (int64, bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == i {
		return 0, true
	}
	v, err := strconv.ParseInt(string(b[:j]), 10, 64)
	return v, err == nil
}

// strtodPrefix reads a JSON number as strtod does.
func strtodPrefix(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// jsonUnescape is mjson_unescape: the short escapes and \u00XX; any
// other \u escape, or a result longer than max, fails.
func jsonUnescape(t, in []byte, max int) ([]byte, bool) {
	for i := 0; i < len(in); i++ {
		ch := in[i]
		if ch == '\\' && i+5 < len(in) && in[i+1] == 'u' {
			if in[i+2] != '0' || in[i+3] != '0' {
				return nil, false
			}
			hi, ok1 := unhexDigit(in[i+4])
			lo, ok2 := unhexDigit(in[i+5])
			if !ok1 || !ok2 {
				return nil, false
			}
			t = append(t, hi<<4|lo)
			i += 5
		} else if ch == '\\' && i+1 < len(in) {
			var e byte
			switch in[i+1] {
			case 'b':
				e = '\b'
			case 'f':
				e = '\f'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 't':
				e = '\t'
			case '\\', '"': // not '/': mjson_esc does not know it
				e = in[i+1]
			default:
				return nil, false
			}
			t = append(t, e)
			i++
		} else {
			t = append(t, ch)
		}
		if len(t) >= max {
			return nil, false
		}
	}
	return t, true
}

func unhexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// jsonScan walks a JSON document along a path, the way mjson's
// tokenizer with mjson_find's callback does: it stops as soon as the
// value is found (what follows is not checked).
type jsonScan struct {
	doc []byte
	pos int
}

func (j *jsonScan) ws() {
	for j.pos < len(j.doc) {
		switch j.doc[j.pos] {
		case ' ', '\t', '\r', '\n':
			j.pos++
		default:
			return
		}
	}
}

// find reads the value at j.pos and follows path (what is left after
// "$") into it.
func (j *jsonScan) find(path string) (jsonKind, []byte) {
	j.ws()
	if j.pos >= len(j.doc) {
		return jsonInvalid, nil
	}
	if path == "" {
		start := j.pos
		k := j.skip()
		if k == jsonInvalid {
			return jsonInvalid, nil
		}
		return k, j.doc[start:j.pos]
	}
	switch {
	case path[0] == '.' && j.doc[j.pos] == '{':
		key, rest := pathKey(path[1:])
		j.pos++
		for {
			j.ws()
			if j.pos < len(j.doc) && j.doc[j.pos] == '}' {
				return jsonInvalid, nil
			}
			ks := j.pos
			if j.skip() != jsonString {
				return jsonInvalid, nil
			}
			name := j.doc[ks+1 : j.pos-1]
			j.ws()
			if j.pos >= len(j.doc) || j.doc[j.pos] != ':' {
				return jsonInvalid, nil
			}
			j.pos++
			if string(name) == key {
				return j.find(rest)
			}
			if j.skip() == jsonInvalid || !j.next() {
				return jsonInvalid, nil
			}
		}
	case path[0] == '[' && j.doc[j.pos] == '[':
		end := 1
		for end < len(path) && path[end] != ']' {
			end++
		}
		n, _ := strtollPrefix([]byte(path[1:end]))
		rest := ""
		if end < len(path) {
			rest = path[end+1:]
		}
		j.pos++
		for i := int64(0); ; i++ {
			j.ws()
			if j.pos < len(j.doc) && j.doc[j.pos] == ']' {
				return jsonInvalid, nil
			}
			if i == n {
				return j.find(rest)
			}
			if j.skip() == jsonInvalid || !j.next() {
				return jsonInvalid, nil
			}
		}
	}
	return jsonInvalid, nil
}

// next steps over the comma after a member; at the closing bracket it
// fails (nothing more to look at).
func (j *jsonScan) next() bool {
	j.ws()
	if j.pos < len(j.doc) && j.doc[j.pos] == ',' {
		j.pos++
		return true
	}
	return false
}

// pathKey cuts a ".key" step's key: up to the next '.' or '['.
func pathKey(p string) (key, rest string) {
	for i := 0; i < len(p); i++ {
		if p[i] == '.' || p[i] == '[' {
			return p[:i], p[i:]
		}
	}
	return p, ""
}

// skip reads one value and says what it was.
func (j *jsonScan) skip() jsonKind {
	j.ws()
	if j.pos >= len(j.doc) {
		return jsonInvalid
	}
	d := j.doc
	switch c := d[j.pos]; {
	case c == '"':
		for i := j.pos + 1; i < len(d); i++ {
			switch d[i] {
			case '\\':
				i++
			case '"':
				j.pos = i + 1
				return jsonString
			}
		}
		return jsonInvalid
	case c == '{' || c == '[':
		closing, kind := byte('}'), jsonObject
		if c == '[' {
			closing, kind = ']', jsonArray
		}
		j.pos++
		j.ws()
		if j.pos < len(d) && d[j.pos] == closing {
			j.pos++
			return kind
		}
		for {
			if c == '{' {
				if j.skip() != jsonString {
					return jsonInvalid
				}
				j.ws()
				if j.pos >= len(d) || d[j.pos] != ':' {
					return jsonInvalid
				}
				j.pos++
			}
			if j.skip() == jsonInvalid {
				return jsonInvalid
			}
			j.ws()
			if j.pos >= len(d) {
				return jsonInvalid
			}
			if d[j.pos] == closing {
				j.pos++
				return kind
			}
			if d[j.pos] != ',' {
				return jsonInvalid
			}
			j.pos++
		}
	case c == '-' || (c >= '0' && c <= '9'):
		i := j.pos + 1
		for i < len(d) && (d[i] >= '0' && d[i] <= '9' || d[i] == '.' || d[i] == 'e' || d[i] == 'E' || d[i] == '+' || d[i] == '-') {
			i++
		}
		j.pos = i
		return jsonNumber
	}
	for _, w := range [...]struct {
		lit  string
		kind jsonKind
	}{{"true", jsonTrue}, {"false", jsonFalse}, {"null", jsonNull}} {
		if len(d)-j.pos >= len(w.lit) && string(d[j.pos:j.pos+len(w.lit)]) == w.lit {
			j.pos += len(w.lit)
			return w.kind
		}
	}
	return jsonInvalid
}
