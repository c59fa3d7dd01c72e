package dump

import (
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"time"

	"hakeep/keepalived/config"
	"hakeep/vrrp"
	"hakeep/vrrp/fsm"
	"hakeep/vrrp/wire"
)

// Interface is what the Interfaces section shows of one interface.
type Interface struct {
	Name  string
	Index int
	IPv4  netip.Addr
	// IPv6 is the first link-local address.
	IPv6                                netip.Addr
	MAC                                 net.HardwareAddr
	MTU                                 int
	Up, Running, Loopback               bool
	Broadcast, Multicast, PointToPoint  bool
	NoARP                               bool
	IPv6Forwarding, IPv6ForwardingKnown bool
	IPv6Checked                         time.Time
}

// VRRPInput is the VRRP process's state for its data dump.
type VRRPInput struct {
	Config     *config.Config
	Status     vrrp.Status
	Interfaces []Interface
	Global     GlobalOptions
}

// VRRP writes /tmp/keepalived.data as keepalived's VRRP process does
// (vrrp_print.c vrrp_print_data): its global definitions, then the
// instances, sockets, sync groups, scripts, track files and interfaces.
func VRRP(w io.Writer, in VRRPInput) {
	o := in.Global
	o.VRRP = true
	Global(w, &in.Config.Global, o)
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("------< VRRP Topology >------")
	for _, s := range in.Status.Instances {
		instance(w, s, in.Config)
	}
	p("------< VRRP Sockpool >------")
	for _, s := range in.Status.Instances {
		p(" fd_in %d fd_out = %d", s.FD, s.FD)
		p("   Interface = %s", s.Interface)
		p("   Family = %s", yesNo(s.IPv6, "IPv6", "IPv4"))
		p("   Protocol = %s", yesNo(s.Config.Auth.Type == wire.AuthAH, "AH", "VRRP"))
		unicast := len(s.Config.UnicastPeers) > 0
		p("   Type = %sicast", yesNo(unicast, "Un", "Mult"))
		if unicast {
			p("   Address = %s", s.Src)
		}
		p("   Rx buf size = 0")
		p("   VRRP instances")
		p("     %s vrid %d", s.Config.Name, s.Config.VRID)
	}
	if len(in.Status.Groups) > 0 {
		p("------< VRRP Sync groups >------")
		for _, g := range in.Status.Groups {
			group(w, g, in.Status)
		}
	}
	if len(in.Status.Scripts) > 0 {
		p("------< VRRP Scripts >------")
		for _, sc := range in.Status.Scripts {
			script(w, sc, in.Status)
		}
	}
	if files := in.Config.VRRP.TrackFiles; len(files) > 0 {
		p("------< VRRP Track files >------")
		for _, f := range files {
			trackFile(w, f, in.Status)
		}
	}
	p("------< Interfaces >------")
	for _, ifc := range in.Interfaces {
		iface(w, ifc, in.Status)
	}
}

// stamp is keepalived's "%ld.%6.6ld (ctime with microseconds)".
func stamp(t time.Time) string {
	return fmt.Sprintf("%d.%06d (%s)", t.Unix(), t.Nanosecond()/1000, t.Format("Mon Jan _2 15:04:05.000000 2006"))
}

func stateName(s fsm.State) string {
	switch s {
	case fsm.Init:
		return "INIT"
	case fsm.Backup:
		return "BACKUP"
	case fsm.Master:
		return "MASTER"
	case fsm.Fault:
		return "FAULT"
	case fsm.Stop:
		return "STOP"
	}
	return "{unknown}"
}

// cmdStr is keepalived's cmd_str(): each word in single quotes.
func cmdStr(args []string) string {
	var q []string
	for _, a := range args {
		q = append(q, "'"+a+"'")
	}
	return strings.Join(q, " ")
}

// scopeName is rtnetlink's name of an address scope.
func scopeName(s uint8) string {
	switch s {
	case 0:
		return "global"
	case 200:
		return "site"
	case 253:
		return "link"
	case 254:
		return "host"
	case 255:
		return "nowhere"
	}
	return fmt.Sprint(s)
}

