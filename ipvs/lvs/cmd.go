package lvs

import (
	"fmt"
	"net/netip"
	"syscall"

	"hakeep/ipvs"
)

// op is one of keepalived's IPVS commands (IP_VS_SO_SET_*).
type op int

// The commands, numbered as include/uapi/linux/ip_vs.h numbers them
// (keepalived logs the number).
const (
	opAdd      op = 1154
	opEdit     op = 1155
	opDel      op = 1156
	opFlush    op = 1157
	opAddDest  op = 1159
	opDelDest  op = 1160
	opEditDest op = 1161
)

func (o op) String() string {
	switch o {
	case opAdd:
		return "IP_VS_SO_SET_ADD"
	case opEdit:
		return "IP_VS_SO_SET_EDIT"
	case opDel:
		return "IP_VS_SO_SET_DEL"
	case opFlush:
		return "IP_VS_SO_SET_FLUSH"
	case opAddDest:
		return "IP_VS_SO_SET_ADDDEST"
	case opDelDest:
		return "IP_VS_SO_SET_DELDEST"
	case opEditDest:
		return "IP_VS_SO_SET_EDITDEST"
	}
	return "(unknown)"
}

// vsgeKey names the count of destinations a group entry holds for one
// protocol (or, for a firewall mark, one family), shared by the virtual
// servers naming the group (the vsge's tcp_alive, udp_alive, fwm4_alive...).
type vsgeKey struct {
	group string
	entry int
	kind  int
}

// setSrule is ipvs_set_srule(): the service part of a command.
func (c *core) setSrule(o op, vs *vsState) ipvs.Service {
	cfg := vs.cfg
	s := ipvs.Service{Scheduler: cfg.Scheduler, Flags: cfg.Flags}
	s.Family = vs.family()
	s.Protocol = cfg.Protocol
	if cfg.Timeout != 0 && (o == opAdd || o == opDel || o == opEdit) {
		s.Timeout = cfg.Timeout
		s.Flags |= ipvs.FlagPersistent
		s.Netmask, s.Mask4 = cfg.Netmask, cfg.Mask4
		s.PE = cfg.PE
	}
	return s
}

// setDrule is ipvs_set_drule(): the destination part of a command.
func setDrule(rs *rsState) ipvs.Destination {
	r := rs.cfg
	return ipvs.Destination{
		Addr: rs.addr(), Port: r.Addr.Port(), Weight: realWeight(rs.effWeight), Method: r.Method,
		UpperThreshold: r.UThreshold, LowerThreshold: r.LThreshold,
		TunnelType: r.TunnelType, TunnelPort: r.TunnelPort, TunnelFlags: r.TunnelFlags,
	}
}

// ipvsCmd is ipvs_cmd(): one of keepalived's commands on a virtual server
// or one of its real servers, with inhibit_on_failure turning removals
// into weight 0 (keepalived.conf(5) inhibit_on_failure). It returns false
// when the command failed.
func (c *core) ipvsCmd(o op, vs *vsState, rs *rsState) bool {
	s := c.setSrule(o, vs)
	var d ipvs.Destination
	if rs != nil {
		d = setDrule(rs)
		switch {
		case o == opDelDest && rs.inhibit:
			d.Weight = 0
			o = opEditDest
		case o == opAddDest && rs.inhibit && rs.set:
			o = opEditDest
		case o == opAddDest && !rs.set:
			rs.set = true
			if rs.inhibit && rs.numFailed > 0 {
				d.Weight = 0
			}
		case o == opDelDest && rs.set:
			rs.set = false
		}
	}
	cfg := vs.cfg
	if cfg.Group != nil {
		return c.groupCmd(o, s, d, vs, rs)
	}
	if cfg.FWMark != 0 {
		s.FWMark = cfg.FWMark
		if rs != nil && rs.cfg.Method != ipvs.Masq {
			d.Port = 0
		}
	} else {
		s.Addr, s.Port = cfg.Addr.Addr().Unmap(), cfg.Addr.Port()
		if rs != nil && rs.cfg.Method != ipvs.Masq {
			d.Port = s.Port
		}
	}
	return c.talk(o, s, d)
}

