// Package pcapfile reads the classic libpcap files tcpdump -w writes, so
// tests can replay packets captured from the real keepalived.
package pcapfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// LinkEthernet is DLT_EN10MB, what tcpdump records on a veth.
const LinkEthernet = 1

// Frame is one captured link-layer frame.
type Frame struct {
	Seconds, Micros uint32
	Data            []byte
}

// File is a whole capture.
type File struct {
	LinkType uint32
	Frames   []Frame
}

// Read parses the capture at path (microsecond resolution, either byte
// order).
func Read(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse parses a capture held in memory.
func Parse(b []byte) (*File, error) {
	if len(b) < 24 {
		return nil, errors.New("pcap: short global header")
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0xa1b2c3d4:
		bo = binary.LittleEndian
	case 0xd4c3b2a1:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("pcap: bad magic %#x", binary.LittleEndian.Uint32(b))
	}
	f := &File{LinkType: bo.Uint32(b[20:])}
	for p := b[24:]; len(p) > 0; {
		if len(p) < 16 {
			return nil, errors.New("pcap: short record header")
		}
		n := int(bo.Uint32(p[8:]))
		if len(p) < 16+n {
			return nil, errors.New("pcap: short record")
		}
		f.Frames = append(f.Frames, Frame{Seconds: bo.Uint32(p), Micros: bo.Uint32(p[4:]), Data: p[16 : 16+n]})
		p = p[16+n:]
	}
	return f, nil
}
