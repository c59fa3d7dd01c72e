// Package fsm is the VRRP state machine of one virtual router instance
// (RFC 3768 §6, RFC 5798 §6) with keepalived 2.2.7's timers and
// departures from the RFCs. It is steppable: no goroutines, no clock, no
// I/O. Events come in with the current time; actions (send an advert, add
// or remove the virtual addresses, notify) collect in an outbox the caller
// drains; Deadline says when Tick must be called next.
package fsm

// State is an instance state. The values are keepalived's (vrrp.h
// VRRP_STATE_*), which its notify FIFO and JSON dump print by name.
type State uint8

// Instance states.
const (
	Init State = iota
	Backup
	Master
	Fault
	Stop State = 98 // VRRP_STATE_STOP in keepalived
)

func (s State) String() string {
	switch s {
	case Init:
		return "INIT"
	case Backup:
		return "BACKUP"
	case Master:
		return "MASTER"
	case Fault:
		return "FAULT"
	case Stop:
		return "STOP"
	}
	return "UNKNOWN"
}

// ActionKind says what the caller must do.
type ActionKind uint8

// Actions.
const (
	// SendAdvert sends an advertisement with Action.Priority (0 on
	// shutdown and on entering FAULT from MASTER).
	SendAdvert ActionKind = iota + 1
	// AddVIPs installs the virtual addresses and starts the gratuitous
	// ARP / unsolicited NA schedule of a new master.
	AddVIPs
	// RemoveVIPs removes the virtual addresses and cancels pending
	// announcements.
	RemoveVIPs
	// Notify reports a transition to Action.State (scripts, FIFO).
	Notify
	// AnnounceLowerPrio re-announces the addresses after a lower priority
	// advert (vrrp_garp_lower_prio_repeat / _delay).
	AnnounceLowerPrio
)

func (k ActionKind) String() string {
	switch k {
	case SendAdvert:
		return "send-advert"
	case AddVIPs:
		return "add-vips"
	case RemoveVIPs:
		return "remove-vips"
	case Notify:
		return "notify"
	case AnnounceLowerPrio:
		return "announce-lower-prio"
	}
	return "unknown"
}

// Action is one thing for the caller to do, in order.
type Action struct {
	Kind     ActionKind
	Priority uint8 // SendAdvert
	State    State // Notify
}
