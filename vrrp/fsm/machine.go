package fsm

import (
	"net/netip"
	"time"
)

// PriorityOwner is the address owner's priority (RFC 5798 §5.2.4).
const PriorityOwner = 255

// Config is what the state machine needs of an instance. Zero values
// take keepalived's defaults.
type Config struct {
	// Version is the VRRP version, 2 (default) or 3.
	Version uint8
	// Priority is the base priority, 1..255; 0 means 255 when
	// InitialMaster is set, else 100 (vrrp.c vrrp_complete_instance).
	Priority uint8
	// AdvertInt is the advertisement interval; 0 means 1s.
	AdvertInt time.Duration
	// InitialMaster is keepalived's "state MASTER". Only the address owner
	// (priority 255) takes over at once; keepalived 2.2.7 makes every
	// other instance wait the master down interval in BACKUP first
	// (observed, see vrrp/testdata/README.md).
	InitialMaster bool
	// Nopreempt keeps a lower priority master in place (RFC 5798 §6.1
	// Preempt_Mode false).
	Nopreempt bool
	// PreemptDelay delays preemption of a lower priority master.
	PreemptDelay time.Duration
	// HigherPrioSendAdvert makes a master that hears a higher priority
	// advert send one of its own before yielding
	// (vrrp_higher_prio_send_advert).
	HigherPrioSendAdvert bool
	// LowerPrioNoAdvert stops a master answering a lower priority advert
	// with an immediate advert of its own (vrrp_lower_prio_no_advert;
	// keepalived answers by default, forcing a new election).
	LowerPrioNoAdvert bool
	// AnnounceLowerPrio asks for AnnounceLowerPrio actions
	// (vrrp_garp_lower_prio_repeat > 0).
	AnnounceLowerPrio bool
	// DownTimerAdverts is the number of adverts in the master down
	// interval; 0 means 3.
	DownTimerAdverts int
	// LocalAddr is our advert source address, the tie-breaker between
	// equal priorities (RFC 5798 §6.4.3: the higher primary address wins).
	LocalAddr netip.Addr
}

func (c Config) withDefaults() Config {
	if c.Version == 0 {
		c.Version = 2
	}
	if c.Priority == 0 {
		c.Priority = 100
		if c.InitialMaster {
			c.Priority = PriorityOwner
		}
	}
	if c.AdvertInt <= 0 {
		c.AdvertInt = time.Second
	}
	if c.DownTimerAdverts <= 0 {
		c.DownTimerAdverts = 3
	}
	if c.Priority == PriorityOwner {
		// keepalived: nopreempt and preempt_delay are meaningless for the
		// owner and for an initial MASTER; it clears them with a warning.
		c.Nopreempt = false
	}
	if c.InitialMaster {
		c.Nopreempt, c.PreemptDelay = false, 0
	}
	if c.Nopreempt {
		c.PreemptDelay = 0
	}
	return c
}

// Advert is a received advertisement that passed the receive checks.
type Advert struct {
	Src      netip.Addr
	Priority uint8
	// Interval is the advertised interval (VRRPv3 adopts it).
	Interval time.Duration
}

// Stats are the transition counters keepalived prints in its stats file.
type Stats struct {
	BecameMaster   uint64 // "Became master"
	ReleasedMaster uint64 // "Released master"
	PriZeroSent    uint64 // "Priority Zero: Sent"
}

// Machine is one instance's state machine.
type Machine struct {
	cfg  Config
	base uint8 // may drop from 255 to 254 on an owner conflict
	eff  uint8

	state      State
	wantMaster bool // keepalived's wantstate == MASTER, for sync groups
	ownFault   bool // a tracked object of this instance is down
	vipSet     bool

	masterAdverInt time.Duration
	downTimer      time.Duration
	deadline       time.Time // keepalived's "sands"
	preemptAt      time.Time
	startAt        time.Time // vrrp_startup_delay end
	masterAddr     netip.Addr
	masterPrio     uint8
	lastTransition time.Time

	group *Group
	stats Stats
	out   []Action
}

