package fsm

import (
	"testing"
	"time"
)

func TestSyncGroupWaitsForAllMembers(t *testing.T) {
	a := New(Config{Priority: 100, LocalAddr: local})
	b := New(Config{Priority: 100, LocalAddr: local})
	g := NewGroup(a, b)
	a.Start(t0, 0)
	b.Start(t0, 0)
	a.Actions()
	b.Actions()
	// b keeps hearing a master; a's timer runs out but it must wait.
	b.Receive(at(3*time.Second), Advert{Src: upper, Priority: 200, Interval: time.Second})
	a.Tick(a.Deadline())
	if a.State() != Backup {
		t.Fatalf("a went %v while b hears a master", a.State())
	}
	act(t, a)
	// When b's timer runs out too, both become master together.
	b.Tick(b.Deadline())
	if a.State() != Master || b.State() != Master || g.State() != Master {
		t.Fatalf("states %v %v", a.State(), b.State())
	}
	act(t, b, addVIPs, notifyMaster, advert(100))
	act(t, a, addVIPs, notifyMaster, advert(100))

	// One yields, both yield.
	now := b.Deadline()
	a.Receive(now, Advert{Src: upper, Priority: 200})
	if a.State() != Backup || b.State() != Backup {
		t.Fatalf("states %v %v", a.State(), b.State())
	}
	act(t, a, removeVIPs, notifyBackup)
	act(t, b, removeVIPs, notifyBackup)
}

func TestSyncGroupFault(t *testing.T) {
	a := New(Config{Priority: 100, LocalAddr: local})
	b := New(Config{Priority: 100, LocalAddr: local})
	g := NewGroup(a, b)
	a.Start(t0, 0)
	b.Start(t0, 0)
	a.Actions()
	b.Actions()
	a.SetFault(at(time.Second), true)
	if a.State() != Fault || b.State() != Fault || g.State() != Fault {
		t.Fatalf("states %v %v", a.State(), b.State())
	}
	act(t, b, notifyFault)
	b.SetFault(at(2*time.Second), true)
	a.SetFault(at(3*time.Second), false)
	if a.State() != Fault {
		t.Fatal("a left FAULT while b is still down")
	}
	b.SetFault(at(4*time.Second), false)
	if a.State() != Backup || b.State() != Backup {
		t.Fatalf("states %v %v", a.State(), b.State())
	}
}
