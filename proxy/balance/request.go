package balance

import "net/netip"

// Request is what the hash algorithms read from a connection or request.
// Each algorithm reads only its own input; the rest may stay zero. Nothing
// is retained after Pick returns.
type Request struct {
	// Src is the client address ("balance source"). An invalid address
	// (a UNIX socket client) falls back to round robin. Pass it as the
	// socket gave it: an IPv4 client of an IPv6 listener is an IPv4-mapped
	// IPv6 address to HAProxy, and hashes differently from plain IPv4.
	Src netip.Addr
	// URI is the request target as received ("uri", "url_param").
	URI []byte
	// Post marks a POST request: "url_param" then also looks into Body
	// when the query string lacks the parameter.
	Post bool
	// Body is the part of the request body already received.
	Body []byte
	// Headers finds the header "hdr(<name>)" hashes.
	Headers HeaderLookup
	// Key is the hashed value for "hash <expr>" (the sample, converted to
	// binary) and "rdp-cookie" (the cookie's value); KeyFound says whether
	// the sample or cookie exists.
	Key      []byte
	KeyFound bool
}

// HeaderLookup finds request headers; the data plane's parsed request
// implements it, on a pointer receiver so that storing it in a Request
// does not allocate.
type HeaderLookup interface {
	// Header returns the value of the first header line whose name
	// matches name case-insensitively, and whether there is one.
	Header(name string) (value []byte, ok bool)
}
