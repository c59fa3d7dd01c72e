package daemon

import (
	"log/slog"

	"hakeep/ipvs/lvs"
	"hakeep/keepalived/config"
	"hakeep/keepalived/lvsmap"
	"hakeep/vrrp"
)

// lvsSync is lvs_sync_daemon with "inst VRRP_INSTANCE": the VRRP side
// runs IPVS's connection sync daemon as master while the instance is
// MASTER and as backup once it leaves MASTER (vrrp.c). It returns nil
// when the configuration has no such daemon, else the notifier to add to
// the VRRP engine's and what stops the daemon on shutdown.
func lvsSync(cfg *config.Config, log *slog.Logger) (vrrp.Notifier, func()) {
	m := lvsmap.Map(cfg)
	if m.SyncDaemonInstance == "" || m.SyncDaemon == nil {
		return nil, nil
	}
	d := *m.SyncDaemon
	found := false
	for _, in := range cfg.VRRP.Instances {
		if in.Name == m.SyncDaemonInstance {
			found = true
			// Without a syncid, the instance's VRID is used.
			if cfg.Global.LVSSyncDaemon.SyncID == nil {
				d.SyncID = uint32(in.VRID)
			}
		}
	}
	if !found {
		return nil, nil
	}
	f := &lvs.SyncFollower{Instance: m.SyncDaemonInstance, Daemon: d, Log: log}
	return syncNotifier{f}, f.Stop
}

// syncNotifier passes instance transitions to the follower.
type syncNotifier struct{ f *lvs.SyncFollower }

func (n syncNotifier) Notify(e vrrp.Event) {
	if e.Group {
		return
	}
	switch e.Type {
	case vrrp.EventMaster:
		n.f.State(e.Name, true)
	case vrrp.EventBackup, vrrp.EventFault, vrrp.EventStop, vrrp.EventDeleted:
		n.f.State(e.Name, false)
	}
}
