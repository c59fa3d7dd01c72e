package genl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"syscall"
	"testing"
)

func TestEncoderPaddingAndNesting(t *testing.T) {
	var e Encoder
	e.String(6, "rr")
	e.Nested(1, func(e *Encoder) { e.Uint16(2, 0x0a0b) })
	want := []byte{
		7, 0, 6, 0, 'r', 'r', 0, 0, // "rr\0" padded to 4
		12, 0, 1, 0x80, // nested, NLA_F_NESTED
		6, 0, 2, 0, 0x0b, 0x0a, 0, 0,
	}
	if !bytes.Equal(e.Bytes(), want) {
		t.Fatalf("got % x\nwant % x", e.Bytes(), want)
	}
	attrs, err := ParseAttrs(e.Bytes())
	if err != nil || len(attrs) != 2 || attrs[1].Type != 1 || String(attrs[0].Value) != "rr" {
		t.Fatalf("parsed %+v, %v", attrs, err)
	}
}

func TestMalformed(t *testing.T) {
	for _, b := range [][]byte{{1, 2, 3}, {40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := SplitMessages(b); err == nil {
			t.Errorf("SplitMessages(% x) accepted", b)
		}
	}
	for _, b := range [][]byte{{1, 2}, {8, 0, 1, 0, 0}, {2, 0, 1, 0}} {
		if _, err := ParseAttrs(b); err == nil {
			t.Errorf("ParseAttrs(% x) accepted", b)
		}
	}
	if _, err := Uint32([]byte{1, 2}); err == nil {
		t.Error("short u32 accepted")
	}
}

// script is a socket answering each Send with canned datagrams.
type script struct {
	replies [][]byte
	sent    [][]byte
}

func (s *script) Send(b []byte) error { s.sent = append(s.sent, b); return nil }
func (s *script) Receive() ([]byte, error) {
	if len(s.replies) == 0 {
		return nil, errors.New("nothing to receive")
	}
	b := s.replies[0]
	s.replies = s.replies[1:]
	return b, nil
}
func (s *script) Close() error { return nil }

func errMsg(seq uint32, code int32) []byte {
	b := make([]byte, 36)
	binary.NativeEndian.PutUint32(b, 36)
	binary.NativeEndian.PutUint16(b[4:], TypeError)
	binary.NativeEndian.PutUint32(b[8:], seq)
	binary.NativeEndian.PutUint32(b[16:], uint32(code))
	return b
}

func TestExecute(t *testing.T) {
	data := (&Message{Header: Header{Type: 0x20, Seq: 1}, Command: 14, Version: 1}).Marshal()
	stale := errMsg(99, -int32(syscall.EBUSY))
	s := &script{replies: [][]byte{stale, append(data, errMsg(1, 0)...)}}
	c := NewConn(s)
	replies, err := c.Execute(Message{Header: Header{Type: 0x20}, Command: 15, Version: 1})
	if err != nil || len(replies) != 1 || replies[0].Command != 14 {
		t.Fatalf("replies %+v, %v (a reply to another sequence number must be skipped)", replies, err)
	}
	if f := binary.NativeEndian.Uint16(s.sent[0][6:]); f != FlagRequest|FlagAck {
		t.Errorf("flags %#x, want NLM_F_REQUEST|NLM_F_ACK", f)
	}
	s.replies = [][]byte{errMsg(2, -int32(syscall.EEXIST))}
	if _, err := c.Execute(Message{Header: Header{Type: 0x20}, Command: 1, Version: 1}); !errors.Is(err, syscall.EEXIST) {
		t.Errorf("got %v, want EEXIST", err)
	}
	// A dump ends at NLMSG_DONE.
	done := make([]byte, 20)
	binary.NativeEndian.PutUint32(done, 20)
	binary.NativeEndian.PutUint16(done[4:], TypeDone)
	binary.NativeEndian.PutUint32(done[8:], 3)
	part := (&Message{Header: Header{Type: 0x20, Seq: 3, Flags: FlagMulti}, Command: 1, Version: 1}).Marshal()
	s.replies = [][]byte{append(bytes.Clone(part), part...), done}
	replies, err = c.Execute(Message{Header: Header{Type: 0x20, Flags: FlagDump}, Command: 4, Version: 1})
	if err != nil || len(replies) != 2 {
		t.Errorf("dump: %d replies, %v", len(replies), err)
	}
}
