package fsm

import (
	"net/netip"
	"reflect"
	"testing"
	"time"
)

var (
	t0    = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	local = netip.MustParseAddr("10.0.0.2")
	lower = netip.MustParseAddr("10.0.0.1")
	upper = netip.MustParseAddr("10.0.0.3")
)

func at(d time.Duration) time.Time { return t0.Add(d) }

func act(t *testing.T, m *Machine, want ...Action) {
	t.Helper()
	got := append([]Action(nil), m.Actions()...)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("actions\n got %v\nwant %v", got, want)
	}
}

var (
	notifyBackup = Action{Kind: Notify, State: Backup}
	notifyMaster = Action{Kind: Notify, State: Master}
	notifyFault  = Action{Kind: Notify, State: Fault}
	notifyStop   = Action{Kind: Notify, State: Stop}
	addVIPs      = Action{Kind: AddVIPs}
	removeVIPs   = Action{Kind: RemoveVIPs}
)

func advert(p uint8) Action { return Action{Kind: SendAdvert, Priority: p} }

func newBackup(t *testing.T, cfg Config) *Machine {
	t.Helper()
	if !cfg.LocalAddr.IsValid() {
		cfg.LocalAddr = local
	}
	m := New(cfg)
	m.Start(t0, 0)
	act(t, m, removeVIPs, notifyBackup)
	return m
}

// becomeMaster runs the machine's down timer out.
func becomeMaster(t *testing.T, m *Machine) time.Time {
	t.Helper()
	now := m.Deadline()
	m.Tick(now)
	act(t, m, addVIPs, notifyMaster, advert(m.Priority()))
	return now
}

func TestSkewAndMasterDown(t *testing.T) {
	tests := []struct {
		version, prio uint8
		interval      time.Duration
		skew, down    time.Duration
	}{
		// RFC 3768 §6.1: (256-100)/256 s, keepalived in whole µs.
		{2, 100, time.Second, 609375 * time.Microsecond, 3609375 * time.Microsecond},
		{2, 254, 3 * time.Second, 7812 * time.Microsecond, 9007812 * time.Microsecond},
		// v2 skew does not scale with the interval; v3 skew does.
		{3, 100, time.Second, 609375 * time.Microsecond, 3609375 * time.Microsecond},
		{3, 100, 500 * time.Millisecond, 304687 * time.Microsecond, 1804687 * time.Microsecond},
		{3, 1, 10 * time.Millisecond, 9960 * time.Microsecond, 39960 * time.Microsecond},
	}
	for _, tt := range tests {
		if got := skew(tt.version, tt.prio, tt.interval); got != tt.skew {
			t.Errorf("skew(v%d, %d, %v) = %v, want %v", tt.version, tt.prio, tt.interval, got, tt.skew)
		}
		if got := masterDown(tt.version, tt.prio, 3, tt.interval); got != tt.down {
			t.Errorf("masterDown(v%d, %d, %v) = %v, want %v", tt.version, tt.prio, tt.interval, got, tt.down)
		}
	}
}

func TestStartBackupThenMaster(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	if m.State() != Backup || m.Deadline() != at(3609375*time.Microsecond) {
		t.Fatalf("state %v deadline %v", m.State(), m.Deadline().Sub(t0))
	}
	m.Tick(at(3 * time.Second))
	act(t, m)
	now := becomeMaster(t, m)
	if m.Stats().BecameMaster != 1 {
		t.Fatalf("stats %+v", m.Stats())
	}
	// Adverts every advert_int.
	for i := 1; i <= 3; i++ {
		m.Tick(now.Add(time.Duration(i) * time.Second))
		act(t, m, advert(100))
	}
}

