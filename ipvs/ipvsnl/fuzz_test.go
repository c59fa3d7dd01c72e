package ipvsnl

import (
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
	"hakeep/ipvs/ipvstest"
)

// fuzzSocket resolves the family through the fake, then answers every
// request with the fuzzer's bytes as one IPVS message followed by an ack
// and NLMSG_DONE.
type fuzzSocket struct {
	fake    *ipvstest.Socket
	payload []byte
	out     [][]byte
}

func (s *fuzzSocket) Send(b []byte) error {
	if binary.NativeEndian.Uint16(b[4:]) == 0x10 {
		return s.fake.Send(b)
	}
	seq := b[8:12]
	m := (&genl.Message{Header: genl.Header{Type: ipvstest.FamilyID, Flags: genl.FlagMulti}, Command: 1, Version: 1, Attrs: s.payload}).Marshal()
	copy(m[8:12], seq)
	end := make([]byte, 20)
	binary.NativeEndian.PutUint32(end, 20)
	binary.NativeEndian.PutUint16(end[4:], genl.TypeDone)
	copy(end[8:12], seq)
	ack := make([]byte, 36)
	binary.NativeEndian.PutUint32(ack, 36)
	binary.NativeEndian.PutUint16(ack[4:], genl.TypeError)
	copy(ack[8:12], seq)
	s.out = append(s.out, m, ack, end)
	return nil
}

func (s *fuzzSocket) Receive() ([]byte, error) {
	if len(s.out) > 0 {
		b := s.out[0]
		s.out = s.out[1:]
		return b, nil
	}
	return s.fake.Receive()
}

func (s *fuzzSocket) Close() error { return nil }

// FuzzReplies feeds arbitrary attributes to every decoder of kernel
// replies: none may panic, whatever the kernel (or a bug) sends.
func FuzzReplies(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.txt"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range strings.Split(string(raw), "\n") {
			h, ok := strings.CutPrefix(l, "recv ")
			if !ok {
				continue
			}
			b, err := hex.DecodeString(h)
			if err != nil || len(b) < 20 || binary.NativeEndian.Uint16(b[4:]) != ipvstest.FamilyID {
				continue
			}
			n := min(int(binary.NativeEndian.Uint32(b)), len(b))
			f.Add(b[20:n])
		}
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		c, err := New(&fuzzSocket{fake: ipvstest.New().Socket(), payload: payload})
		if err != nil {
			t.Fatal(err)
		}
		c.Services()
		c.Destinations(ipvs.ServiceKey{FWMark: 1})
		c.Daemons()
		c.Timeouts()
		c.Info()
		c.Service(ipvs.ServiceKey{FWMark: 1})
	})
}
