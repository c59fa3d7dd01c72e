package sample

import "net/netip"

// Arg is one parsed keyword argument (struct arg). Type is the stored type:
// delays and sizes become ArgSInt, masks become ArgIPv4/ArgIPv6, and names
// to resolve keep their declared type with Unresolved set.
type Arg struct {
	Type ArgType
	// Str is the text of string arguments and of names to resolve
	// (backend, table, [backend/]server, userlist, regex).
	Str string
	// Int is the value of integer, delay and size arguments.
	Int int64
	// Addr is the value of address and mask arguments; Bits is a mask's
	// prefix length when it is a contiguous mask (else -1).
	Addr netip.Addr
	Bits int
	// Fields is a Protocol Buffers field path ("1.2.3").
	Fields []uint32
	// Var is set by validators that turn a string into a variable.
	Var *Var
	// Map is the map a map_* converter loaded (see MapLoader).
	Map any
	// Unresolved marks a name that Refs.Resolve checks after parsing.
	Unresolved bool
	// Present is false for an optional argument that was not given (the
	// zero ARGT_STOP entries HAProxy leaves after the last argument).
	Present bool
}
