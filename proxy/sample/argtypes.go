package sample

// ArgType is the declared type of a keyword argument (ARGT_* in HAProxy 2.6,
// include/haproxy/arg-t.h).
type ArgType uint8

const (
	ArgStop ArgType = iota // end of arguments
	ArgSInt
	ArgStr
	ArgIPv4
	ArgMsk4 // parsed as an IPv4 mask, stored as ArgIPv4
	ArgIPv6
	ArgMsk6 // parsed as an IPv6 mask, stored as ArgIPv6
	ArgTime // parsed as a delay in ms, stored as ArgSInt
	ArgSize // parsed as a size, stored as ArgSInt
	ArgFE   // frontend name, resolved after parsing
	ArgBE   // backend name, resolved after parsing
	ArgTab  // stick-table name, resolved after parsing
	ArgSrv  // [backend/]server, resolved after parsing
	ArgUsr  // userlist name, resolved after parsing
	ArgMap  // map, loaded by the keyword's validator
	ArgReg  // regex, compiled after parsing
	ArgVar  // variable descriptor, set by validators from a string
	ArgPBufFNum
	numArgTypes
)

// argTypeNames returns the names of the argument types.
func argTypeNames() [numArgTypes]string {
	return [numArgTypes]string{
		"end of arguments", "integer", "string", "IPv4 address", "IPv4 mask",
		"IPv6 address", "IPv6 mask", "delay", "size", "frontend", "backend",
		"table", "server", "user list", "map", "regex", "variable",
		"Protocol buffers field number",
	}
}

// String is HAProxy's name of the type in messages (arg_type_names[]).
func (t ArgType) String() string {
	if t < numArgTypes {
		return argTypeNames()[t]
	}
	return "unknown"
}

// unresolved reports whether arguments of this type name an object that only
// exists once the whole configuration is read.
func (t ArgType) unresolved() bool {
	switch t {
	case ArgFE, ArgBE, ArgTab, ArgSrv, ArgUsr, ArgReg:
		return true
	}
	return false
}

// emptyOK reports whether an empty text is a valid value of the type:
// strings and names are, numbers and addresses are not.
func (t ArgType) emptyOK() bool {
	switch t {
	case ArgSInt, ArgIPv4, ArgMsk4, ArgIPv6, ArgMsk6, ArgTime, ArgSize, ArgPBufFNum:
		return false
	}
	return true
}

// ArgSpec declares a keyword's arguments: their types in order and how many
// are mandatory (HAProxy's arg_mask).
type ArgSpec struct {
	Types []ArgType
	Min   int
}

func args(min int, types ...ArgType) ArgSpec { return ArgSpec{Types: types, Min: min} }

// String renders the spec as `haproxy -dK` does: "string[,integer]".
func (s ArgSpec) String() string {
	out := ""
	for i, t := range s.Types {
		if i == s.Min && i > 0 {
			out += "[,"
		} else if i == s.Min {
			out += "["
		} else if i > 0 {
			out += ","
		}
		out += t.String()
	}
	if s.Min < len(s.Types) {
		out += "]"
	}
	return out
}
