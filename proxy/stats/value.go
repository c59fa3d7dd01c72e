package stats

import "strconv"

// Kind is a value's format (enum field_format, FF_*). Empty values are
// printed as nothing in CSV and left out of the typed and JSON forms.
type Kind uint8

const (
	Empty Kind = iota
	S32
	S64
	U32
	U64
	Str
	Flt
)

// Tags are a value's origin, nature and scope as the one-letter codes
// of the typed output (section 9.3, "show info typed"): origin M(etric),
// S(tatus), K(ey), C(onfig), P(roduct); nature G(auge), L(imit), m(in),
// M(ax), R(ate), C(ounter), D(uration), A(ge), T(ime), N(ame), O(utput),
// a(vg); scope P(rocess), S(ervice), s(ystem), C(luster).
type Tags string

// T makes Tags from their three letters, "MGP" for instance.
func T(s string) Tags { return Tags(s) }

// Value is one field of a stats row or of "show info" (struct field).
type Value struct {
	Kind Kind
	Tags Tags
	// n holds integers (signed ones in two's complement), s strings.
	n uint64
	s string
	f float64
}

// U32v and the other constructors make a value of each kind.
func U32v(t Tags, v uint32) Value  { return Value{Kind: U32, Tags: t, n: uint64(v)} }
func U64v(t Tags, v uint64) Value  { return Value{Kind: U64, Tags: t, n: v} }
func S32v(t Tags, v int32) Value   { return Value{Kind: S32, Tags: t, n: uint64(int64(v))} }
func S64v(t Tags, v int64) Value   { return Value{Kind: S64, Tags: t, n: uint64(v)} }
func Strv(t Tags, v string) Value  { return Value{Kind: Str, Tags: t, s: v} }
func Fltv(t Tags, v float64) Value { return Value{Kind: Flt, Tags: t, f: v} }

// Uint is the value as an unsigned integer (0 for strings and empty
// values), as HAProxy reads u.u32/u.u64 whatever the field holds.
func (v Value) Uint() uint64 {
	switch v.Kind {
	case S32, S64, U32, U64:
		return v.n
	}
	return 0
}

// Int is the value as a signed integer.
func (v Value) Int() int64 { return int64(v.n) }

// Text is the string of a string value, "" otherwise.
func (v Value) Text() string {
	if v.Kind == Str {
		return v.s
	}
	return ""
}

// Float is the value of a float field.
func (v Value) Float() float64 { return v.f }

// IsEmpty reports an empty value.
func (v Value) IsEmpty() bool { return v.Kind == Empty }

// KindName is the typed output's type word ("u32", "str"...).
func (v Value) KindName() string { return v.Kind.String() }

// String is the kind's name in the typed and JSON outputs.
func (k Kind) String() string {
	switch k {
	case S32:
		return "s32"
	case S64:
		return "s64"
	case U32:
		return "u32"
	case U64:
		return "u64"
	case Str:
		return "str"
	case Flt:
		return "flt"
	}
	return ""
}

// AppendRaw appends the value as CSV and "show info" print it
// (stats_emit_raw_data_field without the CSV quoting).
func (v Value) AppendRaw(b []byte) []byte {
	switch v.Kind {
	case S32, S64:
		return strconv.AppendInt(b, int64(v.n), 10)
	case U32, U64:
		return strconv.AppendUint(b, v.n, 10)
	case Str:
		return append(b, v.s...)
	case Flt:
		return appendFloat(b, v.f)
	}
	return b
}

// appendFloat prints a float as 2.6 does: "%f", then without the
// trailing zeros and dot (flt_trim()).
func appendFloat(b []byte, f float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', 6, 64)
	end := len(b)
	for end > start && b[end-1] == '0' {
		end--
	}
	if end > start && b[end-1] == '.' {
		end--
	}
	return b[:end]
}

// String is the raw form of the value.
func (v Value) String() string { return string(v.AppendRaw(nil)) }