// New returns a machine in INIT; Start begins it.
func New(cfg Config) *Machine {
	cfg = cfg.withDefaults()
	return &Machine{cfg: cfg, base: cfg.Priority, eff: cfg.Priority, state: Init, masterAdverInt: cfg.AdvertInt}
}

// State is the current state.
func (m *Machine) State() State { return m.state }

// Priority is the effective priority.
func (m *Machine) Priority() uint8 { return m.eff }

// BasePriority is the configured priority (after an owner conflict, 254).
func (m *Machine) BasePriority() uint8 { return m.base }

// Deadline is when Tick must next be called; zero when no timer runs.
func (m *Machine) Deadline() time.Time { return m.deadline }

// MasterAdverInt is the master's advert interval as last learned.
func (m *Machine) MasterAdverInt() time.Duration { return m.masterAdverInt }

// DownTimer is the current master down interval.
func (m *Machine) DownTimer() time.Duration { return m.downTimer }

// Master is the last master heard from and its priority.
func (m *Machine) Master() (netip.Addr, uint8) { return m.masterAddr, m.masterPrio }

// LastTransition is when the state last changed.
func (m *Machine) LastTransition() time.Time { return m.lastTransition }

// Stats returns the transition counters.
func (m *Machine) Stats() Stats { return m.stats }

// Actions returns the actions collected since the last call, in order,
// and empties the outbox. The slice is valid until the next event.
func (m *Machine) Actions() []Action {
	out := m.out
	m.out = m.out[:0]
	return out
}

func (m *Machine) emit(a Action) { m.out = append(m.out, a) }

func (m *Machine) msDown() time.Duration {
	return masterDown(m.cfg.Version, m.eff, m.cfg.DownTimerAdverts, m.masterAdverInt)
}

// arm sets the deadline for the current state (vrrp_scheduler.c
// vrrp_init_instance_sands): the advert interval in MASTER, the down
// timer in BACKUP, counted from the end of vrrp_startup_delay if that is
// still ahead.
func (m *Machine) arm(now time.Time) {
	switch m.state {
	case Master:
		m.deadline = now.Add(m.cfg.AdvertInt)
	case Backup:
		from := now
		if now.Before(m.startAt) {
			from = m.startAt
		}
		m.deadline = from.Add(m.downTimer)
	default:
		m.deadline = time.Time{}
	}
}

func (m *Machine) setState(now time.Time, s State) {
	m.state = s
	m.lastTransition = now
	m.emit(Action{Kind: Notify, State: s})
}

// Start leaves INIT. startupDelay is vrrp_startup_delay: no instance may
// become master before it has passed. keepalived removes any leftover
// virtual addresses first; the address owner with "state MASTER" takes
// over at once, every other instance enters BACKUP and waits the master
// down interval (vrrp_scheduler.c vrrp_init_state).
func (m *Machine) Start(now time.Time, startupDelay time.Duration) {
	m.startAt = now.Add(startupDelay)
	m.emit(Action{Kind: RemoveVIPs})
	m.masterAdverInt = m.cfg.AdvertInt
	if m.ownFault || (m.group != nil && m.group.faulty()) {
		m.setState(now, Fault)
		m.arm(now)
		return
	}
	m.state = Backup
	if m.cfg.InitialMaster && m.base == PriorityOwner {
		m.wantMaster = true
		m.downTimer = time.Microsecond
		m.arm(now)
		return
	}
	m.downTimer = m.msDown()
	m.setState(now, Backup)
	m.arm(now)
}

// Tick handles timer expiry; it does nothing before Deadline.
func (m *Machine) Tick(now time.Time) {
	if m.deadline.IsZero() || now.Before(m.deadline) {
		return
	}
	switch m.state {
	case Backup:
		// RFC 5798 §6.4.2: Master_Down_Timer fired.
		m.wantMaster = true
		m.gotoMaster(now, false)
		if m.state == Backup {
			m.arm(now)
		}
	case Master:
		m.emit(Action{Kind: SendAdvert, Priority: m.eff})
		m.arm(now)
	}
}

