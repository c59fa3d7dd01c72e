package ipvsnl

import (
	"errors"
	"fmt"
	"time"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
)

// Flush removes every service and destination (ipvsadm -C).
func (c *Client) Flush() error {
	if _, err := c.do(cmdFlush, 0, nil); err != nil {
		return fmt.Errorf("flushing ipvs: %w", err)
	}
	return nil
}

// Zero clears the counters of every service (ipvsadm -Z).
func (c *Client) Zero() error {
	if _, err := c.do(cmdZero, 0, nil); err != nil {
		return fmt.Errorf("zeroing ipvs counters: %w", err)
	}
	return nil
}

// ZeroService clears one service's counters (ipvsadm -Z -t ...).
func (c *Client) ZeroService(k ipvs.ServiceKey) error {
	if _, err := c.do(cmdZero, 0, serviceMessage(ipvs.Service{ServiceKey: k})); err != nil {
		return fmt.Errorf("zeroing counters of %s: %w", k, err)
	}
	return nil
}

// SetTimeouts sets the connection timeouts (ipvsadm --set); a zero field
// keeps the kernel's value. Durations are sent in whole seconds.
func (c *Client) SetTimeouts(t ipvs.Timeouts) error {
	var e genl.Encoder
	e.Uint32(attrTimeoutTCP, uint32(t.TCP/time.Second))
	e.Uint32(attrTimeoutFin, uint32(t.TCPFin/time.Second))
	e.Uint32(attrTimeoutUDP, uint32(t.UDP/time.Second))
	if _, err := c.do(cmdSetConfig, 0, e.Bytes()); err != nil {
		return fmt.Errorf("setting ipvs timeouts: %w", err)
	}
	return nil
}

// Timeouts reads the connection timeouts (ipvsadm -L --timeout).
func (c *Client) Timeouts() (ipvs.Timeouts, error) {
	replies, err := c.do(cmdGetConfig, 0, nil)
	if err != nil {
		return ipvs.Timeouts{}, fmt.Errorf("reading ipvs timeouts: %w", err)
	}
	var t ipvs.Timeouts
	for _, r := range replies {
		a, err := genl.AttrMap(r.Attrs)
		if err != nil {
			return t, err
		}
		for attr, dst := range map[uint16]*time.Duration{attrTimeoutTCP: &t.TCP, attrTimeoutFin: &t.TCPFin, attrTimeoutUDP: &t.UDP} {
			if v, ok := a[attr]; ok {
				s, err := genl.Uint32(v)
				if err != nil {
					return t, err
				}
				*dst = time.Duration(s) * time.Second
			}
		}
	}
	return t, nil
}

// Info reads the IPVS version and connection table size.
func (c *Client) Info() (ipvs.Info, error) {
	replies, err := c.do(cmdGetInfo, 0, nil)
	if err != nil {
		return ipvs.Info{}, fmt.Errorf("reading ipvs info: %w", err)
	}
	var info ipvs.Info
	for _, r := range replies {
		a, err := genl.AttrMap(r.Attrs)
		if err != nil {
			return info, err
		}
		if info.Version, err = genl.Uint32(a[infoVersion]); err != nil {
			return info, fmt.Errorf("ipvs info: version: %w", err)
		}
		if info.ConnTableSize, err = genl.Uint32(a[infoConnTabSize]); err != nil {
			return info, fmt.Errorf("ipvs info: table size: %w", err)
		}
	}
	return info, nil
}

// putDaemon writes a nested daemon in ipvsadm's order: STATE, MCAST_IFN,
// SYNC_ID, then what is set of SYNC_MAXLEN, MCAST_PORT, MCAST_TTL and
// MCAST_GROUP / MCAST_GROUP6.
func putDaemon(e *genl.Encoder, d ipvs.Daemon) {
	e.Nested(attrDaemon, func(e *genl.Encoder) {
		e.Uint32(daemonState, uint32(d.State))
		e.String(daemonMcastIfn, d.Interface)
		e.Uint32(daemonSyncID, d.SyncID)
		if d.MaxLen != 0 {
			e.Uint16(daemonSyncMaxLen, d.MaxLen)
		}
		if d.Port != 0 {
			e.Uint16(daemonMcastPort, d.Port)
		}
		if d.TTL != 0 {
			e.Uint8(daemonMcastTTL, d.TTL)
		}
		if d.Group.Is4() {
			v := d.Group.As4()
			e.Put(daemonMcastGroup, v[:])
		} else if d.Group.Is6() {
			v := d.Group.As16()
			e.Put(daemonMcastGrp6, v[:])
		}
	})
}

