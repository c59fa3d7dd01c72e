package sample

import "net/netip"

// Sample is a typed value flowing through an expression at request time
// (struct sample). Str holds Str, Bin and Meth data; Int holds SInt and
// Bool; Addr holds IPv4 and IPv6.
type Sample struct {
	Type Type
	Int  int64
	Str  []byte
	Addr netip.Addr
	// MayChange is set when the value may still change with more data
	// (SMP_F_MAY_CHANGE).
	MayChange bool
	// Const is set when Str points into bytes the sample does not own
	// (the request buffer, a variable, the configuration): a converter
	// that modifies the value copies it first (SMP_F_CONST).
	Const bool
	// NotLast is set by fetches that return several values when more
	// follow (SMP_F_NOT_LAST); ACL evaluation fetches again with the
	// same Sample to get the next one.
	NotLast bool
	// it is the fetch's iteration state between calls (smp->ctx).
	it [3]int
}

// Reset clears the sample, iteration state included.
func (s *Sample) Reset() { *s = Sample{} }

// setStr makes s a string sample pointing at b without copying.
func (s *Sample) setStr(b []byte, const_ bool) {
	s.Type, s.Str, s.Const = Str, b, const_
}

// setInt makes s an integer sample.
func (s *Sample) setInt(t Type, v int64) {
	s.Type, s.Int, s.Str, s.Const = t, v, nil, false
}
