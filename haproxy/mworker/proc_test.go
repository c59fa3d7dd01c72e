package mworker

import (
	"reflect"
	"testing"
)

// The environment string 2.6.12 put in HAPROXY_PROCESSES for its reload
// (read from /proc/PID/environ of the re-executed master).
const env2612 = "|type=m;fd=-1;pid=22444;reloads=1;failedreloads=0;timestamp=1795293351;id=;version=(null)|type=w;fd=3;pid=22447;reloads=1;failedreloads=0;timestamp=1795293351;id=;version=2.6.12-1+deb12u4"

func TestEncodeIs26(t *testing.T) {
	list := []*Proc{
		{Kind: KindMaster, PID: 22444, Reloads: 1, Timestamp: 1795293351, IPC: -1, Version: "(null)"},
		{Kind: KindWorker, PID: 22447, Reloads: 1, Timestamp: 1795293351, IPC: 3, Version: "2.6.12-1+deb12u4"},
		{Kind: KindWorker, PID: -1, IPC: 9},
	}
	if got := Encode(list); got != env2612 {
		t.Errorf("got  %s\nwant %s", got, env2612)
	}
}

func TestDecode(t *testing.T) {
	got := Decode(env2612 + "|type=w;fd=5;pid=30000;reloads=0;failedreloads=0;timestamp=1795293360;id=;version=2.6.12-1+deb12u4|type=e;fd=-1;pid=0;id=x")
	want := []*Proc{
		{Kind: KindMaster, PID: 22444, Reloads: 1, Timestamp: 1795293351, IPC: -1, Version: "(null)"},
		// more reloads than the current worker: leaving
		{Kind: KindWorker, PID: 22447, Reloads: 1, Timestamp: 1795293351, IPC: 3, Version: "2.6.12-1+deb12u4", Leaving: true},
		{Kind: KindWorker, PID: 30000, Reloads: 0, Timestamp: 1795293360, IPC: 5, Version: "2.6.12-1+deb12u4"},
	}
	if !reflect.DeepEqual(got, want) {
		for _, p := range got {
			t.Logf("%+v", *p)
		}
		t.Fatal("decode mismatch")
	}
	if c := Current(got); c == nil || c.PID != 30000 {
		t.Errorf("current %+v", c)
	}
	if n := len(Children(got)); n != 2 {
		t.Errorf("%d children", n)
	}
	// after a failed reload nobody has 0 reloads: the fewest wins and
	// nobody leaves
	after := Decode(env2612)
	if after[1].Leaving || Current(after).PID != 22447 {
		t.Errorf("failed reload: %+v", *after[1])
	}
	if Find(after, 22447) == nil || Find(after, 1) != nil {
		t.Error("find")
	}
}

func TestState(t *testing.T) {
	s := NewState()
	s.Pending, s.OldPIDs, s.OldSignal = 12, []int{3, 4}, 10
	s.CLI = []CLISocket{{FD: 7, Level: "admin", Name: "unix@/run/m.sock"}}
	got, err := DecodeState(s.Encode())
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("%+v %v", got, err)
	}
	if d, err := DecodeState(""); err != nil || d.MaxReloads != -1 || d.ReadyFD != -1 {
		t.Errorf("empty: %+v %v", d, err)
	}
	if _, err := DecodeState("{"); err == nil {
		t.Error("want an error")
	}
}
