package proxyproto

import (
	"errors"
	"net/netip"
)

// Command is the v2 command (v1 headers are always CmdProxy, or CmdLocal
// for "UNKNOWN").
type Command uint8

const (
	// CmdLocal: the connection was made by the proxy itself (health
	// checks); the addresses of the socket are kept.
	CmdLocal Command = iota
	// CmdProxy: the connection is relayed for the client in Src.
	CmdProxy
)

// Header is a decoded PROXY protocol header.
type Header struct {
	// Version is 1 or 2.
	Version int
	Command Command
	// Src and Dst are the client and the address it connected to. They
	// are invalid when the header carries none (LOCAL, "UNKNOWN", or a
	// v2 family other than TCP over IPv4/IPv6): the socket's addresses
	// then stand.
	Src, Dst netip.AddrPort
	// Authority is the PP2_TYPE_AUTHORITY TLV (the client's SNI), and
	// UniqueID the PP2_TYPE_UNIQUE_ID TLV; both alias the buffer given to
	// Parse.
	Authority []byte
	UniqueID  []byte
}

// Errors, one per connection error code HAProxy logs for a PROXY header
// (CO_ER_PRX_* in include/haproxy/connection-t.h).
var (
	// ErrTruncated: the header did not arrive in one piece. HAProxy peeks
	// at the socket and never waits for the rest of a header.
	ErrTruncated = errors.New("truncated PROXY protocol header received")
	// ErrNotHeader: the bytes are not a PROXY header at all.
	ErrNotHeader = errors.New("received something which does not look like a PROXY protocol header")
	// ErrBadHeader: a PROXY header whose fields are wrong.
	ErrBadHeader = errors.New("received an invalid PROXY protocol header")
	// ErrBadProto: a v1 header naming another protocol than TCP4, TCP6
	// or UNKNOWN.
	ErrBadProto = errors.New("received an unknown PROXY protocol command")
	// ErrEmpty: the client closed before sending anything.
	ErrEmpty = errors.New("connection closed while waiting for PROXY protocol header")
	// ErrAbort: the socket failed while the header was being consumed.
	ErrAbort = errors.New("connection error while reading PROXY protocol header")
)

// Signature is the 12 bytes a v2 header starts with.
const Signature = "\r\n\r\n\x00\r\nQUIT\n"

// v2 constants (include/haproxy/connection-t.h).
const (
	v2HeaderLen   = 16 // PP2_HEADER_LEN
	v2AddrLenInet = 12 // PP2_ADDR_LEN_INET
	v2AddrLenIPv6 = 36 // PP2_ADDR_LEN_INET6
	tlvHeaderLen  = 3

	typeALPN      = 0x01
	typeAuthority = 0x02
	typeCRC32C    = 0x03
	typeUniqueID  = 0x05
	typeNetNS     = 0x30

	authorityMax = 255 // PP2_AUTHORITY_MAX
	uniqueIDMax  = 128 // UNIQUEID_LEN
)
