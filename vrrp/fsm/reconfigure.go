package fsm

import "time"

// Reconfigure applies a reloaded configuration to a running machine
// without a transition: the state, the master last heard and the timers
// carry over, as keepalived keeps an instance that a SIGHUP reload finds
// again (vrrp_daemon.c reload_vrrp_thread, vrrp.c clear_diff_vrrp). A new
// base priority takes effect at once (the caller then sets the effective
// priority from its tracking); the advert interval applies from the next
// timer.
func (m *Machine) Reconfigure(now time.Time, cfg Config) {
	cfg = cfg.withDefaults()
	old := m.cfg
	m.cfg = cfg
	if cfg.Priority != old.Priority {
		// An owner that stepped down to 254 after a conflict stays down
		// until its priority is configured anew.
		m.base = cfg.Priority
		m.SetPriority(now, cfg.Priority)
	}
	if cfg.AdvertInt != old.AdvertInt {
		if m.state != Backup || cfg.Version != 3 {
			m.masterAdverInt = cfg.AdvertInt
		}
		if m.state == Master {
			m.arm(now)
		}
	}
	if cfg.Nopreempt || cfg.PreemptDelay == 0 {
		m.preemptAt = time.Time{}
	}
	if m.state == Backup {
		old := m.downTimer
		m.downTimer = m.msDown()
		if !m.deadline.IsZero() {
			m.deadline = m.deadline.Add(m.downTimer - old)
		}
	}
}

// Resume starts a machine directly in MASTER: a reload replaced a
// running master's instance with one it matches (same VRID, interface and
// family), which keepalived keeps as master without a new election
// (vrrp_scheduler.c vrrp_init_state, "reload" case). The addresses are
// (re)installed and an advert goes out at once, but no notification is
// sent: the state did not change.
func (m *Machine) Resume(now time.Time, s State) {
	m.masterAdverInt = m.cfg.AdvertInt
	m.lastTransition = now
	switch {
	case s == Master && !m.ownFault && (m.group == nil || !m.group.faulty()):
		m.state = Master
		m.wantMaster = true
		m.vipSet = true
		m.emit(Action{Kind: AddVIPs})
		m.emit(Action{Kind: SendAdvert, Priority: m.eff})
		m.arm(now)
	case s == Fault || m.ownFault:
		m.emit(Action{Kind: RemoveVIPs})
		m.state = Fault
		m.arm(now)
	default:
		m.emit(Action{Kind: RemoveVIPs})
		m.state = Backup
		m.downTimer = m.msDown()
		m.arm(now)
	}
}