func TestStartStateMasterNotOwnerWaits(t *testing.T) {
	// keepalived 2.2.7 observed: "state MASTER" with priority 100 enters
	// BACKUP (init) and becomes master after the down interval.
	m := newBackup(t, Config{Priority: 100, InitialMaster: true})
	if m.Deadline() != at(3609375*time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
}

func TestStartOwnerImmediate(t *testing.T) {
	m := New(Config{InitialMaster: true, LocalAddr: local})
	if m.Priority() != 255 {
		t.Fatalf("default owner priority %d", m.Priority())
	}
	m.Start(t0, 0)
	act(t, m, removeVIPs)
	if m.Deadline() != at(time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
	becomeMaster(t, m)
}

func TestStartupDelay(t *testing.T) {
	m := New(Config{Priority: 100, LocalAddr: local})
	m.Start(t0, 10*time.Second)
	act(t, m, removeVIPs, notifyBackup)
	if want := at(10*time.Second + 3609375*time.Microsecond); m.Deadline() != want {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
	// An advert during the delay re-arms from the delay's end.
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 200, Interval: time.Second})
	if want := at(10*time.Second + 3609375*time.Microsecond); m.Deadline() != want {
		t.Fatalf("deadline after advert %v", m.Deadline().Sub(t0))
	}
	// After the delay the timer runs from the advert.
	m.Receive(at(11*time.Second), Advert{Src: upper, Priority: 200, Interval: time.Second})
	if want := at(11*time.Second + 3609375*time.Microsecond); m.Deadline() != want {
		t.Fatalf("deadline after delay %v", m.Deadline().Sub(t0))
	}
}

func TestBackupHigherAdvertResetsTimer(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	m.Receive(at(2*time.Second), Advert{Src: upper, Priority: 150, Interval: time.Second})
	if m.Deadline() != at(2*time.Second+3609375*time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
	if a, p := m.Master(); a != upper || p != 150 {
		t.Fatalf("master %v %d", a, p)
	}
	// Equal priority also holds us back (RFC 5798 §6.4.2 ">=").
	m.Receive(at(4*time.Second), Advert{Src: lower, Priority: 100, Interval: time.Second})
	if m.Deadline() != at(4*time.Second+3609375*time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
	act(t, m)
}

func TestBackupPreemptsLowerPriority(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	d := m.Deadline()
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 50, Interval: time.Second})
	if m.Deadline() != d {
		t.Fatalf("lower advert moved the deadline to %v", m.Deadline().Sub(t0))
	}
	becomeMaster(t, m)
}

func TestNopreempt(t *testing.T) {
	m := newBackup(t, Config{Priority: 100, Nopreempt: true})
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 50, Interval: time.Second})
	if m.Deadline() != at(time.Second+3609375*time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
}

func TestPreemptDelay(t *testing.T) {
	m := newBackup(t, Config{Priority: 100, PreemptDelay: 5 * time.Second})
	// Lower adverts hold us back until the preempt delay has passed...
	for s := 1; s <= 5; s++ {
		now := at(time.Duration(s) * time.Second)
		m.Receive(now, Advert{Src: upper, Priority: 50, Interval: time.Second})
		if m.Deadline() != now.Add(3609375*time.Microsecond) {
			t.Fatalf("t=%ds: deadline %v", s, m.Deadline().Sub(t0))
		}
	}
	// ...then are ignored, and the down timer runs out.
	d := m.Deadline()
	m.Receive(at(6*time.Second+time.Millisecond), Advert{Src: upper, Priority: 50, Interval: time.Second})
	if m.Deadline() != d {
		t.Fatalf("deadline moved after the preempt delay")
	}
	becomeMaster(t, m)
	// A higher advert in between would have cancelled the delay.
	m2 := newBackup(t, Config{Priority: 100, PreemptDelay: 5 * time.Second})
	m2.Receive(at(time.Second), Advert{Src: upper, Priority: 50, Interval: time.Second})
	m2.Receive(at(2*time.Second), Advert{Src: upper, Priority: 150, Interval: time.Second})
	if !m2.preemptAt.IsZero() {
		t.Fatal("higher advert did not stop the preempt delay")
	}
}

func TestBackupPriorityZeroSkew(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 0, Interval: time.Second})
	if m.Deadline() != at(time.Second+609375*time.Microsecond) {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
}

func TestV3AdoptsMasterInterval(t *testing.T) {
	m := newBackup(t, Config{Version: 3, Priority: 100})
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 200, Interval: 500 * time.Millisecond})
	if m.MasterAdverInt() != 500*time.Millisecond || m.Deadline() != at(time.Second+1804687*time.Microsecond) {
		t.Fatalf("interval %v deadline %v", m.MasterAdverInt(), m.Deadline().Sub(t0))
	}
	// v2 does not (a mismatching interval is dropped before the FSM).
	m2 := newBackup(t, Config{Version: 2, Priority: 100})
	m2.Receive(at(time.Second), Advert{Src: upper, Priority: 200, Interval: 500 * time.Millisecond})
	if m2.MasterAdverInt() != time.Second {
		t.Fatalf("v2 adopted %v", m2.MasterAdverInt())
	}
}

func TestMasterYieldsToHigher(t *testing.T) {
	m := newBackup(t, Config{Version: 3, Priority: 100})
	now := becomeMaster(t, m)
	m.Receive(now.Add(time.Millisecond), Advert{Src: lower, Priority: 150, Interval: 500 * time.Millisecond})
	act(t, m, removeVIPs, notifyBackup)
	if m.State() != Backup || m.Stats().ReleasedMaster != 1 {
		t.Fatalf("state %v stats %+v", m.State(), m.Stats())
	}
	// keepalived resets Master_Adver_Interval to our own on leaving MASTER.
	if m.MasterAdverInt() != time.Second || m.Deadline() != now.Add(time.Millisecond+3609375*time.Microsecond) {
		t.Fatalf("interval %v deadline %v", m.MasterAdverInt(), m.Deadline().Sub(now))
	}
}

