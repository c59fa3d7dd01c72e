package mworker

import (
	"encoding/json"
	"fmt"
	"syscall"
)

// The environment a master re-executes itself with. The first three are
// 2.6's; EnvState is hakeep's own and only ever read by the master.
const (
	// EnvReexec marks a master started by itself (HAPROXY_MWORKER_REEXEC).
	EnvReexec = "HAPROXY_MWORKER_REEXEC"
	// EnvWaitOnly asks the new image to only wait for its children
	// (HAPROXY_MWORKER_WAIT_ONLY).
	EnvWaitOnly = "HAPROXY_MWORKER_WAIT_ONLY"
	// EnvState carries State.
	EnvState = "HAKEEP_MWORKER_STATE"
)

// State is what a master carries across its re-executions besides the
// process list: the work a loading master hands to its waiting self, and
// the descriptors it keeps open.
type State struct {
	// Pending is the worker the loading master started; the waiting
	// master announces readiness, signals OldPIDs and enforces
	// MaxReloads once it reports ready. 0 when none.
	Pending int `json:"pending,omitempty"`
	// OldPIDs are the -sf/-st processes, told OldSignal (SIGUSR1 to
	// finish, SIGTERM to terminate) when Pending is ready.
	OldPIDs   []int `json:"oldpids,omitempty"`
	OldSignal int   `json:"oldsig,omitempty"`
	// MaxReloads is "mworker-max-reloads", -1 when unset.
	MaxReloads int `json:"maxreloads"`
	// NoExitOnFailure is "master-worker no-exit-on-failure".
	NoExitOnFailure bool `json:"noexit,omitempty"`
	// CLI are the master CLI's listening sockets, in -S order, kept open
	// across re-executions so that clients are never refused.
	CLI []CLISocket `json:"cli,omitempty"`
	// BootCur and BootMax are RLIMIT_NOFILE as the first master found
	// it; they are restored before each re-execution.
	BootCur int `json:"bootcur"`
	BootMax int `json:"bootmax"`
	// ReadyFD is the pipe to the command that started a daemon (-D):
	// it learns that the first worker serves, then the pipe is closed.
	// -1 when none.
	ReadyFD int `json:"readyfd"`
	// Systemd is -Ws.
	Systemd bool `json:"systemd,omitempty"`
}

// CLISocket is one master CLI listener.
type CLISocket struct {
	FD    int    `json:"fd"`
	Level string `json:"level"`
	// Name is the address as the master CLI's "show cli sockets" would
	// name it.
	Name string `json:"name"`
}

// NewState is the state of a master that starts.
func NewState() State {
	return State{MaxReloads: -1, ReadyFD: -1}
}

// Encode renders the state for EnvState.
func (s State) Encode() string {
	b, _ := json.Marshal(s)
	return string(b)
}

// DecodeState reads EnvState.
func DecodeState(v string) (State, error) {
	s := NewState()
	if v == "" {
		return s, nil
	}
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return s, fmt.Errorf("bad %s %q: %w", EnvState, v, err)
	}
	return s, nil
}

// OldSig is OldSignal as a signal.
func (s State) OldSig() syscall.Signal { return syscall.Signal(s.OldSignal) }
