package vrrp

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"time"

	"hakeep/vrrp/fsm"
)

// run is one generation of running instances: what a configuration
// started, replaced by the next one on reload.
type run struct {
	global      GlobalConfig
	instances   []*instance
	byName      map[string]*instance
	groups      []*syncGroup
	scripts     map[string]*scriptState
	scriptOrder []string
	procs       map[string]*procState
	procOrder   []string
	files       map[string]int
	stopScripts context.CancelFunc
	// plan is how build matched the configuration with the previous run.
	plan []pending
	// renamed are the names the next configuration uses, while it is
	// matched against this run.
	renamed map[string]bool
}

// syncGroup is a running vrrp_sync_group.
type syncGroup struct {
	cfg      SyncGroupConfig
	g        *fsm.Group
	notified fsm.State // the state last reported
}

// pending is what build decided about an instance of the new
// configuration.
type pending struct {
	in    *instance
	rc    InstanceConfig // resolved
	old   *instance      // the instance of the previous run it matches
	reuse bool           // old carries on, reconfigured
}

// key is what identifies an instance across a reload (vrrp_data.c
// vrrp_exist): interface, VRID and family.
type key struct {
	iface string
	vrid  uint8
	ipv6  bool
}

func keyOf(rc InstanceConfig) key {
	return key{rc.Interface, rc.VRID, len(rc.VIPs) > 0 && rc.VIPs[0].Prefix.Addr().Is6()}
}

// socketKey is the part of a resolved configuration that an open
// instance cannot change: its socket, what it puts on the wire besides
// priority, interval and addresses, and its VMAC.
type socketKey struct {
	k                           key
	version                     uint8
	auth                        Auth
	mcastSrc, unicastSrc, group netip.Addr
	peers                       []Peer
	ttl                         uint8
	oldSum                      bool
	vmac                        *VMACConfig
}

func socketKeyOf(rc InstanceConfig) socketKey {
	return socketKey{k: keyOf(rc), version: rc.Version, auth: rc.Auth, mcastSrc: rc.McastSrc, unicastSrc: rc.UnicastSrc,
		group: rc.McastGroup, peers: rc.UnicastPeers, ttl: rc.UnicastTTL, oldSum: rc.OldUnicastChecksum, vmac: rc.VMAC}
}

// match finds the instance of the previous run that rc continues: the
// one of the same name and key, else one of the same key.
func (prev *run) match(rc InstanceConfig, used map[*instance]bool) *instance {
	k := keyOf(rc)
	if old := prev.byName[rc.Name]; old != nil && !used[old] && keyOf(old.cfg) == k {
		return old
	}
	for _, old := range prev.instances {
		if !used[old] && keyOf(old.cfg) == k && prev.planned(old) {
			return old
		}
	}
	return nil
}

// planned reports whether old is free to be matched by key: an instance
// whose name is still configured is kept for that name.
func (prev *run) planned(old *instance) bool { return !prev.renamed[old.cfg.Name] }

// build opens the instances of cfg, matching them against prev's.
func (e *Engine) build(cfg Config, prev *run, rx chan rxAdvert) (*run, error) {
	g := withGlobalDefaults(cfg.Global)
	cur := &run{global: g, byName: map[string]*instance{}, files: map[string]int{}}
	var plan []pending
	used := map[*instance]bool{}
	if prev != nil {
		prev.renamed = map[string]bool{}
		for _, ic := range cfg.Instances {
			prev.renamed[ic.Name] = true
		}
	}
	for _, ic := range cfg.Instances {
		rc := Resolve(ic, g)
		p := pending{rc: rc}
		if prev != nil {
			if p.old = prev.match(rc, used); p.old != nil {
				used[p.old] = true
				p.reuse = reflect.DeepEqual(socketKeyOf(p.old.cfg), socketKeyOf(rc))
			}
		}
		plan = append(plan, p)
	}
	var errs []error
	for i := range plan {
		p := &plan[i]
		if p.reuse {
			p.in = p.old
			continue
		}
		in, err := newInstance(p.rc, g, e.deps.Net, e.log)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.in = in
		go in.read(rx)
	}
	if prev == nil && len(errs) > 0 {
		for _, p := range plan {
			if p.in != nil {
				p.in.close(false)
			}
		}
		return nil, errors.Join(errs...)
	}
	for _, err := range errs {
		e.log.Error(err.Error())
	}
	for _, p := range plan {
		if p.in == nil {
			continue
		}
		if _, dup := cur.byName[p.rc.Name]; dup {
			e.log.Error(fmt.Sprintf("(%s) duplicate vrrp_instance name - ignoring", p.rc.Name))
			continue
		}
		cur.plan = append(cur.plan, p)
		cur.instances = append(cur.instances, p.in)
		cur.byName[p.rc.Name] = p.in
	}
	cur.buildGroups(cfg.SyncGroups, prev)
	return cur, nil
}