// gotoMaster enters MASTER unless a sync group holds it back
// (vrrp_sync.c vrrp_sync_can_goto_master); forced by the group itself.
func (m *Machine) gotoMaster(now time.Time, forced bool) {
	if !forced && m.group != nil && !m.group.canGoMaster(m) {
		return
	}
	m.wantMaster = true
	m.stats.BecameMaster++
	m.vipSet = true
	// vrrp.c vrrp_state_become_master: addresses first, then the GARPs
	// (part of AddVIPs), notifies, and the first advert.
	m.emit(Action{Kind: AddVIPs})
	m.setState(now, Master)
	m.emit(Action{Kind: SendAdvert, Priority: m.eff})
	m.arm(now)
	if m.group != nil && !forced {
		m.group.syncMaster(now, m)
	}
}

// leaveMaster drops to BACKUP (vrrp.c vrrp_state_leave_master). keepalived
// resets Master_Adver_Interval to our own interval here, even when the
// advert that displaced us carried another (VRRPv3).
func (m *Machine) leaveMaster(now time.Time, forced bool) {
	m.wantMaster = false
	m.preemptAt = time.Time{}
	m.masterAdverInt = m.cfg.AdvertInt
	m.emit(Action{Kind: RemoveVIPs})
	m.vipSet = false
	m.setState(now, Backup)
	m.downTimer = m.msDown()
	m.stats.ReleasedMaster++
	m.arm(now)
	if m.group != nil && !forced {
		m.group.syncBackup(now, m)
	}
}

// Receive handles an advert that passed the receive checks.
func (m *Machine) Receive(now time.Time, a Advert) {
	switch m.state {
	case Backup:
		m.receiveBackup(now, a)
	case Master:
		m.receiveMaster(now, a)
	}
}

// receiveBackup is RFC 5798 §6.4.2 as keepalived implements it (vrrp.c
// vrrp_state_backup).
func (m *Machine) receiveBackup(now time.Time, a Advert) {
	switch {
	case a.Priority == 0:
		// RFC 5798 §6.4.2: Skew_Time, so the best backup takes over first.
		m.downTimer = skew(m.cfg.Version, m.eff, m.masterAdverInt)
	case m.cfg.Nopreempt || a.Priority >= m.eff ||
		(m.cfg.PreemptDelay > 0 && (m.preemptAt.IsZero() || m.preemptAt.After(now))):
		if m.cfg.Version == 3 {
			// RFC 5798 §6.4.2: adopt the master's interval.
			m.masterAdverInt = a.Interval
		}
		m.downTimer = m.msDown()
		m.masterAddr, m.masterPrio = a.Src, a.Priority
		m.wantMaster = false
		if m.cfg.PreemptDelay > 0 {
			if a.Priority >= m.eff {
				m.preemptAt = time.Time{}
			} else if m.preemptAt.IsZero() {
				m.preemptAt = now.Add(m.cfg.PreemptDelay)
			}
		}
	default:
		// Preemption: a lower priority master's adverts are ignored so the
		// down timer runs out (the deadline stays where it was).
		m.masterAddr = a.Src
		return
	}
	m.arm(now)
}