func TestMasterEqualPriorityTieBreak(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	now := becomeMaster(t, m)
	// Lower address: we stay and answer with an advert.
	m.Receive(now, Advert{Src: lower, Priority: 100})
	act(t, m, advert(100))
	if m.State() != Master {
		t.Fatal("yielded to a lower address")
	}
	// Higher address wins (RFC 5798 §6.4.3).
	m.Receive(now, Advert{Src: upper, Priority: 100})
	act(t, m, removeVIPs, notifyBackup)
}

func TestMasterLowerPriority(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	now := becomeMaster(t, m)
	m.Receive(now, Advert{Src: upper, Priority: 50})
	act(t, m, advert(100))
	m2 := newBackup(t, Config{Priority: 100, LowerPrioNoAdvert: true, AnnounceLowerPrio: true})
	now = becomeMaster(t, m2)
	m2.Receive(now, Advert{Src: upper, Priority: 50})
	act(t, m2, Action{Kind: AnnounceLowerPrio})
	if m2.State() != Master {
		t.Fatal("left master")
	}
}

func TestMasterPriorityZeroAnswered(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	now := becomeMaster(t, m)
	m.Receive(now, Advert{Src: upper, Priority: 0})
	act(t, m, advert(100))
	if m.State() != Master {
		t.Fatal("left master on priority 0")
	}
}

func TestHigherPrioSendAdvert(t *testing.T) {
	m := newBackup(t, Config{Priority: 100, HigherPrioSendAdvert: true})
	now := becomeMaster(t, m)
	m.Receive(now, Advert{Src: upper, Priority: 200})
	act(t, m, advert(100), removeVIPs, notifyBackup)
}

func TestOwnerConflict(t *testing.T) {
	m := New(Config{InitialMaster: true, LocalAddr: local})
	m.Start(t0, 0)
	m.Actions()
	now := becomeMaster(t, m)
	m.Receive(now, Advert{Src: lower, Priority: 255})
	if m.Priority() != 254 || m.BasePriority() != 254 {
		t.Fatalf("priority %d base %d", m.Priority(), m.BasePriority())
	}
	// Now the remote owner (255) is higher: we yield.
	if m.State() != Backup {
		t.Fatalf("state %v", m.State())
	}
}

func TestFaultFromMasterAndBack(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	now := becomeMaster(t, m)
	m.SetFault(now, true)
	act(t, m, advert(0), removeVIPs, notifyFault)
	if m.State() != Fault || !m.Deadline().IsZero() || m.Stats().PriZeroSent != 1 {
		t.Fatalf("state %v deadline %v stats %+v", m.State(), m.Deadline(), m.Stats())
	}
	// Adverts are ignored in FAULT.
	m.Receive(now, Advert{Src: upper, Priority: 50})
	act(t, m)
	m.SetFault(now.Add(time.Second), false)
	act(t, m, notifyBackup)
	if m.State() != Backup || m.Deadline() != now.Add(time.Second+3609375*time.Microsecond) {
		t.Fatalf("state %v deadline %v", m.State(), m.Deadline().Sub(now))
	}
}

func TestFaultOwnerRecoversToMaster(t *testing.T) {
	m := New(Config{InitialMaster: true, LocalAddr: local})
	m.SetFault(t0, true)
	m.Start(t0, 0)
	act(t, m, removeVIPs, notifyFault)
	m.SetFault(at(time.Second), false)
	act(t, m, addVIPs, notifyMaster, advert(255))
}

func TestShutdown(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	now := becomeMaster(t, m)
	m.Shutdown(now)
	act(t, m, advert(0), removeVIPs, notifyStop)
	if m.State() != Stop || !m.Deadline().IsZero() {
		t.Fatalf("state %v", m.State())
	}
	b := newBackup(t, Config{Priority: 100})
	b.Shutdown(t0)
	act(t, b, notifyStop)
}

func TestSetPriorityChangesAdvertAndSkew(t *testing.T) {
	m := newBackup(t, Config{Priority: 100})
	m.SetPriority(t0, 200)
	m.Receive(at(time.Second), Advert{Src: upper, Priority: 250})
	if want := at(time.Second + 3*time.Second + 218750*time.Microsecond); m.Deadline() != want {
		t.Fatalf("deadline %v", m.Deadline().Sub(t0))
	}
	now := becomeMaster(t, m)
	if now != at(time.Second+3218750*time.Microsecond) {
		t.Fatal(now)
	}
	m.SetPriority(now, 90)
	m.Tick(now.Add(time.Second))
	act(t, m, advert(90))
}
