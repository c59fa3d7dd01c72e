package ipvs

import (
	"fmt"
	"net/netip"
	"time"
)

// Timeouts are the connection timeouts (ipvsadm --set tcp tcpfin udp).
// On setting, a zero field leaves the kernel's value as it is.
type Timeouts struct {
	TCP, TCPFin, UDP time.Duration
}

// DaemonState is the role of a connection-synchronisation daemon.
type DaemonState uint32

// Sync daemon states (IP_VS_STATE_*).
const (
	DaemonMaster DaemonState = 1
	DaemonBackup DaemonState = 2
)

func (s DaemonState) String() string {
	switch s {
	case DaemonMaster:
		return "master"
	case DaemonBackup:
		return "backup"
	}
	return fmt.Sprintf("state(%d)", uint32(s))
}

// Daemon is a connection-synchronisation daemon (keepalived's lvs_sync_daemon).
// Zero fields take the kernel's defaults when starting (maxlen from the
// interface MTU, group 224.0.0.81 or ff02::8100, port 8848, ttl 1).
type Daemon struct {
	State     DaemonState
	Interface string
	SyncID    uint32
	MaxLen    uint16
	Group     netip.Addr
	Port      uint16
	TTL       uint8
}

// Info is what IPVS says of itself.
type Info struct {
	Version       uint32 // IP_VS_VERSION_CODE, e.g. 0x010201
	ConnTableSize uint32
}

// VersionString renders Version as ipvsadm does ("1.2.1").
func (i Info) VersionString() string {
	return fmt.Sprintf("%d.%d.%d", i.Version>>16&0xff, i.Version>>8&0xff, i.Version&0xff)
}
