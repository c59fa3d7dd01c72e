package h2

import (
	"encoding/binary"

	"golang.org/x/net/http2"
)

// Frames are written by hand into the connection's output buffer: the
// 9-byte header of RFC 9113 4.1 and the payload appended in place, so
// that nothing is copied twice.

// appendHeader appends a frame header.
func appendHeader(dst []byte, n int, t http2.FrameType, flags http2.Flags, id uint32) []byte {
	return append(dst, byte(n>>16), byte(n>>8), byte(n), byte(t), byte(flags),
		byte(id>>24)&0x7f, byte(id>>16), byte(id>>8), byte(id))
}

// appendU32 appends a 32-bit big-endian value.
func appendU32(dst []byte, v uint32) []byte {
	return binary.BigEndian.AppendUint32(dst, v)
}

// appendSettings appends a SETTINGS frame (RFC 9113 6.5) with the
// given identifier/value pairs.
func appendSettings(dst []byte, s []http2.Setting) []byte {
	dst = appendHeader(dst, 6*len(s), http2.FrameSettings, 0, 0)
	for _, v := range s {
		dst = append(dst, byte(v.ID>>8), byte(v.ID))
		dst = appendU32(dst, v.Val)
	}
	return dst
}

// appendSettingsAck appends an empty SETTINGS with ACK.
func appendSettingsAck(dst []byte) []byte {
	return appendHeader(dst, 0, http2.FrameSettings, http2.FlagSettingsAck, 0)
}

// appendPing appends a PING (RFC 9113 6.7).
func appendPing(dst []byte, ack bool, data [8]byte) []byte {
	var f http2.Flags
	if ack {
		f = http2.FlagPingAck
	}
	dst = appendHeader(dst, 8, http2.FramePing, f, 0)
	return append(dst, data[:]...)
}

// appendWindowUpdate appends a WINDOW_UPDATE (RFC 9113 6.9).
func appendWindowUpdate(dst []byte, id, inc uint32) []byte {
	dst = appendHeader(dst, 4, http2.FrameWindowUpdate, 0, id)
	return appendU32(dst, inc&0x7fffffff)
}

// appendRST appends a RST_STREAM (RFC 9113 6.4).
func appendRST(dst []byte, id uint32, code http2.ErrCode) []byte {
	dst = appendHeader(dst, 4, http2.FrameRSTStream, 0, id)
	return appendU32(dst, uint32(code))
}

// appendGoAway appends a GOAWAY (RFC 9113 6.8).
func appendGoAway(dst []byte, last uint32, code http2.ErrCode) []byte {
	dst = appendHeader(dst, 8, http2.FrameGoAway, 0, 0)
	dst = appendU32(dst, last&0x7fffffff)
	return appendU32(dst, uint32(code))
}

// appendData appends a DATA frame (RFC 9113 6.1).
func appendData(dst []byte, id uint32, p []byte, end bool) []byte {
	var f http2.Flags
	if end {
		f = http2.FlagDataEndStream
	}
	dst = appendHeader(dst, len(p), http2.FrameData, f, id)
	return append(dst, p...)
}

// appendBlock appends a header block as HEADERS and as many
// CONTINUATION frames as the peer's frame size needs (RFC 9113 6.2,
// 6.10).
func appendBlock(dst []byte, id uint32, block []byte, end bool, max int) []byte {
	first := true
	for {
		n := len(block)
		if n > max {
			n = max
		}
		var f http2.Flags
		t := http2.FrameContinuation
		if first {
			t = http2.FrameHeaders
			if end {
				f |= http2.FlagHeadersEndStream
			}
		}
		if n == len(block) {
			f |= http2.FlagHeadersEndHeaders
		}
		dst = appendHeader(dst, n, t, f, id)
		dst = append(dst, block[:n]...)
		block = block[n:]
		first = false
		if len(block) == 0 {
			return dst
		}
	}
}
