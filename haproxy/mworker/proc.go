package mworker

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is a process' type in the list, as 2.6 serialises it.
type Kind byte

const (
	KindMaster  Kind = 'm'
	KindWorker  Kind = 'w'
	KindProgram Kind = 'e'
)

// Proc is one process the master knows (struct mworker_proc).
type Proc struct {
	Kind Kind
	PID  int
	// Reloads is how many reloads the process lived through; the
	// current processes are those with the fewest.
	Reloads int
	// FailedReloads counts the reloads that failed (master only).
	FailedReloads int
	// Timestamp is when the process started, in Unix seconds.
	Timestamp int64
	// ID is a program's name.
	ID string
	// Version is the version the process runs; "(null)" for the master,
	// which 2.6 never fills in.
	Version string
	// IPC is the master's end of the socketpair to a worker, -1 when
	// none.
	IPC int
	// Leaving is set on processes replaced by a reload and still
	// finishing their work.
	Leaving bool
}

// EnvProcesses is where the list travels across a re-execution.
const EnvProcesses = "HAPROXY_PROCESSES"

// Encode serialises the list exactly as mworker_proc_list_to_env() of
// 2.6.12: "|type=m;fd=-1;pid=1;reloads=0;failedreloads=0;timestamp=...;
// id=;version=(null)|type=w;..." (processes without a PID are left out).
func Encode(list []*Proc) string {
	var b strings.Builder
	for _, p := range list {
		if p.PID <= -1 {
			continue
		}
		fmt.Fprintf(&b, "|type=%c;fd=%d;pid=%d;reloads=%d;failedreloads=%d;timestamp=%d;id=%s;version=%s",
			byte(p.Kind), p.IPC, p.PID, p.Reloads, p.FailedReloads, p.Timestamp, p.ID, p.Version)
	}
	return b.String()
}

// Decode reads an Encode'd list back (mworker_env_to_proc_list()) and
// marks as leaving the processes that have lived through more reloads
// than the current ones. Fields it does not know are ignored, as 2.6
// ignores them.
func Decode(env string) []*Proc {
	var list []*Proc
	minReloads := -1
	for _, tok := range strings.Split(env, "|") {
		if tok == "" {
			continue
		}
		p := &Proc{IPC: -1, PID: 0}
		for _, kv := range strings.Split(tok, ";") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "type":
				if v != "" {
					p.Kind = Kind(v[0])
				}
			case "fd":
				p.IPC = atoi(v)
			case "pid":
				p.PID = atoi(v)
			case "reloads":
				p.Reloads = atoi(v)
			case "failedreloads":
				p.FailedReloads = atoi(v)
			case "timestamp":
				p.Timestamp = int64(atoi(v))
			case "id":
				p.ID = v
			case "version":
				p.Version = v
			}
		}
		if p.PID == 0 {
			continue
		}
		if minReloads < 0 || p.Reloads < minReloads {
			minReloads = p.Reloads
		}
		list = append(list, p)
	}
	for _, p := range list {
		if p.Kind != KindMaster && p.Reloads > minReloads {
			p.Leaving = true
		}
	}
	return list
}

// atoi is C's atoi(): leading digits, 0 for none.
func atoi(s string) int {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(s[i:j])
	if neg {
		return -n
	}
	return n
}

// Current returns the worker that serves: the one with the fewest
// reloads (pcli_prefix_to_pid() for "@1"), or nil.
func Current(list []*Proc) *Proc {
	var chosen *Proc
	for _, p := range list {
		if p.Kind != KindWorker {
			continue
		}
		if p.Reloads == 0 {
			return p
		}
		if chosen == nil || p.Reloads < chosen.Reloads {
			chosen = p
		}
	}
	return chosen
}

// Children are the workers and programs, the processes the master
// signals (mworker_kill()).
func Children(list []*Proc) []*Proc {
	var out []*Proc
	for _, p := range list {
		if (p.Kind == KindWorker || p.Kind == KindProgram) && p.PID > 0 {
			out = append(out, p)
		}
	}
	return out
}

// Find returns the process with that PID, or nil.
func Find(list []*Proc, pid int) *Proc {
	for _, p := range list {
		if p.PID == pid {
			return p
		}
	}
	return nil
}
