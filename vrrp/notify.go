package vrrp

import (
	"fmt"
	"strconv"

	"hakeep/vrrp/fsm"
)

// EventType is what a notification reports: a state, or one of the
// events keepalived's notify FIFO carries besides states.
type EventType uint8

// Notification types, named as keepalived's FIFO names them
// (vrrp_notify.c notify_fifo).
const (
	EventBackup EventType = iota + 1
	EventMaster
	EventFault
	EventStop
	// EventDeleted is an instance removed by a reload with notify_deleted
	// set (keepalived reports FAULT otherwise).
	EventDeleted
	// EventMasterRxLowerPri is a master hearing a lower priority advert
	// (notify_master_rx_lower_pri).
	EventMasterRxLowerPri
	// EventMasterPriority / EventBackupPriority are effective priority
	// changes (notify_priority_changes), by the state they happen in.
	EventMasterPriority
	EventBackupPriority
)

func (t EventType) String() string {
	switch t {
	case EventBackup:
		return "BACKUP"
	case EventMaster:
		return "MASTER"
	case EventFault:
		return "FAULT"
	case EventStop:
		return "STOP"
	case EventDeleted:
		return "DELETED"
	case EventMasterRxLowerPri:
		return "MASTER_RX_LOWER_PRI"
	case EventMasterPriority:
		return "MASTER_PRIORITY"
	case EventBackupPriority:
		return "BACKUP_PRIORITY"
	}
	return "{UNKNOWN}"
}

// eventOf is the notification of entering state s.
func eventOf(s fsm.State) EventType {
	switch s {
	case fsm.Master:
		return EventMaster
	case fsm.Backup:
		return EventBackup
	case fsm.Fault:
		return EventFault
	case fsm.Stop:
		return EventStop
	}
	return 0
}

// IsState reports whether the event is a transition (scripts, email),
// rather than a FIFO-only event.
func (t EventType) IsState() bool { return t >= EventBackup && t <= EventDeleted }

// Event is one notification to deliver.
type Event struct {
	// Group is set for a sync group, else it is an instance's.
	Group bool
	Name  string
	Type  EventType
	// Priority is the effective priority; 0 for a group.
	Priority uint8
	// Scripts are the notify scripts of the instance or group.
	Scripts Notify
	// SMTPAlert is the instance's or group's smtp_alert.
	SMTPAlert bool
}

// Kind is keepalived's first notify argument: "INSTANCE" or "GROUP".
func (e Event) Kind() string {
	if e.Group {
		return "GROUP"
	}
	return "INSTANCE"
}

// FIFOLine is the line keepalived writes to notify_fifo and
// vrrp_notify_fifo (vrrp_notify.c notify_fifo): INSTANCE "VI_1" MASTER 100.
func (e Event) FIFOLine() string {
	return fmt.Sprintf("%s \"%s\" %s %d\n", e.Kind(), e.Name, e.Type, e.Priority)
}

// Commands are the scripts to run for the event, in keepalived's order
// (send_instance_notifies): the state's own script, then the generic
// notify script with the four arguments appended. A deleted instance
// runs notify_deleted's script and reports DELETED to the generic one.
func (e Event) Commands() []Script {
	var out []Script
	var specific *Script
	switch e.Type {
	case EventMaster:
		specific = e.Scripts.Master
	case EventBackup:
		specific = e.Scripts.Backup
	case EventFault:
		specific = e.Scripts.Fault
	case EventStop:
		specific = e.Scripts.Stop
	case EventDeleted:
		specific = e.Scripts.Deleted
	case EventMasterRxLowerPri:
		// send_event_notify: the script alone, without arguments.
		if s := e.Scripts.MasterRxLowerPri; s != nil {
			out = append(out, *s)
		}
		return out
	default:
		return nil
	}
	if specific != nil {
		out = append(out, *specific)
	}
	if g := e.Scripts.Generic; g != nil {
		s := *g
		s.Args = append(append([]string(nil), g.Args...), e.Kind(), e.Name, e.Type.String(), strconv.Itoa(int(e.Priority)))
		out = append(out, s)
	}
	return out
}

// Notifier receives notifications. Notify must not block the engine.
type Notifier interface {
	Notify(Event)
}

// Notifiers delivers each event to every notifier in turn.
type Notifiers []Notifier

// Notify passes e on.
func (ns Notifiers) Notify(e Event) {
	for _, n := range ns {
		n.Notify(e)
	}
}
