package vm

import (
	"reflect"
	"testing"
)

func TestParseLdd(t *testing.T) {
	out := "\tlinux-vdso.so.1 (0x00007fce58857000)\n" +
		"\tlibpopt.so.0 => /lib/x86_64-linux-gnu/libpopt.so.0 (0x00007fce5881f000)\n" +
		"\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fce58613000)\n" +
		"\t/lib64/ld-linux-x86-64.so.2 (0x00007fce58859000)\n"
	got, err := parseLdd(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/lib/x86_64-linux-gnu/libpopt.so.0", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := parseLdd("\tlibfoo.so.1 => not found\n"); err == nil {
		t.Error("a missing library must be an error")
	}
}