// vipString is how keepalived prints an address (vrrp_ipaddress.c
// format_ipaddress): the prefix only when not a host address, then
// brd, dev, scope, label, lifetime, and "set" while installed.
func vipString(v vrrp.VIP, set bool) string {
	var b strings.Builder
	a := v.Prefix.Addr()
	b.WriteString(a.String())
	if v.Prefix.Bits() != a.BitLen() {
		fmt.Fprintf(&b, "/%d", v.Prefix.Bits())
	}
	if v.Broadcast.IsValid() {
		b.WriteString(" brd " + v.Broadcast.String())
	}
	if v.Peer.IsValid() {
		b.WriteString(" peer " + v.Peer.String())
	}
	b.WriteString(" dev " + v.Dev)
	b.WriteString(" scope " + scopeName(v.Scope))
	if v.Label != "" {
		b.WriteString(" label " + v.Label)
	}
	if a.Is6() {
		if v.PreferredLft == nil || *v.PreferredLft == 0xffffffff {
			b.WriteString(" preferred_lft forever")
		} else {
			fmt.Fprintf(&b, " preferred_lft %d", *v.PreferredLft)
		}
	}
	if set {
		b.WriteString(" set")
	}
	return b.String()
}

func instance(w io.Writer, s vrrp.InstanceStatus, cfg *config.Config) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	c := s.Config
	unicast := len(c.UnicastPeers) > 0
	p(" VRRP Instance = %s", c.Name)
	p("   VRRP Version = %d", s.Version)
	if s.SyncGroup != "" {
		p("   Sync group = %s", s.SyncGroup)
	}
	if s.IPv6 {
		p("   Using Native IPv6")
	}
	p("   State = %s", stateName(s.State))
	if s.State == fsm.Backup && s.Master.IsValid() {
		p("   Master router = %s", s.Master)
		p("   Master priority = %d", s.MasterPriority)
		if s.Version == 3 {
			p("   Master advert int = %.2f sec", s.MasterAdverInt.Seconds())
		}
	}
	if unicast {
		p("   Flags:")
		p("     Using unicast")
	} else {
		p("   Flags: none")
	}
	p("   Wantstate = %s", stateName(s.WantState))
	p("   Number of config faults = %d", c.ConfigFaults)
	p("   Number of interface and track script faults = %d", s.Faults)
	p("   Number of track scripts init = %d", s.ScriptsInit)
	p("   Last transition = %s", stamp(s.LastTransition))
	if s.Deadline.IsZero() {
		p("   Read timeout = DISABLED")
	} else {
		p("   Read timeout = %s", stamp(s.Deadline))
	}
	p("   Master down timer = %d usecs", masterDown(s).Microseconds())
	p("   Interface = %s", s.Interface)
	fromCfg := ""
	if c.UnicastSrc.IsValid() && unicast || c.McastSrc.IsValid() {
		fromCfg = " (from configuration)"
	}
	p("   Using src_ip = %s%s", s.Src, fromCfg)
	if !unicast {
		if s.IPv6 {
			p("   Multicast address %s, ifindex %d", s.Group, ifIndex(s.Interface))
		} else {
			p("   Multicast address %s", s.Group)
		}
	}
	g := c.GARP
	p("   Gratuitous ARP delay = %d", max(int64(g.MasterDelay/time.Second), 0))
	p("   Gratuitous ARP repeat = %d", g.MasterRepeat)
	p("   Gratuitous ARP refresh = %d", max(int64(g.MasterRefresh/time.Second), 0))
	p("   Gratuitous ARP refresh repeat = %d", max(g.MasterRefreshRepeat, 0))
	p("   Gratuitous ARP lower priority delay = %d", max(int64(g.LowerPrioDelay/time.Second), 0))
	p("   Gratuitous ARP lower priority repeat = %d", max(g.LowerPrioRepeat, 0))
	p("   Down timer adverts = %d", orDefault(c.DownTimerAdverts, 3))
	p("   Send advert after receive lower priority advert = %s", tf(!c.LowerPrioNoAdvert))
	p("   Send advert after receive higher priority advert = %s", tf(c.HigherPrioSendAdvert))
	p("   Virtual Router ID = %d", c.VRID)
	p("   Priority = %d", s.BasePriority)
	p("   Effective priority = %d", s.EffectivePriority)
	p("   Total priority = %d", s.TotalPriority)
	if s.Version == 3 {
		p("   Advert interval = %d milli-sec", c.AdvertInt.Milliseconds())
		if s.State == fsm.Backup && s.Master.IsValid() {
			p("   Master advert interval = %d milli-sec", s.MasterAdverInt.Milliseconds())
		}
	} else {
		p("   Advert interval = %d sec", int64(c.AdvertInt/time.Second))
	}
	p("   Accept = %s", yesNo(c.Accept, "enabled", "disabled"))
	p("   Preempt = %s", yesNo(!c.Nopreempt, "enabled", "disabled"))
	if c.PreemptDelay > 0 {
		p("   Preempt delay = %g secs", c.PreemptDelay.Seconds())
	}
	p("   Promote_secondaries = %s", yesNo(c.PromoteSecondaries, "enabled", "disabled"))
	if s.Version == 2 && !s.IPv6 {
		switch c.Auth.Type {
		case wire.AuthSimple:
			p("   Authentication type = SIMPLE_PASSWORD")
			p("   Password = %s", c.Auth.Password)
		case wire.AuthAH:
			p("   Authentication type = IPSEC_AH")
		default:
			p("   Authentication type = none")
		}
	}
	p("   Virtual IP (%d):", len(c.VIPs))
	for _, v := range c.VIPs {
		p("     %s", vipString(v, s.VIPsSet))
	}
	if len(c.ExcludedVIPs) > 0 {
		p("   Virtual IP Excluded :")
		for _, v := range c.ExcludedVIPs {
			p("     %s", vipString(v, s.VIPsSet))
		}
	}
	if unicast {
		ttl := int(c.UnicastTTL)
		if ttl == 0 {
			ttl = 255
		}
		p("   Unicast TTL = %d", ttl)
		p("   Check unicast src : %s", yesNo(c.CheckUnicastSrc, "yes", "no"))
		p("   Unicast Peer :")
		for _, pe := range c.UnicastPeers {
			maxTTL := pe.MaxTTL
			if maxTTL == 0 {
				maxTTL = 255
			}
			p("     %s min_ttl %d max_ttl %d", pe.Addr, pe.MinTTL, maxTTL)
		}
		p("   Unicast checksum compatibility = %s", yesNo(c.OldUnicastChecksum, "yes", "no"))
	}
	p("   fd_in %d, fd_out %d", s.FD, s.FD)
	if len(c.TrackInterfaces) > 0 {
		p("   Tracked interfaces :")
		for _, t := range c.TrackInterfaces {
			p("     %s weight %d%s", t.Name, t.Weight, yesNo(t.Reverse, " reverse", ""))
		}
	}
	if len(c.TrackScripts) > 0 {
		p("   Tracked scripts :")
		for _, t := range c.TrackScripts {
			p("     %s weight %d%s", t.Script.Name, t.Weight, yesNo(t.Reverse, " reverse", ""))
		}
	}
	if len(c.TrackFiles) > 0 {
		p("   Tracked files :")
		for _, t := range c.TrackFiles {
			p("     %s, weight %d%s", t.Name, t.Weight, yesNo(t.Reverse, " reverse", ""))
		}
	}
	if len(c.TrackProcesses) > 0 {
		p("   Tracked processes :")
		for _, t := range c.TrackProcesses {
			p("     %s, weight %d%s", t.Process.Name, t.Weight, yesNo(t.Reverse, " reverse", ""))
		}
	}
	p("   Using smtp notification = %s", yesNo(c.SMTPAlert, "yes", "no"))
	p("   Notify deleted = %s", yesNo(c.Notify.DeletedSet, "Deleted", "Fault"))
	for _, n := range []struct {
		what string
		s    *vrrp.Script
	}{{"Backup", c.Notify.Backup}, {"Master", c.Notify.Master}, {"Fault", c.Notify.Fault}, {"Stop", c.Notify.Stop},
		{"Deleted", c.Notify.Deleted}, {"Generic", c.Notify.Generic}, {"Master rx lower pri", c.Notify.MasterRxLowerPri}} {
		if n.s != nil {
			p("   %s state transition script = %s, uid:gid %d:%d", n.what, cmdStr(n.s.Args), n.s.UID, n.s.GID)
		}
	}
	p("   Notify priority changes = %s", tf(c.NotifyPriorityChanges))
}

