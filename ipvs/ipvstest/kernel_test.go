package ipvstest

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hakeep/ipvs/genl"
)

// goldenExchange is one request of a golden file and the kernel's reply
// messages.
type goldenExchange struct {
	file string
	send []byte
	recv []genl.Raw
}

func loadGoldens(t *testing.T) []goldenExchange {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	sort.Strings(files)
	var out []goldenExchange
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			dir, h, ok := strings.Cut(sc.Text(), " ")
			if !ok || (dir != "send" && dir != "recv") {
				continue
			}
			b, err := hex.DecodeString(h)
			if err != nil {
				t.Fatal(err)
			}
			if dir == "send" {
				out = append(out, goldenExchange{file: filepath.Base(name), send: b})
				continue
			}
			msgs, err := genl.SplitMessages(b)
			if err != nil {
				t.Fatal(err)
			}
			out[len(out)-1].recv = append(out[len(out)-1].recv, msgs...)
		}
		f.Close()
	}
	return out
}

func masked(r genl.Raw) string {
	b := make([]byte, genl.HeaderLen, genl.HeaderLen+len(r.Payload))
	binary.NativeEndian.PutUint32(b, r.Header.Len)
	binary.NativeEndian.PutUint16(b[4:], r.Header.Type)
	binary.NativeEndian.PutUint16(b[6:], r.Header.Flags)
	b = append(b, r.Payload...)
	if r.Header.Type == genl.TypeError && len(b) >= 36 {
		clear(b[28:36]) // the echoed request's seq and port
	}
	return hex.EncodeToString(b)
}

// TestFakeMatchesKernel replays every IPVS request of the golden files, in
// capture order, into one fake and requires the kernel's reply messages
// byte for byte (sequence numbers and ports aside): dumps, acks, and the
// errors (EEXIST, ESRCH, ENOENT, EINVAL) the err-* files hold. libnl does not read
// the ack that follows a GET reply, so the fake may add that one.
func TestFakeMatchesKernel(t *testing.T) {
	k := New()
	s := k.Socket()
	for _, ex := range loadGoldens(t) {
		if binary.NativeEndian.Uint16(ex.send[4:]) == ctrlID {
			continue // family replies list the kernel's ops and groups
		}
		if err := s.Send(ex.send); err != nil {
			t.Fatal(err)
		}
		var got []genl.Raw
		for {
			b, err := s.Receive()
			if err != nil {
				break
			}
			msgs, err := genl.SplitMessages(b)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, msgs...)
		}
		if len(got) == len(ex.recv)+1 && got[len(got)-1].Header.Type == genl.TypeError {
			got = got[:len(got)-1]
		}
		var g, w []string
		for _, r := range got {
			g = append(g, masked(r))
		}
		for _, r := range ex.recv {
			w = append(w, masked(r))
		}
		// The kernel dumps services in its hash table's order, the fake in
		// the order they were added.
		if ex.send[16] == cmdGetService && binary.NativeEndian.Uint16(ex.send[6:])&genl.FlagDump == genl.FlagDump {
			sort.Strings(g)
			sort.Strings(w)
		}
		if !slicesEqual(g, w) {
			t.Errorf("%s: request %x\nfake:\n  %s\nkernel:\n  %s", ex.file, ex.send[16:min(len(ex.send), 20)],
				strings.Join(g, "\n  "), strings.Join(w, "\n  "))
		}
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Receive on an empty queue says so instead of blocking.
func TestReceiveEmpty(t *testing.T) {
	if _, err := New().Socket().Receive(); err != ErrWouldBlock {
		t.Fatalf("got %v", err)
	}
}
