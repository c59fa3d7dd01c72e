package vrrp

import (
	"context"
	"net/netip"
	"sync"
	"testing"
	"time"

	"hakeep/vrrp/fsm"
	"hakeep/vrrp/wire"
)

type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) Notify(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) has(name string, s fsm.State) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.events {
		if e.Name == name && e.Type == eventOf(s) {
			return true
		}
	}
	return false
}

func instanceCfg(prio uint8, version uint8) InstanceConfig {
	ic := InstanceConfig{Name: "VI_1", Interface: "eth0", VRID: 51, Version: version, Priority: prio,
		AdvertInt: time.Second, VIPs: []VIP{{Prefix: netip.MustParsePrefix("10.0.0.100/24")}}}
	if version == 3 {
		ic.AdvertInt = 50 * time.Millisecond
	}
	return ic
}

// eventually polls cond for up to 10s: these tests wait on real timers of
// a few hundred milliseconds, and only fail if the condition never holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func state(e *Engine) fsm.State {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s := e.Snapshot(ctx).Instances
	if len(s) == 0 {
		return fsm.Init
	}
	return s[0].State
}

func start(t *testing.T, e *Engine) (cancel func(), done chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return cancel, done
}

func TestEngineElectionAndFailover(t *testing.T) {
	h := &hub{}
	na, nb := newFakeNet(h, "10.0.0.1"), newFakeNet(h, "10.0.0.2")
	ra, rb := &recorder{}, &recorder{}
	a := NewEngine(Config{Instances: []InstanceConfig{instanceCfg(200, 3)}}, Deps{Net: na, Notifier: ra})
	b := NewEngine(Config{Instances: []InstanceConfig{instanceCfg(100, 3)}}, Deps{Net: nb, Notifier: rb})
	stopA, doneA := start(t, a)
	start(t, b)
	eventually(t, "a MASTER", func() bool { return state(a) == fsm.Master })
	eventually(t, "b BACKUP with adverts", func() bool {
		s := b.Snapshot(context.Background()).Instances
		return s[0].State == fsm.Backup && s[0].Stats.AdvertRcvd > 3
	})
	if !na.hasVIP("10.0.0.100/24") || nb.hasVIP("10.0.0.100/24") {
		t.Fatal("VIP not on the master only")
	}
	stopA()
	if err := <-doneA; err != nil {
		t.Fatal(err)
	}
	doneA <- nil
	if na.hasVIP("10.0.0.100/24") || !ra.has("VI_1", fsm.Stop) {
		t.Fatal("a kept its VIP or did not report STOP")
	}
	eventually(t, "b MASTER", func() bool { return state(b) == fsm.Master })
	s := b.Snapshot(context.Background()).Instances[0]
	if s.Stats.PriZeroRcvd != 1 || !nb.hasVIP("10.0.0.100/24") || !rb.has("VI_1", fsm.Master) {
		t.Fatalf("after failover: %+v", s)
	}
}

func TestEngineAuthMismatchCounted(t *testing.T) {
	h := &hub{}
	na, nb := newFakeNet(h, "10.0.0.1"), newFakeNet(h, "10.0.0.2")
	ca, cb := instanceCfg(200, 2), instanceCfg(100, 2)
	ca.Auth = Auth{Type: wire.AuthSimple, Password: "right"}
	cb.Auth = Auth{Type: wire.AuthSimple, Password: "wrong"}
	ca.InitialMaster, ca.Priority = true, 255
	a := NewEngine(Config{Instances: []InstanceConfig{ca}}, Deps{Net: na, Notifier: &recorder{}})
	b := NewEngine(Config{Instances: []InstanceConfig{cb}}, Deps{Net: nb, Notifier: &recorder{}})
	start(t, a)
	start(t, b)
	eventually(t, "auth failures counted", func() bool {
		return b.Snapshot(context.Background()).Instances[0].Stats.AuthFailure > 0
	})
	if got := b.Snapshot(context.Background()).Instances[0].Stats.AdvertRcvd; got != 0 {
		t.Fatalf("accepted %d adverts with a wrong password", got)
	}
}

func TestEngineInterfaceDownFault(t *testing.T) {
	h := &hub{}
	na := newFakeNet(h, "10.0.0.1")
	ra := &recorder{}
	ic := instanceCfg(255, 3)
	ic.InitialMaster = true
	a := NewEngine(Config{Instances: []InstanceConfig{ic}}, Deps{Net: na, Notifier: ra})
	start(t, a)
	eventually(t, "MASTER", func() bool { return state(a) == fsm.Master })
	na.setUp(false)
	eventually(t, "FAULT", func() bool { return state(a) == fsm.Fault })
	if na.hasVIP("10.0.0.100/24") {
		t.Fatal("VIP kept in FAULT")
	}
	na.setUp(true)
	eventually(t, "MASTER again", func() bool { return state(a) == fsm.Master })
}