// masterDown is the master down interval keepalived prints: its own
// (3 × interval + skew) as master, the current one otherwise.
func masterDown(s vrrp.InstanceStatus) time.Duration {
	if s.State == fsm.Backup && s.DownTimer > time.Microsecond {
		return s.DownTimer
	}
	adverts := orDefault(s.Config.DownTimerAdverts, 3)
	mi := s.MasterAdverInt
	if mi == 0 {
		mi = s.Config.AdvertInt
	}
	p := int64(256 - int(s.EffectivePriority))
	var skew time.Duration
	if s.Version == 3 {
		skew = time.Duration(p*int64(mi/(10*time.Millisecond))*625/16) * time.Microsecond
	} else {
		skew = time.Duration(p*1000000/256) * time.Microsecond
	}
	return time.Duration(adverts)*mi + skew
}

func ifIndex(name string) int {
	if ifi, err := net.InterfaceByName(name); err == nil {
		return ifi.Index
	}
	return 0
}

func group(w io.Writer, g vrrp.GroupStatus, st vrrp.Status) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p(" VRRP Sync Group = %s, %s", g.Config.Name, stateName(g.State))
	faults := 0
	for _, s := range st.Instances {
		if s.SyncGroup == g.Config.Name && s.Faults > 0 {
			faults++
		}
	}
	p("   Num member fault %d, num member init %d", faults, 0)
	p("   VRRP member instances :")
	for _, n := range g.Config.Instances {
		p("     %s", n)
	}
	p("   Using smtp notification = %s", yesNo(g.Config.SMTPAlert, "yes", "no"))
	for _, n := range []struct {
		what string
		s    *vrrp.Script
	}{{"Backup", g.Config.Notify.Backup}, {"Master", g.Config.Notify.Master}, {"Fault", g.Config.Notify.Fault},
		{"Stop", g.Config.Notify.Stop}, {"Generic", g.Config.Notify.Generic}} {
		if n.s != nil {
			p("   %s state transition script = %s, uid:gid %d:%d", n.what, cmdStr(n.s.Args), n.s.UID, n.s.GID)
		}
	}
}