// StartDaemon starts a connection-synchronisation daemon (ipvsadm
// --start-daemon). EEXIST if one runs in that state; EINVAL among others
// when a service mixes address families.
func (c *Client) StartDaemon(d ipvs.Daemon) error {
	var e genl.Encoder
	putDaemon(&e, d)
	if _, err := c.do(cmdNewDaemon, 0, e.Bytes()); err != nil {
		return fmt.Errorf("starting %s sync daemon on %q: %w", d.State, d.Interface, err)
	}
	return nil
}

// StopDaemon stops the daemon in state s (ipvsadm --stop-daemon).
//
// When the daemon's kernel thread had not run yet, stop_sync_thread
// (net/netfilter/ipvs/ip_vs_sync.c) gets -EINTR from kthread_stop and
// returns it, and netlink sends no ack for -EINTR (genl.ErrNoReply); the
// daemon is stopped all the same. StopDaemon then asks the kernel whether
// a daemon still runs in state s and succeeds if none does.
func (c *Client) StopDaemon(s ipvs.DaemonState) error {
	var e genl.Encoder
	putDaemon(&e, ipvs.Daemon{State: s})
	_, err := c.do(cmdDelDaemon, 0, e.Bytes())
	if errors.Is(err, genl.ErrNoReply) {
		err = c.checkStopped(s, err)
	}
	if err != nil {
		return fmt.Errorf("stopping %s sync daemon: %w", s, err)
	}
	return nil
}

// checkStopped returns nil when no daemon runs in state s, else noReply.
func (c *Client) checkStopped(s ipvs.DaemonState, noReply error) error {
	ds, err := c.Daemons()
	if err != nil {
		return fmt.Errorf("%w; listing the daemons: %v", noReply, err)
	}
	for _, d := range ds {
		if d.State == s {
			return noReply
		}
	}
	return nil
}

// Daemons lists the running sync daemons (ipvsadm -L --daemon).
func (c *Client) Daemons() ([]ipvs.Daemon, error) {
	replies, err := c.do(cmdGetDaemon, genl.FlagDump, nil)
	if err != nil {
		return nil, fmt.Errorf("listing sync daemons: %w", err)
	}
	var out []ipvs.Daemon
	for _, r := range replies {
		top, err := genl.AttrMap(r.Attrs)
		if err != nil {
			return nil, err
		}
		a, err := genl.AttrMap(top[attrDaemon])
		if err != nil {
			return nil, err
		}
		var d ipvs.Daemon
		st, err := genl.Uint32(a[daemonState])
		if err != nil {
			return nil, fmt.Errorf("ipvs daemon: state: %w", err)
		}
		d.State = ipvs.DaemonState(st)
		d.Interface = genl.String(a[daemonMcastIfn])
		if d.SyncID, err = genl.Uint32(a[daemonSyncID]); err != nil {
			return nil, fmt.Errorf("ipvs daemon: sync id: %w", err)
		}
		if v, ok := a[daemonSyncMaxLen]; ok {
			d.MaxLen, _ = genl.Uint16(v)
		}
		if v, ok := a[daemonMcastPort]; ok {
			d.Port, _ = genl.Uint16(v)
		}
		if v, ok := a[daemonMcastTTL]; ok {
			d.TTL, _ = genl.Uint8(v)
		}
		if v, ok := a[daemonMcastGroup]; ok {
			d.Group, _ = genl.Addr(genl.AFInet, v)
		}
		if v, ok := a[daemonMcastGrp6]; ok {
			d.Group, _ = genl.Addr(genl.AFInet6, v)
		}
		out = append(out, d)
	}
	return out, nil
}
