package fsm

import "time"

// Group is a vrrp_sync_group: its instances change state together
// (keepalived vrrp_sync.c). A member may only become master when every
// other member wants to as well; once one does, the others follow; when
// one steps down, the others step down; when one faults, all fault until
// every member is clear again.
type Group struct {
	members []*Machine
}

// NewGroup binds the machines into a sync group.
func NewGroup(ms ...*Machine) *Group {
	g := &Group{members: ms}
	for _, m := range ms {
		m.group = g
	}
	return g
}

// Ungroup takes the machine out of any sync group (a reload moved it).
func (m *Machine) Ungroup() { m.group = nil }

// Members are the group's machines, in configuration order.
func (g *Group) Members() []*Machine { return g.members }

// State is the group state keepalived reports: FAULT if any member is,
// else MASTER if any member is, else BACKUP.
func (g *Group) State() State {
	s := Backup
	for _, m := range g.members {
		switch m.state {
		case Fault:
			return Fault
		case Master:
			s = Master
		}
	}
	return s
}

func (g *Group) canGoMaster(m *Machine) bool {
	for _, o := range g.members {
		if o != m && !o.wantMaster && o.state != Master {
			return false
		}
	}
	return true
}

func (g *Group) syncMaster(now time.Time, from *Machine) {
	for _, o := range g.members {
		if o != from && o.state == Backup {
			o.gotoMaster(now, true)
		}
	}
}

func (g *Group) syncBackup(now time.Time, from *Machine) {
	for _, o := range g.members {
		if o != from && o.state == Master {
			o.leaveMaster(now, true)
		}
	}
}

func (g *Group) faulty() bool {
	for _, m := range g.members {
		if m.ownFault {
			return true
		}
	}
	return false
}

func (g *Group) syncFault(now time.Time, from *Machine) {
	for _, o := range g.members {
		if o != from && o.state != Init && o.state != Stop {
			o.enterFault(now)
		}
	}
}

func (g *Group) tryUp(now time.Time) {
	if g.faulty() {
		return
	}
	for _, o := range g.members {
		o.leaveFault(now)
	}
}
