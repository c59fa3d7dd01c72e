package daemon

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hakeep/keepalived/dump"
	"hakeep/vrrp"
)

// The dump files (keepalived(8) SIGNALS; each process writes its own).
const (
	parentDataFile = "keepalived_parent.data"
	vrrpDataFile   = "keepalived.data"
	checkDataFile  = "keepalived_check.data"
	statsFile      = "keepalived.stats"
	jsonFile       = "keepalived.json"
)

// create opens a dump file as keepalived's fopen_safe does: truncated,
// mode 0600, never through a symbolic link.
func (p *process) create(name string) (*os.File, *bufio.Writer, error) {
	path := filepath.Join(p.d.DumpDir, name)
	os.Remove(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		p.log.Info(fmt.Sprintf("Can't open dump file %s (%d: %v)", path, errnoOf(err), err))
		return nil, nil, err
	}
	return f, bufio.NewWriter(f), nil
}

func errnoOf(err error) int {
	if pe, ok := err.(*os.PathError); ok {
		if en, ok := pe.Err.(syscall.Errno); ok {
			return int(en)
		}
	}
	return 0
}

func (p *process) snapshot() (vrrp.Status, bool) {
	if p.vrrp == nil {
		return vrrp.Status{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return p.vrrp.eng.Snapshot(ctx), true
}

func (p *process) globalOptions() dump.GlobalOptions {
	host, _ := os.Hostname()
	// keepalived runs with umask 0177 unless -u or umask say otherwise
	// (core/main.c).
	o := dump.GlobalOptions{Hostname: host, Umask: 0o177}
	o.ScriptUID, o.ScriptGID = scriptUser(p.cfg.Global.ScriptUser)
	if ifs, err := net.Interfaces(); err == nil {
		for _, ifc := range ifs {
			if ifc.Flags&net.FlagLoopback == 0 {
				o.DefaultInterface = ifc.Name
				break
			}
		}
	}
	return o
}

// dumpData is SIGUSR1: the parent's, VRRP and checker data files.
func (p *process) dumpData() {
	p.log.Info(fmt.Sprintf("Printing parent data for process(%d) on signal", p.pid))
	if f, w, err := p.create(parentDataFile); err == nil {
		dump.Global(w, &p.cfg.Global, p.globalOptions())
		w.Flush()
		f.Close()
	}
	if st, ok := p.snapshot(); ok {
		p.vrrpLog.Info(fmt.Sprintf("Printing VRRP data for process(%d) on signal", p.pid))
		if f, w, err := p.create(vrrpDataFile); err == nil {
			dump.VRRP(w, dump.VRRPInput{Config: p.cfg, Status: st, Interfaces: interfaces(st), Global: p.globalOptions()})
			w.Flush()
			f.Close()
		}
	}
	if p.checkers != nil {
		p.checkLog.Info(fmt.Sprintf("Printing checker data for process(%d) on signal", p.pid))
		if f, w, err := p.create(checkDataFile); err == nil {
			p.checkers.WriteData(w)
			w.Flush()
			f.Close()
		}
	}
}

// dumpStats is SIGUSR2, and STATS_CLEAR which then zeroes the counters.
func (p *process) dumpStats(clear bool) {
	st, ok := p.snapshot()
	if !ok {
		return
	}
	p.vrrpLog.Info(fmt.Sprintf("Printing VRRP stats for process(%d) on signal", p.pid))
	if f, w, err := p.create(statsFile); err == nil {
		dump.Stats(w, st)
		w.Flush()
		f.Close()
	}
	if clear {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		p.vrrp.eng.ClearStats(ctx)
		cancel()
	}
}

// dumpJSON is the JSON signal.
func (p *process) dumpJSON() {
	st, ok := p.snapshot()
	if !ok {
		return
	}
	p.vrrpLog.Info(fmt.Sprintf("Printing VRRP as json for process(%d) on signal", p.pid))
	if f, w, err := p.create(jsonFile); err == nil {
		dump.JSON(w, st)
		w.Flush()
		f.Close()
	}
}

// interfaces reads the interfaces for the Interfaces section.
func interfaces(st vrrp.Status) []dump.Interface {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	v6 := map[string]bool{}
	for _, s := range st.Instances {
		if s.IPv6 {
			v6[s.Interface] = true
		}
	}
	var out []dump.Interface
	for _, ifc := range ifs {
		d := dump.Interface{Name: ifc.Name, Index: ifc.Index, MAC: ifc.HardwareAddr, MTU: ifc.MTU,
			Up: ifc.Flags&net.FlagUp != 0, Running: ifc.Flags&net.FlagRunning != 0,
			Loopback: ifc.Flags&net.FlagLoopback != 0, Broadcast: ifc.Flags&net.FlagBroadcast != 0,
			Multicast: ifc.Flags&net.FlagMulticast != 0, PointToPoint: ifc.Flags&net.FlagPointToPoint != 0}
		if addrs, err := ifc.Addrs(); err == nil {
			for _, a := range addrs {
				n, ok := a.(*net.IPNet)
				if !ok {
					continue
				}
				ip, _ := netip.AddrFromSlice(n.IP)
				ip = ip.Unmap()
				switch {
				case ip.Is4() && !d.IPv4.IsValid():
					d.IPv4 = ip
				case ip.Is6() && ip.IsLinkLocalUnicast() && !d.IPv6.IsValid():
					d.IPv6 = ip
				}
			}
		}
		if v6[ifc.Name] {
			b, err := os.ReadFile("/proc/sys/net/ipv6/conf/" + ifc.Name + "/forwarding")
			if err == nil {
				d.IPv6ForwardingKnown, d.IPv6Forwarding, d.IPv6Checked = true, strings.TrimSpace(string(b)) == "1", time.Now()
			}
		}
		out = append(out, d)
	}
	return out
}

// scriptUser is the default script user keepalived resolves: script_user,
// else keepalived_script, else root.
func scriptUser(name string) (uint32, uint32) {
	if name == "" {
		name = "keepalived_script"
	}
	u, err := user.Lookup(name)
	if err != nil {
		return 0, 0
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return uint32(uid), uint32(gid)
}
