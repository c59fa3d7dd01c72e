package vm

import (
	"bytes"
	"strconv"
	"testing"
)

// readNewc is a minimal newc reader: name -> (mode, data), in order.
func readNewc(t *testing.T, b []byte) ([]string, map[string]entry) {
	t.Helper()
	var names []string
	out := map[string]entry{}
	for {
		if len(b) < 110 || string(b[:6]) != "070701" {
			t.Fatalf("bad header at %q", b[:min(len(b), 16)])
		}
		field := func(i int) int {
			v, err := strconv.ParseUint(string(b[6+8*i:14+8*i]), 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			return int(v)
		}
		mode, size, nameSize := field(1), field(6), field(11)
		name := string(b[110 : 110+nameSize-1])
		off := (110 + nameSize + 3) &^ 3
		data := b[off : off+size]
		b = b[(off+size+3)&^3:]
		if name == "TRAILER!!!" {
			return names, out
		}
		names = append(names, name)
		out[name] = entry{mode: uint32(mode), data: data}
	}
}

func TestCPIORoundTrip(t *testing.T) {
	tr := tree{}
	tr.file("/usr/sbin/tool", 0o755, []byte("abcde"))
	tr.symlink("/bin/sh", "busybox")
	tr.file("/init", 0o755, []byte("#!/bin/sh\n"))
	var buf bytes.Buffer
	if err := tr.writeCPIO(&buf); err != nil {
		t.Fatal(err)
	}
	names, got := readNewc(t, buf.Bytes())
	want := []string{"bin", "bin/sh", "init", "usr", "usr/sbin", "usr/sbin/tool"}
	if len(names) != len(want) {
		t.Fatalf("entries %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("entries %q, want %q (parents first)", names, want)
		}
	}
	if e := got["usr/sbin/tool"]; e.mode != modeFile|0o755 || string(e.data) != "abcde" {
		t.Errorf("tool = %o %q", e.mode, e.data)
	}
	if e := got["bin/sh"]; e.mode != modeSymlink|0o777 || string(e.data) != "busybox" {
		t.Errorf("sh = %o %q", e.mode, e.data)
	}
	if e := got["usr"]; e.mode != modeDir|0o755 {
		t.Errorf("usr mode %o", e.mode)
	}
}
