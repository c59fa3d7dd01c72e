package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fakeHost is a machine like the namespaces of e2e/kacheck: lo and
// eth0..eth3 (plus the names a "# interfaces:" line asks for), no network
// namespaces, no name service, only root among users and groups. Files
// are the real ones (scripts such as /bin/true).
type fakeHost struct {
	SystemHost
	ifs []string
}

func newFakeHost(extra ...string) *fakeHost {
	return &fakeHost{ifs: append([]string{"lo", "eth0", "eth1", "eth2", "eth3"}, extra...)}
}

func (h *fakeHost) Interface(name string) (Interface, bool) {
	for i, n := range h.ifs {
		if n == name {
			return Interface{Name: n, Index: i + 1, MTU: 1500, Loopback: n == "lo", Multicast: n != "lo", Ether: n != "lo"}, true
		}
	}
	return Interface{}, false
}

func (*fakeHost) LookupUser(name string) (uint32, uint32, bool) { return 0, 0, name == "root" }
func (*fakeHost) LookupGroup(name string) (uint32, bool)        { return 0, name == "root" }
func (*fakeHost) NetNamespace(string) bool                      { return false }
func (*fakeHost) ResolveHost(string) bool                       { return false }
func (*fakeHost) NumCPU() int                                   { return 2 }
func (*fakeHost) UID() uint32                                   { return 0 }
func (*fakeHost) GID() uint32                                   { return 0 }

var interfacesLine = regexp.MustCompile(`(?m)^# interfaces: (.*)$`)

// render is what the golden files hold: keepalived's messages as -t
// prints them (log-only ones marked), the exit status, hakeep's notes and
// the model.
func render(t *testing.T, res *Result) []byte {
	var b bytes.Buffer
	for _, m := range res.Messages {
		if m.LogOnly {
			b.WriteString("log: ")
		}
		fmt.Fprintln(&b, m)
	}
	fmt.Fprintf(&b, "exit %d\n", res.TestExit)
	if res.Stopped {
		fmt.Fprintf(&b, "stopped: %s\n", res.StopReason)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "note: %s [%s]\n", n, n.Engine)
	}
	j, err := json.Marshal(res.Config)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(j, &tree); err != nil {
		t.Fatal(err)
	}
	j, err = json.MarshalIndent(prune(tree), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b.Write(j)
	b.WriteByte('\n')
	return b.Bytes()
}

// prune drops the zero values from a decoded JSON tree, so that the
// golden files show what a configuration set.
func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e = prune(e); e == nil {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
		if len(x) == 0 {
			return nil
		}
	case []any:
		for i, e := range x {
			x[i] = prune(e)
		}
		if len(x) == 0 {
			return nil
		}
	case bool:
		if !x {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	case string:
		if x == "" {
			return nil
		}
	}
	return v
}

// TestGolden loads every configuration of testdata/keepalived (whose
// messages e2e/kacheck checks against keepalived 2.2.7) and of
// testdata/*.conf here, and compares messages, exit status, notes and
// model with testdata/golden/NAME.golden (-update rewrites them).
func TestGolden(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/keepalived/*.conf", "testdata/*.conf"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("only %d configurations found", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var extra []string
			if m := interfacesLine.FindSubmatch(src); m != nil {
				extra = strings.Fields(string(m[1]))
			}
			// keepalived names files as -f gave them: run from the
			// file's folder like e2e/kacheck does.
			t.Chdir(filepath.Dir(f))
			res := Load(name, Options{ConfigTest: true, Host: newFakeHost(extra...),
				Parser: parser.KeepalivedOptions{ConfigID: "lb1"}})
			got := render(t, res)
			golden := filepath.Join(testDir(t), "testdata", "golden", strings.TrimSuffix(name, ".conf")+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// testDir is this package's folder, whatever the current directory.
func testDir(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; d != "/"; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "keepalived", "config")
		}
	}
	t.Fatal("go.mod not found")
	return ""
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return "(same lines)"
}