// buildGroups binds the sync groups' members; a group whose members are
// all carried over keeps its state.
func (cur *run) buildGroups(groups []SyncGroupConfig, prev *run) {
	for _, in := range cur.instances {
		in.group = nil
	}
	for _, sg := range groups {
		var ms []*fsm.Machine
		rg := &syncGroup{cfg: sg, notified: fsm.Init}
		if prev != nil {
			for _, og := range prev.groups {
				if og.cfg.Name == sg.Name {
					rg.notified = og.notified
				}
			}
		}
		for _, name := range sg.Instances {
			in := cur.byName[name]
			if in == nil || in.group != nil {
				continue
			}
			in.group = rg
			ms = append(ms, in.m)
		}
		if len(ms) > 0 {
			rg.g = fsm.NewGroup(ms...)
		}
		cur.groups = append(cur.groups, rg)
	}
	for _, in := range cur.instances {
		if in.group == nil {
			in.m.Ungroup()
		}
	}
}

// apply switches a running engine to cfg (SIGHUP).
func (e *Engine) apply(ctx context.Context, cur *run, cfg Config, rx chan rxAdvert, results chan scriptResult) *run {
	next, err := e.build(cfg, cur, rx)
	if err != nil {
		e.log.Error("reload: " + err.Error())
		return cur
	}
	now := e.deps.Now()
	kept := map[*instance]bool{}
	for _, p := range next.plan {
		if p.reuse {
			kept[p.in] = true
		}
	}
	// Instances that go: replaced ones hand their state over, removed
	// ones stop and report FAULT, or DELETED with notify_deleted.
	for _, p := range next.plan {
		if p.old == nil || p.reuse {
			continue
		}
		p.in.carry = p.old.m.State()
		if p.old.m.State() == fsm.Master {
			p.old.delVIPs(vipDiff(p.old.allVIPs(), p.in.allVIPs()))
			p.old.uninstallRoutes(missing(p.old.cfg.Routes, p.in.cfg.Routes), missing(p.old.cfg.Rules, p.in.cfg.Rules))
		}
		p.old.close(p.old.vmac != "" && p.old.vmac == p.in.vmac)
		kept[p.old] = true
	}
	for _, old := range cur.instances {
		if kept[old] {
			continue
		}
		old.deleted = true
		old.m.Shutdown(now)
		e.drainOne(cur, old, now)
		old.close(false)
	}
	cur.stopScripts()
	e.startScripts(ctx, next, results, cur)
	for _, p := range next.plan {
		if p.reuse {
			p.in.reconfigure(now, p.rc)
		}
	}
	next.markKnownVRIDs(cfg.Global.LogUnknownVRIDs)
	e.track(next, now)
	e.startReady(next, now, false)
	e.drain(next, now)
	if e.cfg.Global.FIFOWriteStatesOnReload || cfg.Global.FIFOWriteStatesOnReload {
		e.reportStates(next)
	}
	e.reloadStatic(e.cfg.Static, cfg.Static)
	e.cfg = cfg
	return next
}

// reconfigure applies a reloaded configuration to an instance that
// carries on: its state and timers stay; new addresses are added and
// removed ones deleted if it is master.
func (in *instance) reconfigure(now time.Time, rc InstanceConfig) {
	old := in.cfg
	in.cfg = rc
	in.garp = rc.GARP
	in.addrs = in.addrs[:0]
	for _, v := range rc.VIPs {
		in.addrs = append(in.addrs, v.Prefix.Addr())
	}
	if in.m.State() == fsm.Master {
		in.delVIPs(vipDiff(allVIPsOf(old), in.allVIPs()))
		added := vipDiff(in.allVIPs(), allVIPsOf(old))
		for _, v := range added {
			if err := in.net.AddAddr(in.onVMAC(v)); err != nil {
				in.log.Warn(netlinkError(err, "RTM_NEWADDR(20)"))
			}
		}
		in.reloadRoutes(old)
		if old.Accept != rc.Accept {
			in.firewall(true)
		}
	}
	in.rx.Store(in.newRxCheck(in.rx.Load()))
	in.m.Reconfigure(now, in.fsmConfig())
}

func allVIPsOf(c InstanceConfig) []VIP {
	return append(append([]VIP(nil), c.VIPs...), c.ExcludedVIPs...)
}

// reportStates notifies every instance's and group's current state
// (fifo_write_vrrp_states_on_reload).
func (e *Engine) reportStates(cur *run) {
	for _, in := range cur.instances {
		if t := eventOf(in.m.State()); t != 0 {
			e.deps.Notifier.Notify(Event{Name: in.cfg.Name, Type: t, Priority: in.m.Priority(), Scripts: Notify{}})
		}
	}
	for _, g := range cur.groups {
		if g.g != nil {
			e.deps.Notifier.Notify(Event{Group: true, Name: g.cfg.Name, Type: eventOf(g.g.State())})
		}
	}
}

// startReady starts the instances that can leave INIT: those not waiting
// for the first result of a weight 0 track script. initial marks the
// engine's start, where keepalived logs "(init)" and applies
// vrrp_startup_delay.
func (e *Engine) startReady(cur *run, now time.Time, initial bool) {
	for _, in := range cur.instances {
		if in.started || cur.waitsForScripts(in) {
			continue
		}
		in.started = true
		if in.carry != fsm.Init {
			in.m.Resume(now, in.carry)
			in.carry = fsm.Init
			continue
		}
		in.initNote = initial
		delay := time.Duration(0)
		if initial {
			delay = cur.global.StartupDelay
		}
		in.m.Start(now, delay)
	}
}