func TestEngineReloadKeepsUnchanged(t *testing.T) {
	h := &hub{}
	na := newFakeNet(h, "10.0.0.1")
	ra := &recorder{}
	ic := instanceCfg(255, 3)
	ic.InitialMaster = true
	other := instanceCfg(100, 3)
	other.Name, other.VRID = "VI_2", 52
	other.VIPs = []VIP{{Prefix: netip.MustParsePrefix("10.0.0.102/24")}}
	a := NewEngine(Config{Instances: []InstanceConfig{ic}}, Deps{Net: na, Notifier: ra})
	start(t, a)
	eventually(t, "MASTER", func() bool { return state(a) == fsm.Master })
	before := a.Snapshot(context.Background()).Instances[0].LastTransition
	if err := a.Reload(context.Background(), Config{Instances: []InstanceConfig{ic, other}}); err != nil {
		t.Fatal(err)
	}
	s := a.Snapshot(context.Background()).Instances
	if len(s) != 2 || s[0].State != fsm.Master || !s[0].LastTransition.Equal(before) {
		t.Fatalf("after reload: %+v", s)
	}
	eventually(t, "VI_2 MASTER", func() bool { return a.Snapshot(context.Background()).Instances[1].State == fsm.Master })
	// A changed priority changes only that: the master stays master, with
	// its addresses and without a new transition.
	changed := ic
	changed.Priority = 254
	changed.InitialMaster = false
	a.Reload(context.Background(), Config{Instances: []InstanceConfig{changed}})
	s = a.Snapshot(context.Background()).Instances
	if len(s) != 1 || s[0].State != fsm.Master || s[0].BasePriority != 254 || !s[0].LastTransition.Equal(before) ||
		!na.hasVIP("10.0.0.100/24") {
		t.Fatalf("after changing reload: %+v", s)
	}
	if !ra.has("VI_2", fsm.Stop) && !ra.has("VI_2", fsm.Fault) {
		t.Fatal("removed VI_2 reported nothing")
	}
	// A changed VRID is another router: the old one goes, the new one
	// starts from BACKUP.
	other.VRID = 53
	a.Reload(context.Background(), Config{Instances: []InstanceConfig{changed, other}})
	eventually(t, "VI_2 on VRID 53 MASTER", func() bool {
		s := a.Snapshot(context.Background()).Instances
		return len(s) == 2 && s[1].State == fsm.Master && s[1].Config.VRID == 53
	})
}

func TestEventCommandsAndFIFO(t *testing.T) {
	e := Event{Name: "VI_1", Type: EventMaster, Priority: 100,
		Scripts: Notify{Master: &Script{Args: []string{"/bin/m.sh"}}, Generic: &Script{Args: []string{"/bin/n.sh", "x"}}}}
	got := e.Commands()
	if len(got) != 2 || got[0].Args[0] != "/bin/m.sh" || len(got[1].Args) != 6 || got[1].Args[2] != "INSTANCE" ||
		got[1].Args[3] != "VI_1" || got[1].Args[4] != "MASTER" || got[1].Args[5] != "100" {
		t.Fatalf("commands %v", got)
	}
	if l := e.FIFOLine(); l != "INSTANCE \"VI_1\" MASTER 100\n" {
		t.Fatalf("fifo line %q", l)
	}
	d := Event{Name: "VI_1", Type: EventDeleted, Scripts: Notify{Generic: &Script{Args: []string{"/bin/n.sh"}}}}
	if got := d.Commands(); len(got) != 1 || got[0].Args[3] != "DELETED" {
		t.Fatalf("deleted commands %v", got)
	}
	lp := Event{Name: "VI_1", Type: EventMasterRxLowerPri, Priority: 90,
		Scripts: Notify{MasterRxLowerPri: &Script{Args: []string{"/bin/l.sh"}}, Generic: &Script{Args: []string{"/bin/n.sh"}}}}
	if got := lp.Commands(); len(got) != 1 || len(got[0].Args) != 1 {
		t.Fatalf("master_rx_lower_pri commands %v", got)
	}
	if l := lp.FIFOLine(); l != "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 90\n" {
		t.Fatalf("fifo line %q", l)
	}
	g := Event{Group: true, Name: "G", Type: EventFault}
	if l := g.FIFOLine(); l != "GROUP \"G\" FAULT 0\n" {
		t.Fatalf("fifo line %q", l)
	}
}
