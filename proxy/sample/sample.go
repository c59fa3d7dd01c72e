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
}
