package lvs

import (
	"log/slog"
	"testing"

	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
	"hakeep/ipvs/ipvstest"
)

// The sync daemon follows the instance: master while MASTER, backup once
// it leaves MASTER, nothing while it has not been MASTER.
func TestSyncFollower(t *testing.T) {
	k := ipvstest.New()
	c, err := ipvsnl.New(k.Socket())
	if err != nil {
		t.Fatal(err)
	}
	log := &lines{}
	f := &SyncFollower{Instance: "VI_1", Daemon: ipvs.Daemon{Interface: "eth0", SyncID: 51},
		Dial: func() (Kernel, error) { return c, nil }, Log: slog.New(log)}
	daemons := func() []ipvs.DaemonState {
		ds, err := c.Daemons()
		if err != nil {
			t.Fatal(err)
		}
		var out []ipvs.DaemonState
		for _, d := range ds {
			if d.SyncID != 51 || d.Interface != "eth0" {
				t.Errorf("daemon %+v", d)
			}
			out = append(out, d.State)
		}
		return out
	}
	f.State("VI_1", false)
	f.State("VI_2", true)
	if ds := daemons(); len(ds) != 0 {
		t.Errorf("daemons before MASTER: %v", ds)
	}
	f.State("VI_1", true)
	if ds := daemons(); len(ds) != 1 || ds[0] != ipvs.DaemonMaster {
		t.Errorf("daemons as MASTER: %v", ds)
	}
	// keepalived stops the backup daemon first, which is not running.
	if got := log.take(); len(got) != 1 || got[0] != "IPVS cmd IP_VS_SO_SET_STOPDAEMON(1164) error: No daemon is running(3)" {
		t.Errorf("log %q", got)
	}
	f.State("VI_1", false)
	if ds := daemons(); len(ds) != 1 || ds[0] != ipvs.DaemonBackup {
		t.Errorf("daemons after MASTER: %v", ds)
	}
	f.Stop()
	if ds := daemons(); len(ds) != 0 {
		t.Errorf("daemons after stop: %v", ds)
	}
}
