package vrrp

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"time"

	"hakeep/vrrp/fsm"
)

// Event is one state transition to report.
type Event struct {
	// Group is set for a sync group transition, else it is an instance's.
	Group    bool
	Name     string
	State    fsm.State
	Priority uint8
	// Scripts are the configured notify scripts of the instance or group.
	Scripts Notify
}

// Kind is keepalived's first notify argument: "INSTANCE" or "GROUP".
func (e Event) Kind() string {
	if e.Group {
		return "GROUP"
	}
	return "INSTANCE"
}

// FIFOLine is the line keepalived writes to notify_fifo (vrrp_notify.c):
// INSTANCE "VI_1" MASTER 100.
func (e Event) FIFOLine() string {
	return fmt.Sprintf("%s %q %s %d\n", e.Kind(), e.Name, e.State, e.Priority)
}

// Commands are the commands to run for the event, in keepalived's order:
// the state's own script, then the generic notify script with the four
// arguments appended (keepalived.conf(5) "notify").
func (e Event) Commands() [][]string {
	var out [][]string
	var specific []string
	switch e.State {
	case fsm.Master:
		specific = e.Scripts.Master
	case fsm.Backup:
		specific = e.Scripts.Backup
	case fsm.Fault:
		specific = e.Scripts.Fault
	case fsm.Stop:
		specific = e.Scripts.Stop
	}
	if len(specific) > 0 {
		out = append(out, specific)
	}
	if len(e.Scripts.Generic) > 0 {
		g := append(append([]string(nil), e.Scripts.Generic...), e.Kind(), e.Name, e.State.String(), strconv.Itoa(int(e.Priority)))
		out = append(out, g)
	}
	return out
}

// Notifier reports transitions. It must not block the engine.
type Notifier interface {
	Notify(Event)
}

// ScriptNotifier runs the notify scripts and writes the notify FIFO, each
// event in its own goroutine as keepalived forks its scripts.
type ScriptNotifier struct {
	FIFO    string
	Timeout time.Duration
	Log     *slog.Logger
}

// Notify runs the event's scripts and writes its FIFO line.
func (n *ScriptNotifier) Notify(e Event) {
	cmds := e.Commands()
	if len(cmds) == 0 && n.FIFO == "" {
		return
	}
	go n.run(e, cmds)
}

func (n *ScriptNotifier) run(e Event, cmds [][]string) {
	log := n.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if n.FIFO != "" {
		// O_RDWR keeps open from blocking when no reader is there yet.
		if f, err := os.OpenFile(n.FIFO, os.O_RDWR|os.O_APPEND, 0); err != nil {
			log.Warn("notify fifo", "fifo", n.FIFO, "err", err)
		} else {
			f.WriteString(e.FIFOLine())
			f.Close()
		}
	}
	timeout := n.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	for _, c := range cmds {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		if err := exec.CommandContext(ctx, c[0], c[1:]...).Run(); err != nil {
			log.Warn("notify script", "instance", e.Name, "script", c[0], "err", err)
		}
		cancel()
	}
}
