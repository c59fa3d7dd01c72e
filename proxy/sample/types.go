package sample

// Type is a sample's data type (SMP_T_* in HAProxy 2.6, include/haproxy/sample-t.h).
type Type uint8

const (
	Any Type = iota // any type, resolved at run time (var(), debug)
	Bool
	SInt
	Addr // pseudo-type: IPv4 or IPv6
	IPv4
	IPv6
	Str
	Bin
	Meth
	numTypes
)

// String is HAProxy's name for the type (smp_to_type[]).
func (t Type) String() string {
	if t < numTypes {
		return [numTypes]string{"any", "bool", "sint", "addr", "ipv4", "ipv6", "str", "bin", "meth"}[t]
	}
	return "unknown"
}

// castable is 2.6's sample_casts matrix reduced to "is there a cast"
// (src/sample.c): castable[from][to]. Casts from Any are decided at run time.
// The rows were checked against haproxy 2.6.12 by chaining every output type
// into converters of every input type (addr converts to nothing in 2.6).
func castable() [numTypes][numTypes]bool {
	return [numTypes][numTypes]bool{
		//          any   bool   sint   addr   ipv4   ipv6   str    bin    meth
		Any:  {true, true, true, true, true, true, true, true, true},
		Bool: {true, true, true, false, false, false, true, true, false},
		SInt: {true, true, true, true, true, true, true, true, false},
		Addr: {true, false, false, false, false, false, false, false, false},
		IPv4: {true, false, true, true, true, true, true, true, false},
		IPv6: {true, false, false, true, true, true, true, true, false},
		Str:  {true, true, true, true, true, true, true, true, true},
		Bin:  {true, false, false, false, false, false, true, true, true},
		Meth: {true, false, false, false, false, false, true, true, true},
	}
}

// CanCast reports whether a sample of type from can feed something that
// expects type to, as HAProxy checks when chaining converters.
func CanCast(from, to Type) bool {
	if from >= numTypes || to >= numTypes {
		return false
	}
	return castable()[from][to]
}
