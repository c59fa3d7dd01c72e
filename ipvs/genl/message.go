// Package genl is a small generic netlink layer: message framing, the
// attribute encoding, request/ack/dump handling, family resolution, and a
// Socket interface so that tests can put a fake kernel behind it.
//
// The formats are netlink(7), include/uapi/linux/netlink.h and
// include/uapi/linux/genetlink.h.
package genl

import (
	"encoding/binary"
	"fmt"
)

// Netlink message types and flags (include/uapi/linux/netlink.h).
const (
	TypeNoop  = 0x1
	TypeError = 0x2
	TypeDone  = 0x3

	FlagRequest = 0x1
	FlagMulti   = 0x2
	FlagAck     = 0x4
	FlagRoot    = 0x100
	FlagMatch   = 0x200
	FlagDump    = FlagRoot | FlagMatch
	FlagExcl    = 0x200 // with NEW requests
	FlagCreate  = 0x400
	FlagCapped  = 0x100 // on NLMSG_ERROR: the echoed request was trimmed

	// HeaderLen is sizeof(struct nlmsghdr); GenlHeaderLen is
	// sizeof(struct genlmsghdr).
	HeaderLen     = 16
	GenlHeaderLen = 4
)

// Header is struct nlmsghdr.
type Header struct {
	Len   uint32
	Type  uint16
	Flags uint16
	Seq   uint32
	PID   uint32
}

// Message is one generic netlink message: the netlink header, the generic
// header (command, version) and the attributes as raw bytes.
type Message struct {
	Header  Header
	Command uint8
	Version uint8
	Attrs   []byte
}

// Marshal encodes m, setting Header.Len.
func (m *Message) Marshal() []byte {
	n := HeaderLen + GenlHeaderLen + len(m.Attrs)
	b := make([]byte, HeaderLen+GenlHeaderLen, align(n))
	m.Header.Len = uint32(n)
	putHeader(b, m.Header)
	b[16] = m.Command
	b[17] = m.Version
	b = append(b, m.Attrs...)
	return b[:align(n)]
}

func putHeader(b []byte, h Header) {
	binary.NativeEndian.PutUint32(b[0:], h.Len)
	binary.NativeEndian.PutUint16(b[4:], h.Type)
	binary.NativeEndian.PutUint16(b[6:], h.Flags)
	binary.NativeEndian.PutUint32(b[8:], h.Seq)
	binary.NativeEndian.PutUint32(b[12:], h.PID)
}

// Raw is one netlink message split into header and payload.
type Raw struct {
	Header  Header
	Payload []byte
}

// SplitMessages splits a buffer read from a netlink socket into messages.
func SplitMessages(b []byte) ([]Raw, error) {
	var out []Raw
	for len(b) > 0 {
		if len(b) < HeaderLen {
			return nil, fmt.Errorf("netlink: %d trailing bytes", len(b))
		}
		h := Header{
			Len:   binary.NativeEndian.Uint32(b[0:]),
			Type:  binary.NativeEndian.Uint16(b[4:]),
			Flags: binary.NativeEndian.Uint16(b[6:]),
			Seq:   binary.NativeEndian.Uint32(b[8:]),
			PID:   binary.NativeEndian.Uint32(b[12:]),
		}
		if h.Len < HeaderLen || int(h.Len) > len(b) {
			return nil, fmt.Errorf("netlink: message length %d out of range (%d bytes left)", h.Len, len(b))
		}
		out = append(out, Raw{Header: h, Payload: b[HeaderLen:h.Len]})
		b = b[min(len(b), align(int(h.Len))):]
	}
	return out, nil
}

// ParseGeneric reads the generic netlink header of a raw message.
func ParseGeneric(r Raw) (Message, error) {
	if len(r.Payload) < GenlHeaderLen {
		return Message{}, fmt.Errorf("netlink: generic message of %d bytes", len(r.Payload))
	}
	return Message{Header: r.Header, Command: r.Payload[0], Version: r.Payload[1], Attrs: r.Payload[GenlHeaderLen:]}, nil
}

// align rounds n up to NLMSG_ALIGNTO / NLA_ALIGNTO (4).
func align(n int) int { return (n + 3) &^ 3 }