func script(w io.Writer, sc vrrp.ScriptStatus, st vrrp.Status) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	c := sc.Config
	p(" VRRP Script = %s", c.Name)
	p("   Command = %s", cmdStr(c.Script.Args))
	p("   Interval = %d sec", int64(c.Interval/time.Second))
	p("   Timeout = %d sec", int64(c.Timeout/time.Second))
	// The script's own weight is the one its first tracker uses.
	weight := 0
	var trackers []string
	for _, s := range st.Instances {
		for _, t := range s.Config.TrackScripts {
			if t.Script.Name == c.Name {
				if len(trackers) == 0 {
					weight = t.Weight
				}
				trackers = append(trackers, fmt.Sprintf("     %s, weight %d%s", s.Config.Name, t.Weight, yesNo(t.Reverse, " reverse", "")))
			}
		}
	}
	p("   Weight = %d", weight)
	p("   Rise = %d", orDefault(c.Rise, 1))
	p("   Fall = %d", orDefault(c.Fall, 1))
	p("   Result = %d", sc.Result)
	p("   Insecure = no")
	p("   Init state = %s", yesNo(sc.Init, "init", "unknown"))
	status := "INIT"
	if !sc.Init {
		status = yesNo(sc.Good, "GOOD", "BAD")
	}
	p("   Status = %s", status)
	p("   Script uid:gid = %d:%d", c.Script.UID, c.Script.GID)
	p("   VRRP instances :")
	p("   Tracking instances :")
	for _, l := range trackers {
		fmt.Fprintln(w, l)
	}
	p("   State = idle")
}