// receiveMaster is RFC 5798 §6.4.3 with keepalived's additions (vrrp.c
// vrrp_state_master_rx).
func (m *Machine) receiveMaster(now time.Time, a Advert) {
	cmp := a.Src.Compare(m.cfg.LocalAddr)
	if a.Priority == 0 || (m.cfg.HigherPrioSendAdvert && (a.Priority > m.eff || (a.Priority == m.eff && cmp > 0))) {
		// RFC 5798 §6.4.3: answer priority 0 at once.
		m.emit(Action{Kind: SendAdvert, Priority: m.eff})
		if a.Priority == 0 {
			return
		}
	}
	if a.Priority == m.eff && cmp != 0 && m.eff == PriorityOwner {
		// Two address owners: keepalived reports a configuration error
		// and steps down to 254 so the election can settle.
		m.base, m.eff = PriorityOwner-1, PriorityOwner-1
	}
	switch {
	case a.Priority < m.eff || (a.Priority == m.eff && cmp < 0):
		if !m.cfg.LowerPrioNoAdvert {
			m.emit(Action{Kind: SendAdvert, Priority: m.eff})
		}
		if m.cfg.AnnounceLowerPrio {
			m.emit(Action{Kind: AnnounceLowerPrio})
		}
	case a.Priority > m.eff || (a.Priority == m.eff && cmp > 0):
		m.masterAddr, m.masterPrio = a.Src, a.Priority
		m.leaveMaster(now, false)
	}
}

// SetPriority changes the effective priority (tracking weights). The
// change shows in the next advert and in the skew; keepalived does not
// force an election, but a backup's running down timer moves by the
// change in the master down interval (vrrp_track.c
// vrrp_set_effective_priority).
func (m *Machine) SetPriority(now time.Time, eff uint8) {
	if eff == 0 {
		eff = 1
	}
	if eff == m.eff {
		return
	}
	m.eff = eff
	if m.state == Backup && !m.deadline.IsZero() && m.downTimer > time.Microsecond {
		old := m.downTimer
		m.downTimer = m.msDown()
		m.deadline = m.deadline.Add(m.downTimer - old)
	}
}

// SetFault reports whether a tracked object of this instance is down
// (interface, script with weight 0, file).
func (m *Machine) SetFault(now time.Time, down bool) {
	if m.ownFault == down {
		return
	}
	m.ownFault = down
	if m.state == Init || m.state == Stop {
		return
	}
	if down {
		m.enterFault(now)
		if m.group != nil {
			m.group.syncFault(now, m)
		}
		return
	}
	if m.group != nil {
		m.group.tryUp(now)
		return
	}
	m.leaveFault(now)
}

// enterFault: a master sends priority 0 so a backup takes over quickly
// and releases the addresses (vrrp.c vrrp_state_leave_master with
// wantstate FAULT).
func (m *Machine) enterFault(now time.Time) {
	if m.state == Fault {
		return
	}
	if m.state == Master {
		m.emit(Action{Kind: SendAdvert, Priority: 0})
		m.stats.PriZeroSent++
		m.emit(Action{Kind: RemoveVIPs})
		m.vipSet = false
		m.stats.ReleasedMaster++
	}
	m.wantMaster = false
	m.setState(now, Fault)
	m.arm(now)
}

// leaveFault returns to BACKUP, or to MASTER at once for the address
// owner (vrrp.c vrrp_state_leave_fault, try_up_instance).
func (m *Machine) leaveFault(now time.Time) {
	if m.state != Fault {
		return
	}
	m.masterAdverInt = m.cfg.AdvertInt
	m.downTimer = m.msDown()
	if m.base == PriorityOwner {
		m.state = Backup
		m.gotoMaster(now, false)
		return
	}
	m.setState(now, Backup)
	m.arm(now)
}

// Shutdown stops the instance: a master sends priority 0 so a backup
// takes over within Skew_Time (RFC 5798 §6.4.3 Shutdown event) and
// removes its addresses; every instance reports STOP.
func (m *Machine) Shutdown(now time.Time) {
	if m.state == Stop {
		return
	}
	if m.state == Master {
		m.emit(Action{Kind: SendAdvert, Priority: 0})
		m.stats.PriZeroSent++
		m.emit(Action{Kind: RemoveVIPs})
		m.vipSet = false
	}
	m.wantMaster = false
	m.setState(now, Stop)
	m.deadline = time.Time{}
}

// WantMaster reports keepalived's wantstate == MASTER.
func (m *Machine) WantMaster() bool { return m.wantMaster }

// VIPsSet reports whether the machine last asked for its addresses to be
// installed (keepalived's vipset).
func (m *Machine) VIPsSet() bool { return m.vipSet }
