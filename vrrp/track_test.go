package vrrp

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hakeep/vrrp/fsm"
)

func TestScriptRiseFall(t *testing.T) {
	s := newScriptState(ScriptConfig{Rise: 2, Fall: 3})
	if !s.init {
		t.Fatal("starts with a state")
	}
	for i, step := range []struct {
		ok, changed, good bool
	}{
		{true, true, true},                                              // the first result decides at once (2.2.7)
		{false, false, true}, {false, false, true}, {true, false, true}, // a success resets the fall count
		{false, false, true}, {false, false, true}, {false, true, false},
		{true, false, false}, {true, true, true},
	} {
		if c := s.record(step.ok); c != step.changed || s.good != step.good {
			t.Fatalf("step %d: changed %v good %v", i, c, s.good)
		}
	}
	f := newScriptState(ScriptConfig{InitFail: true, Rise: 2})
	if f.good || f.init {
		t.Fatal("init_fail does not start bad")
	}
	if f.record(true) || !f.record(true) {
		t.Fatal("init_fail needs rise successes")
	}
}

func TestWeighted(t *testing.T) {
	tests := []struct {
		w         int
		rev, good bool
		want      int
		wantFault bool
	}{
		{0, false, true, 0, false}, {0, false, false, 0, true},
		{0, true, true, 0, true}, {0, true, false, 0, false},
		{10, false, true, 10, false}, {10, false, false, 0, false},
		{-10, false, true, 0, false}, {-10, false, false, -10, false},
		{10, true, true, -10, false}, {10, true, false, 0, false},
		{-10, true, true, 0, false}, {-10, true, false, 10, false},
	}
	for _, tt := range tests {
		d, f := weighted(tt.w, tt.rev, tt.good)
		if d != tt.want || f != tt.wantFault {
			t.Errorf("weighted(%d, %v, %v) = %d, %v; want %d, %v", tt.w, tt.rev, tt.good, d, f, tt.want, tt.wantFault)
		}
	}
}

func TestEffectivePriorityClamp(t *testing.T) {
	for _, tt := range []struct {
		base  uint8
		delta int
		want  uint8
	}{{100, 0, 100}, {255, 0, 255}, {100, 50, 150}, {250, 10, 254}, {255, -1, 255}, {10, -50, 1}} {
		if got := effectivePriority(tt.base, tt.delta); got != tt.want {
			t.Errorf("effectivePriority(%d, %d) = %d, want %d", tt.base, tt.delta, got, tt.want)
		}
	}
}

func TestTrackFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if v := readTrackFile(p); v != 0 {
		t.Fatal("missing file is not 0")
	}
	if d, f := fileWeight(TrackFile{Path: p, Weight: 0}, 0); d != 0 || f {
		t.Fatal("0 with weight 0 is FAULT")
	}
	os.WriteFile(p, []byte("3\n"), 0o644)
	v := readTrackFile(p)
	if d, f := fileWeight(TrackFile{Path: p, Weight: -5}, v); d != -15 || f {
		t.Fatalf("delta %d", d)
	}
	if d, _ := fileWeight(TrackFile{Path: p, Weight: -5, Reverse: true}, v); d != 15 {
		t.Fatalf("reverse delta %d", d)
	}
	if _, f := fileWeight(TrackFile{Path: p}, v); !f {
		t.Fatal("non-zero with weight 0 is not FAULT")
	}
	if _, f := fileWeight(TrackFile{Path: p, Reverse: true}, 0); !f {
		t.Fatal("zero with weight 0 reverse is not FAULT")
	}
	if d, f := fileWeight(TrackFile{Weight: 100}, 3); d != 253 || f {
		t.Fatalf("large value: %d %v", d, f)
	}
	if _, f := fileWeight(TrackFile{Weight: -100}, 3); !f {
		t.Fatal("-300 is not FAULT")
	}
}

func TestEngineTrackScript(t *testing.T) {
	flag := filepath.Join(t.TempDir(), "up")
	os.WriteFile(flag, nil, 0o644)
	h := &hub{}
	na := newFakeNet(h, "10.0.0.1")
	ic := instanceCfg(100, 3)
	ic.TrackScripts = []TrackScript{{Script: ScriptConfig{Name: "chk", Script: Script{Args: []string{"/usr/bin/test", "-e", flag}},
		Interval: 50 * time.Millisecond}, Weight: 20}}
	ic.TrackFiles = []TrackFile{{Name: "f", Path: filepath.Join(t.TempDir(), "none"), Weight: 0}}
	a := NewEngine(Config{Instances: []InstanceConfig{ic}}, Deps{Net: na, Notifier: &recorder{}})
	start(t, a)
	prio := func() uint8 { return a.Snapshot(context.Background()).Instances[0].EffectivePriority }
	eventually(t, "priority 120 while the script succeeds", func() bool { return prio() == 120 })
	os.Remove(flag)
	eventually(t, "priority 100 once it fails", func() bool { return prio() == 100 })

	// Weight 0: a failing script means FAULT.
	ic.TrackScripts[0].Weight = 0
	a.Reload(context.Background(), Config{Instances: []InstanceConfig{ic}})
	eventually(t, "FAULT", func() bool { return state(a) == fsm.Fault })
}
