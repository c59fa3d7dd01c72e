package lvs

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"syscall"

	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
)

// SyncFollower is lvs_sync_daemon with a VRRP instance (keepalived.conf(5)
// global_defs): IPVS's connection synchronisation runs as master while
// the instance is MASTER and as backup once it leaves MASTER
// (ipvs_syncd_master() and ipvs_syncd_backup(), called from vrrp.c), and
// stops with keepalived. It is safe for concurrent use.
type SyncFollower struct {
	// Instance is the VRRP instance followed.
	Instance string
	// Daemon is the daemon's configuration (its State is set here).
	Daemon ipvs.Daemon
	// Dial opens IPVS; nil dials generic netlink.
	Dial func() (Kernel, error)
	// Log: nil discards.
	Log *slog.Logger

	mu     sync.Mutex
	k      Kernel
	master bool
	// running is the state of the daemon started, zero for none.
	running ipvs.DaemonState
}

// State takes an instance's new state.
func (f *SyncFollower) State(instance string, master bool) {
	if instance != f.Instance {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case master && !f.master:
		f.swap(ipvs.DaemonBackup, ipvs.DaemonMaster)
	case !master && f.master:
		f.swap(ipvs.DaemonMaster, ipvs.DaemonBackup)
	}
	f.master = master
}

// Stop stops the daemon started (vrrp_daemon.c stop_vrrp()).
func (f *SyncFollower) Stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.running != 0 && f.kernel() != nil {
		f.cmd("IP_VS_SO_SET_STOPDAEMON(1164)", f.k.StopDaemon(f.running))
	}
	f.running = 0
}

// swap stops one daemon and starts the other.
func (f *SyncFollower) swap(stop, start ipvs.DaemonState) {
	if f.kernel() == nil {
		return
	}
	f.cmd("IP_VS_SO_SET_STOPDAEMON(1164)", f.k.StopDaemon(stop))
	d := f.Daemon
	d.State = start
	f.cmd("IP_VS_SO_SET_STARTDAEMON(1163)", f.k.StartDaemon(d))
	f.running = start
}

func (f *SyncFollower) kernel() Kernel {
	if f.k != nil {
		return f.k
	}
	dial := f.Dial
	if dial == nil {
		dial = func() (Kernel, error) { return ipvsnl.Dial() }
	}
	k, err := dial()
	if err != nil {
		f.logf("IPVS: Can't initialize ipvs: %s", errnoText(syscall.ENOENT))
		return nil
	}
	f.k = k
	return k
}

// cmd logs a refused command as ipvs_talk() does.
func (f *SyncFollower) cmd(name string, err error) {
	if err == nil {
		return
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		f.logf("IPVS cmd %s error: %v", name, err)
		return
	}
	msg := errnoText(errno)
	switch {
	case errno == syscall.EEXIST && name == "IP_VS_SO_SET_STARTDAEMON(1163)":
		msg = "Daemon has already run"
	case errno == syscall.ESRCH && name == "IP_VS_SO_SET_STOPDAEMON(1164)":
		msg = "No daemon is running"
	}
	f.logf("IPVS cmd %s error: %s(%d)", name, msg, int(errno))
}

func (f *SyncFollower) logf(format string, args ...any) {
	if f.Log != nil {
		f.Log.Info(fmt.Sprintf(format, args...))
	}
}