// groupCmd is ipvs_group_cmd(): the command on every service of the
// virtual server's group, each address of each range and each mark. A
// service is added while its entry holds no destination, and removed once
// it holds none.
func (c *core) groupCmd(o op, s ipvs.Service, d ipvs.Destination, vs *vsState, rs *rsState) bool {
	g := vs.cfg.Group
	for i, e := range g.Entries {
		if e.FWMark != 0 {
			continue
		}
		if o == opAdd && c.reloading && vs.groupReloaded[i] {
			continue
		}
		if c.changeNeeded(o, vs, i, rs) {
			s.Port = e.Port
			if rs != nil {
				if rs.cfg.Method != ipvs.Masq {
					d.Port = s.Port
				} else {
					d.Port = rs.cfg.Addr.Port()
				}
			}
			if !c.rangeCmd(o, s, d, e) {
				return false
			}
		}
		if o == opAddDest || o == opDelDest {
			c.countDest(o, vs, i)
		}
	}
	s.Addr, s.Port = netip.Addr{}, 0
	if rs != nil {
		if rs.cfg.Method != ipvs.Masq {
			d.Port = 0
		} else {
			d.Port = rs.cfg.Addr.Port()
		}
	}
	for i, e := range g.Entries {
		if e.FWMark == 0 {
			continue
		}
		if o == opAdd && c.reloading && vs.groupReloaded[i] {
			continue
		}
		s.FWMark = e.FWMark
		switch {
		case e.Family != 0:
			s.Family = e.Family
		case vs.cfg.Family != 0:
			s.Family = vs.cfg.Family
		default:
			s.Family = ipvs.IPv4
		}
		// ipvs_group_cmd() sets the default netmask for every entry,
		// whatever persistence_granularity says.
		s.Netmask, s.Mask4 = 0, 0
		if c.changeNeeded(o, vs, i, rs) {
			if !c.talk(o, s, d) {
				return false
			}
		}
		if o == opAddDest || o == opDelDest {
			c.countDest(o, vs, i)
		}
	}
	return true
}

// rangeCmd is ipvs_group_range_cmd(): the command on each address of a
// range; the last byte (IPv4) or 16-bit group (IPv6) counts up.
func (c *core) rangeCmd(o op, s ipvs.Service, d ipvs.Destination, e GroupEntry) bool {
	s.Family = ipvs.IPv4
	if e.From.Is6() && !e.From.Is4In6() {
		s.Family = ipvs.IPv6
	}
	// As in ipvs_group_cmd(), persistence_granularity does not reach
	// the services of an address range.
	s.Netmask, s.Mask4 = 0, 0
	for a := e.From.Unmap(); ; a = a.Next() {
		s.Addr = a
		if !c.talk(o, s, d) {
			return false
		}
		if a == e.To.Unmap() || !a.IsValid() {
			return true
		}
	}
}

// entryKind is the count an entry keeps for the virtual server
// (update_vsge_alive_count()).
func entryKind(vs *vsState, e GroupEntry) int {
	if e.FWMark != 0 {
		if vs.cfg.Family == ipvs.IPv4 {
			return -4
		}
		return -6
	}
	return int(vs.cfg.Protocol)
}

// aliveKind is the count is_vsge_alive() reads, which for a firewall mark
// is the IPv4 one whenever the virtual server has a family.
func aliveKind(vs *vsState, e GroupEntry) int {
	if e.FWMark != 0 {
		if vs.cfg.Family != 0 || e.Family == ipvs.IPv4 {
			return -4
		}
		return -6
	}
	return int(vs.cfg.Protocol)
}

func (c *core) countDest(o op, vs *vsState, i int) {
	e := vs.cfg.Group.Entries[i]
	k := vsgeKey{vs.cfg.Group.Name, i, entryKind(vs, e)}
	if o == opAddDest {
		c.vsge[k]++
	} else {
		c.vsge[k]--
	}
}

