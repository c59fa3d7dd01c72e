package smuggle

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Golden is one recorded exchange: the case as it was run and what the
// real HAProxy did with it.
type Golden struct {
	Case    Case
	Outcome Outcome
}

// TestdataDir is e2e/smuggle/testdata in the source tree.
func TestdataDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

// GoldenPath is where the golden file of c lives under dir.
func GoldenPath(dir string, c Case) string {
	return filepath.Join(dir, string(c.Kind), c.Name+".golden")
}

// EncodeGolden renders one exchange as text: "key: value" lines, byte
// strings Go-quoted so every byte is visible and diffs stay readable.
func EncodeGolden(c Case, o Outcome) []byte {
	var b bytes.Buffer
	for _, l := range strings.Split(c.Note, "\n") {
		b.WriteString("# " + l + "\n")
	}
	kv := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	kv("kind", string(c.Kind))
	kv("name", c.Name)
	kv("variant", c.Variant.String())
	for _, s := range c.Send {
		kv("send", strconv.Quote(string(s)))
	}
	for _, r := range c.Responses {
		kv("response", strconv.Quote(string(r)))
	}
	kv("close-after", strconv.FormatBool(c.CloseAfter))
	if c.Wait > 0 {
		kv("wait", c.Wait.String())
	}
	b.WriteString("=== outcome\n")
	kv("status", strconv.Quote(firstLine(o.Client)))
	kv("client", strconv.Quote(string(o.Client)))
	kv("client-closed", strconv.FormatBool(o.ClientClosed))
	for _, s := range o.Server {
		kv("server", strconv.Quote(string(s.Bytes)))
		kv("server-closed", s.Closed)
	}
	return b.Bytes()
}

// firstLine is the status line the client got, for humans reading diffs.
func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(bytes.TrimSuffix(b, []byte("\r")))
}

// DecodeGolden parses what EncodeGolden wrote.
func DecodeGolden(data []byte) (Golden, error) {
	var g Golden
	inOutcome := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "=== outcome" {
			inOutcome = true
			continue
		}
		if strings.HasPrefix(l, "# ") || l == "#" {
			if g.Case.Note != "" {
				g.Case.Note += "\n"
			}
			g.Case.Note += strings.TrimPrefix(strings.TrimPrefix(l, "#"), " ")
			continue
		}
		k, v, ok := strings.Cut(l, ": ")
		if !ok {
			return g, fmt.Errorf("line %d: want 'key: value', got %q", line, l)
		}
		quoted := func() ([]byte, error) {
			s, err := strconv.Unquote(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s: %w", line, k, err)
			}
			return []byte(s), nil
		}
		var err error
		if outcomeKey(k) != inOutcome {
			return g, fmt.Errorf("line %d: key %q on the wrong side of '=== outcome'", line, k)
		}
		switch k {
		case "kind":
			g.Case.Kind = Kind(v)
		case "name":
			g.Case.Name = v
		case "variant":
			if v != "default" {
				g.Case.Variant = Variant(v)
			}
		case "send":
			var s []byte
			s, err = quoted()
			g.Case.Send = append(g.Case.Send, s)
		case "response":
			var s []byte
			s, err = quoted()
			g.Case.Responses = append(g.Case.Responses, s)
		case "close-after":
			g.Case.CloseAfter, err = strconv.ParseBool(v)
		case "wait":
			g.Case.Wait, err = time.ParseDuration(v)
		case "status":
			// derived from client, informational
		case "client":
			g.Outcome.Client, err = quoted()
		case "client-closed":
			g.Outcome.ClientClosed, err = strconv.ParseBool(v)
		case "server":
			var s []byte
			s, err = quoted()
			g.Outcome.Server = append(g.Outcome.Server, ServerConn{Bytes: s})
		case "server-closed":
			if n := len(g.Outcome.Server); n > 0 {
				g.Outcome.Server[n-1].Closed = v
			} else {
				err = fmt.Errorf("line %d: server-closed before server", line)
			}
		default:
			err = fmt.Errorf("line %d: unknown key %q", line, k)
		}
		if err != nil {
			return g, err
		}
	}
	return g, sc.Err()
}

// outcomeKey reports whether k belongs after the "=== outcome" line.
func outcomeKey(k string) bool {
	switch k {
	case "status", "client", "client-closed", "server", "server-closed":
		return true
	}
	return false
}

// LoadGolden reads every golden file of kind under dir, sorted by name.
func LoadGolden(dir string, kind Kind) ([]Golden, error) {
	files, err := filepath.Glob(filepath.Join(dir, string(kind), "*.golden"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	out := make([]Golden, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		g, err := DecodeGolden(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// Diff lists how got differs from want, empty when they agree.
func Diff(want, got Outcome) []string {
	var d []string
	if !bytes.Equal(want.Client, got.Client) {
		d = append(d, fmt.Sprintf("client bytes:\n  want %q\n  got  %q", want.Client, got.Client))
	}
	if want.ClientClosed != got.ClientClosed {
		d = append(d, fmt.Sprintf("client closed: want %v, got %v", want.ClientClosed, got.ClientClosed))
	}
	if len(want.Server) != len(got.Server) {
		d = append(d, fmt.Sprintf("server connections: want %d, got %d", len(want.Server), len(got.Server)))
	}
	for i := 0; i < len(want.Server) && i < len(got.Server); i++ {
		w, g := want.Server[i], got.Server[i]
		if !bytes.Equal(w.Bytes, g.Bytes) {
			d = append(d, fmt.Sprintf("server %d bytes:\n  want %q\n  got  %q", i, w.Bytes, g.Bytes))
		}
		if w.Closed != g.Closed {
			d = append(d, fmt.Sprintf("server %d closed: want %s, got %s", i, w.Closed, g.Closed))
		}
	}
	return d
}

// SameCase reports whether a golden file was recorded from c as it is
// written in the tables now.
func SameCase(a, b Case) bool {
	return bytes.Equal(EncodeGolden(a, Outcome{}), EncodeGolden(b, Outcome{}))
}
