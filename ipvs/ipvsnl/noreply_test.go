package ipvsnl

import (
	"errors"
	"fmt"
	"testing"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
	"hakeep/ipvs/ipvstest"
)

// silentStop is the fake kernel behind a socket that loses the answer to
// IPVS_CMD_DEL_DAEMON, as netlink does when stop_sync_thread returns
// -EINTR; with forward false the request is lost too (a daemon that keeps
// running).
type silentStop struct {
	genl.Socket
	forward bool
	pending bool
}

func (s *silentStop) Send(b []byte) error {
	if len(b) > 16 && b[16] == cmdDelDaemon {
		s.pending = true
		if !s.forward {
			return nil
		}
	}
	return s.Socket.Send(b)
}

func (s *silentStop) Receive() ([]byte, error) {
	if s.pending {
		s.pending = false
		if s.forward {
			if _, err := s.Socket.Receive(); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("%w within 2s", genl.ErrNoReply)
	}
	return s.Socket.Receive()
}

func TestStopDaemonWithoutAck(t *testing.T) {
	for _, forward := range []bool{true, false} {
		sock := &silentStop{Socket: ipvstest.New().Socket(), forward: forward}
		c, err := New(sock)
		if err != nil {
			t.Fatal(err)
		}
		master := ipvs.Daemon{State: ipvs.DaemonMaster, Interface: "eth0", SyncID: 1}
		if err := c.StartDaemon(master); err != nil {
			t.Fatal(err)
		}
		err = c.StopDaemon(ipvs.DaemonMaster)
		ds, derr := c.Daemons()
		if derr != nil {
			t.Fatal(derr)
		}
		switch {
		case forward && (err != nil || len(ds) != 0):
			t.Errorf("daemon stopped without an ack: %v, daemons %+v (want nil, none)", err, ds)
		case !forward && (!errors.Is(err, genl.ErrNoReply) || len(ds) != 1):
			t.Errorf("daemon still running without an ack: %v, daemons %+v (want ErrNoReply, one)", err, ds)
		}
	}
}