// changeNeeded is ipvs_change_needed().
func (c *core) changeNeeded(o op, vs *vsState, i int, rs *rsState) bool {
	e := vs.cfg.Group.Entries[i]
	switch o {
	case opAdd:
		return c.vsge[vsgeKey{vs.cfg.Group.Name, i, aliveKind(vs, e)}] == 0
	case opDel:
		return c.vsge[vsgeKey{vs.cfg.Group.Name, i, entryKind(vs, e)}] == 0
	case opAddDest:
		return !rs.alive
	case opDelDest:
		return rs.alive
	}
	return true
}

// talk is ipvs_talk(): the command on the table, with keepalived's
// handling of the kernel's answers: an edited destination that is missing
// is added, adding what exists and removing what is missing are not
// failures, and every refusal is logged.
func (c *core) talk(o op, s ipvs.Service, d ipvs.Destination) bool {
	var err syscall.Errno
	fn := o
	switch o {
	case opAdd, opEdit:
		// The kernel loads the scheduler and persistence engine it is
		// asked for, or refuses the service.
		switch {
		case !c.has("ip_vs_" + s.Scheduler), s.PE != "" && !c.has("ip_vs_pe_"+s.PE):
			err = syscall.ENOENT
		case o == opAdd:
			err = c.tab.addService(s)
		default:
			err = c.tab.editService(s)
		}
	case opDel:
		err = c.tab.delService(s.ServiceKey)
	case opAddDest:
		err = c.tab.addDest(s.ServiceKey, d)
	case opDelDest:
		err = c.tab.delDest(s.ServiceKey, d)
	case opEditDest:
		err = c.tab.editDest(s.ServiceKey, d)
		if err == syscall.ENOENT {
			o, fn = opAddDest, opAddDest
			err = c.tab.addDest(s.ServiceKey, d)
		}
	}
	if err == 0 {
		return true
	}
	ok := (err == syscall.EEXIST && (o == opAdd || o == opAddDest)) ||
		(err == syscall.ENOENT && (o == opDel || o == opDelDest))
	rule := formatSrule(s)
	if o == opAddDest || o == opDelDest || o == opEditDest {
		rule += fmt.Sprintf(" -> %s:%d", d.Addr, d.Port)
	}
	c.logf("IPVS cmd %s(%d) error: %s(%d) (%s)", o, int(o), ipvsStrerror(fn, err), int(err), rule)
	return ok
}

func (c *core) has(module string) bool {
	return c.available == nil || c.available(module)
}

// formatSrule is format_srule().
func formatSrule(s ipvs.Service) string {
	if s.FWMark != 0 {
		if s.Family == ipvs.IPv6 {
			return fmt.Sprintf("Fwm %d inet6", s.FWMark)
		}
		return fmt.Sprintf("Fwm %d", s.FWMark)
	}
	proto := fmt.Sprint(int(s.Protocol))
	switch s.Protocol {
	case ipvs.TCP:
		proto = "tcp"
	case ipvs.UDP:
		proto = "udp"
	case ipvs.SCTP:
		proto = "sctp"
	}
	return fmt.Sprintf("%s:%s:%d", s.Addr, proto, s.Port)
}

// ipvsStrerror is libipvs's ipvs_strerror() for the function that failed.
func ipvsStrerror(o op, err syscall.Errno) string {
	switch {
	case o == opAdd && err == syscall.EEXIST:
		return "Service already exists"
	case (o == opAdd || o == opEdit) && err == syscall.ENOENT:
		return "Scheduler or persistence engine not found"
	case o == opAddDest && err == syscall.EEXIST:
		return "Destination already exists"
	case (o == opEditDest || o == opDelDest) && err == syscall.ENOENT:
		return "No such destination"
	case err == syscall.ESRCH:
		return "No such service"
	case err == syscall.EPERM:
		return "Permission denied (you must be root)"
	case err == syscall.EINVAL:
		return "Invalid operation.  Possibly wrong module version, address not unicast, ..."
	}
	return errnoText(err)
}