func trackFile(w io.Writer, f *config.TrackFile, st vrrp.Status) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p(" Track file = %s", f.Name)
	p("   File = %s", f.Path)
	p("   Status = %d", readInt(f.Path))
	p("   Weight = %d", f.Weight)
	p("   Tracking instances :")
	for _, s := range st.Instances {
		for _, t := range s.Config.TrackFiles {
			if t.Name == f.Name {
				p("     %s, weight %d%s", s.Config.Name, t.Weight, yesNo(t.Reverse, " reverse", ""))
			}
		}
	}
}

func iface(w io.Writer, ifc Interface, st vrrp.Status) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p(" Name = %s", ifc.Name)
	p("   index = %d", ifc.Index)
	p("   IPv4 address = %s", addrOrNone(ifc.IPv4))
	p("   IPv6 address = %s", addrOrNone(ifc.IPv6))
	if !ifc.Loopback && len(ifc.MAC) > 0 {
		p("   MAC = %s", ifc.MAC)
		p("   MAC broadcast = ff:ff:ff:ff:ff:ff")
	}
	state := yesNo(ifc.Up, "UP", "DOWN") + ", " + yesNo(ifc.Running, "RUNNING", "not RUNNING")
	if !ifc.Broadcast {
		state += ", no broadcast"
	}
	if ifc.Loopback {
		state += ", loopback"
	}
	if ifc.PointToPoint {
		state += ", point to point"
	}
	if ifc.NoARP {
		state += ", no arp"
	}
	if !ifc.Multicast {
		state += ", no multicast"
	}
	p("   State = %s", state)
	p("   Seen up = %d", b2i(ifc.Up))
	p("   Delayed state change running = false")
	p("   Up debounce timer = 0us")
	p("   Down debounce timer = 0us")
	p("   MTU = %d", ifc.MTU)
	p("   HW Type = %s", yesNo(ifc.Loopback, "LOOPBACK", "ETHERNET"))
	p("   NIC netlink status update")
	p("   Reset ARP config counter 0")
	p("   Original arp_ignore 0")
	p("   Original arp_filter 0")
	p("   Original promote_secondaries 0")
	p("   Reset promote_secondaries counter 0")
	if ifc.IPv6ForwardingKnown {
		t := ifc.IPv6Checked
		p("   %sIPv6 forwarding. Last checked %d.%06d (%s.%06d)", yesNo(ifc.IPv6Forwarding, "", "Not "),
			t.Unix(), t.Nanosecond()/1000, t.Format("Mon Jan _2 15:04:05 2006"), t.Nanosecond()/1000)
	}
	var tracking []string
	for _, s := range st.Instances {
		if s.Interface == ifc.Name && !s.Config.DontTrackPrimary {
			tracking = append(tracking, fmt.Sprintf("     %s, weight 0", s.Config.Name))
		}
		for _, t := range s.Config.TrackInterfaces {
			if t.Name == ifc.Name {
				tracking = append(tracking, fmt.Sprintf("     %s, weight %d%s", s.Config.Name, t.Weight, yesNo(t.Reverse, " reverse", "")))
			}
		}
	}
	if len(tracking) > 0 {
		p("   Tracking VRRP instances :")
		for _, l := range tracking {
			fmt.Fprintln(w, l)
		}
	}
}

func addrOrNone(a netip.Addr) string {
	if !a.IsValid() {
		return "(none)"
	}
	return a.String()
}
