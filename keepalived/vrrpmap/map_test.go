package vrrpmap

import (
	"net/netip"
	"reflect"
	"testing"
	"time"

	"hakeep/keepalived/config"
	"hakeep/vrrp"
	"hakeep/vrrp/kernel"
	"hakeep/vrrp/wire"
)

// host is the machine the test configurations are checked against:
// eth0 and eth1, only root.
type host struct{ config.SystemHost }

func (host) Interface(name string) (config.Interface, bool) {
	for i, n := range []string{"lo", "eth0", "eth1"} {
		if n == name {
			return config.Interface{Name: n, Index: i + 1, MTU: 1500, Multicast: n != "lo", Ether: n != "lo",
				IPv4: netip.MustParseAddr("192.0.2.1")}, true
		}
	}
	return config.Interface{}, false
}
func (host) LookupUser(name string) (uint32, uint32, bool) { return 0, 0, name == "root" }
func (host) LookupGroup(name string) (uint32, bool)        { return 0, name == "root" }
func (host) UID() uint32                                   { return 0 }
func (host) GID() uint32                                   { return 0 }

func load(t *testing.T, src string) Result {
	t.Helper()
	res := config.LoadSource("k.conf", []byte(src), config.Options{Host: host{}})
	for _, m := range res.Messages {
		t.Log(m)
	}
	return Map(res.Config)
}

const full = `
global_defs {
	vrrp_version 3
	vrrp_mcast_group4 224.0.0.19
	vrrp_garp_master_delay 0
	vrrp_garp_master_repeat 2
	vrrp_garp_interval 0.01
	vrrp_lower_prio_no_advert
	vrrp_check_unicast_src
	vrrp_startup_delay 2
	smtp_alert_vrrp
	vrrp_notify_priority_changes
}
vrrp_script chk {
	script "/bin/true arg"
	interval 2
	timeout 3
	weight -10
	rise 2
	fall 3
}
vrrp_track_process haproxy {
	process haproxy
	quorum 2
	delay 1.5
}
track_file tf {
	file /tmp/x
	weight 5
}
vrrp_instance VI_1 {
	state MASTER
	interface eth0
	virtual_router_id 51
	priority 150
	advert_int 0.5
	nopreempt
	virtual_ipaddress {
		10.1.1.1/24 brd + dev eth1 scope link label eth1:vip
		10.1.1.2
	}
	virtual_ipaddress_excluded {
		10.1.2.1/32
	}
	unicast_src_ip 192.0.2.1
	unicast_peer {
		192.0.2.2 min_ttl 10 max_ttl 20
	}
	track_interface {
		eth1 weight -20
	}
	track_script {
		chk weight 7 reverse
	}
	track_file {
		tf
	}
	track_process {
		haproxy weight -3
	}
	notify_master "/bin/echo master"
	notify "/bin/echo"
	notify_deleted
	garp_master_refresh 60
	down_timer_adverts 4
}
vrrp_instance VI_2 {
	interface eth1
	virtual_router_id 52
	version 2
	authentication {
		auth_type PASS
		auth_pass secret123
	}
	virtual_ipaddress {
		10.2.2.2/24
	}
	smtp_alert off
	use_vmac vrrp52
	vmac_xmit_base
}
`

const group = `
vrrp_sync_group G {
	group {
		VI_1
		VI_2
	}
	notify_fault "/bin/echo fault"
	track_script {
		chk
	}
}
`

func TestMapGlobal(t *testing.T) {
	g := load(t, full).Config.Global
	want := vrrp.GlobalConfig{Version: 3, McastGroup4: netip.MustParseAddr("224.0.0.19"), StartupDelay: 2 * time.Second,
		GARP:              vrrp.GARPConfig{MasterDelay: -1, MasterRepeat: 2, Interval: 10 * time.Millisecond},
		LowerPrioNoAdvert: true, CheckUnicastSrc: true}
	if !reflect.DeepEqual(g, want) {
		t.Fatalf("global\n got %+v\nwant %+v", g, want)
	}
}

func TestMapInstance(t *testing.T) {
	r := load(t, full)
	if len(r.Config.Instances) != 2 {
		t.Fatalf("%d instances", len(r.Config.Instances))
	}
	in := r.Config.Instances[0]
	if in.Name != "VI_1" || in.Interface != "eth0" || in.VRID != 51 || in.Version != 3 || in.Priority != 150 ||
		in.AdvertInt != 500*time.Millisecond || !in.InitialMaster {
		t.Errorf("identity %+v", in)
	}
	// nopreempt is cleared by keepalived with state MASTER.
	if in.Nopreempt {
		t.Error("nopreempt kept with state MASTER")
	}
	wantVIPs := []vrrp.VIP{
		{Prefix: netip.MustParsePrefix("10.1.1.1/24"), Broadcast: netip.MustParseAddr("10.1.1.255"), Dev: "eth1", Scope: 253,
			Label: "eth1:vip"},
		{Prefix: netip.MustParsePrefix("10.1.1.2/32")},
	}
	if !reflect.DeepEqual(in.VIPs, wantVIPs) {
		t.Errorf("VIPs\n got %+v\nwant %+v", in.VIPs, wantVIPs)
	}
	if len(in.ExcludedVIPs) != 1 || in.ExcludedVIPs[0].Prefix != netip.MustParsePrefix("10.1.2.1/32") {
		t.Errorf("eVIPs %+v", in.ExcludedVIPs)
	}
	if in.UnicastSrc != netip.MustParseAddr("192.0.2.1") ||
		!reflect.DeepEqual(in.UnicastPeers, []vrrp.Peer{{Addr: netip.MustParseAddr("192.0.2.2"), MinTTL: 10, MaxTTL: 20}}) {
		t.Errorf("unicast %v %+v", in.UnicastSrc, in.UnicastPeers)
	}
	if !reflect.DeepEqual(in.TrackInterfaces, []vrrp.TrackInterface{{Name: "eth1", Weight: -20}}) {
		t.Errorf("track_interface %+v", in.TrackInterfaces)
	}
	if len(in.TrackScripts) != 1 {
		t.Fatalf("track_script %+v", in.TrackScripts)
	}
	ts := in.TrackScripts[0]
	wantScript := vrrp.ScriptConfig{Name: "chk", Script: vrrp.Script{Args: []string{"/usr/bin/true", "arg"}},
		Interval: 2 * time.Second, Timeout: 3 * time.Second, Rise: 2, Fall: 3}
	if ts.Weight != 7 || !ts.Reverse || !reflect.DeepEqual(ts.Script, wantScript) {
		t.Errorf("track_script\n got %+v\nwant weight 7 reverse %+v", ts, wantScript)
	}
	if !reflect.DeepEqual(in.TrackFiles, []vrrp.TrackFile{{Name: "tf", Path: "/tmp/x", Weight: 5}}) {
		t.Errorf("track_file %+v", in.TrackFiles)
	}
	if len(in.TrackProcesses) != 1 || in.TrackProcesses[0].Weight != -3 || in.TrackProcesses[0].Process.Quorum != 2 ||
		in.TrackProcesses[0].Process.Delay != 1500*time.Millisecond || in.TrackProcesses[0].Process.Process != "haproxy" {
		t.Errorf("track_process %+v", in.TrackProcesses)
	}
	n := in.Notify
	if n.Master == nil || !reflect.DeepEqual(n.Master.Args, []string{"/usr/bin/echo", "master"}) || n.Generic == nil ||
		!n.DeletedSet || n.Deleted != nil || n.Backup != nil {
		t.Errorf("notify %+v", n)
	}
	if !in.SMTPAlert || !in.NotifyPriorityChanges {
		t.Errorf("smtp_alert %v notify_priority_changes %v", in.SMTPAlert, in.NotifyPriorityChanges)
	}
	if in.GARP.MasterRefresh != time.Minute || in.DownTimerAdverts != 4 || !in.LowerPrioNoAdvert {
		t.Errorf("garp %+v down_timer_adverts %d lower_prio_no_advert %v", in.GARP, in.DownTimerAdverts, in.LowerPrioNoAdvert)
	}
	if !in.Accept || in.Strict {
		t.Errorf("accept %v strict %v", in.Accept, in.Strict)
	}

	v2 := r.Config.Instances[1]
	if v2.Version != 2 || v2.Auth != (vrrp.Auth{Type: wire.AuthSimple, Password: "secret12"}) || v2.SMTPAlert {
		t.Errorf("VI_2 %+v", v2)
	}
	if v2.VMAC == nil || v2.VMAC.Name != "vrrp52" || !v2.VMAC.XmitBase {
		t.Errorf("VI_2 vmac %+v", v2.VMAC)
	}
}

func TestMapSyncGroup(t *testing.T) {
	r := load(t, full+group)
	if len(r.Config.SyncGroups) != 1 {
		t.Fatalf("groups %+v", r.Config.SyncGroups)
	}
	g := r.Config.SyncGroups[0]
	if g.Name != "G" || !reflect.DeepEqual(g.Instances, []string{"VI_1", "VI_2"}) || g.Notify.Fault == nil ||
		len(g.TrackScripts) != 1 || g.TrackScripts[0].Script.Name != "chk" {
		t.Fatalf("group %+v", g)
	}
	// keepalived drops the members' own weights in a sync group without
	// sync_group_tracking_weight.
	if in := r.Config.Instances[0]; len(in.TrackScripts) != 0 || in.TrackInterfaces[0].Weight != 0 {
		t.Fatalf("member tracking %+v %+v", in.TrackScripts, in.TrackInterfaces)
	}
}

func TestMapStrict(t *testing.T) {
	r := load(t, `
global_defs {
	vrrp_strict
}
vrrp_instance VI_1 {
	interface eth0
	virtual_router_id 51
	priority 100
	authentication {
		auth_type PASS
		auth_pass test
	}
	virtual_ipaddress {
		10.1.1.1/24
	}
}
`)
	in := r.Config.Instances[0]
	// keepalived: "Strict mode does not support authentication. Ignoring."
	// and no accept mode for a non-owner in strict mode.
	if in.Auth.Type != wire.AuthNone || !in.Strict || in.Accept || !in.LowerPrioNoAdvert ||
		in.GARP.LowerPrioRepeat != -1 || in.GARP.LowerPrioDelay != -1 {
		t.Fatalf("strict instance %+v", in)
	}
}

func TestMapSkipped(t *testing.T) {
	r := load(t, `
vrrp_instance VI_1 {
	interface eth0
	virtual_router_id 51
	virtual_ipaddress {
		10.1.1.1/24
	}
	virtual_routes {
		10.9.0.0/16 via 192.0.2.254
		10.8.0.0/16 via 192.0.2.254 realms 5
	}
	virtual_rules {
		from 10.1.1.1 table 100
		to 10.7.0.0/16 sport 1-2 table 100 priority 7
	}
}
`)
	want := []string{"(VI_1) virtual_routes entry '10.8.0.0/16 via 192.0.2.254 realms 5' (realms)",
		"(VI_1) virtual_rules entry 'to 10.7.0.0/16 sport 1-2 table 100 priority 7' (sport)"}
	if !reflect.DeepEqual(r.Skipped, want) {
		t.Fatalf("skipped %q", r.Skipped)
	}
}

func TestMapRoutesAndRules(t *testing.T) {
	r := load(t, `
vrrp_instance VI_1 {
	interface eth0
	virtual_router_id 51
	virtual_ipaddress {
		10.1.1.1/24
	}
	virtual_routes {
		src 10.1.1.1 10.9.0.0/16 via 192.0.2.254 dev eth0 metric 7 table 100 scope link onlink
		blackhole 10.6.0.0/16 protocol 4
	}
	virtual_rules {
		from 10.1.1.1 table 100
		not to 10.7.0.0/16 fwmark 0x10/0xff iif eth0 prohibit priority 7
	}
}
`)
	in := r.Config.Instances[0]
	wantRoutes := []kernel.Route{
		{Family: 4, Type: 1, Dst: netip.MustParsePrefix("10.9.0.0/16"), Src: netip.MustParseAddr("10.1.1.1"),
			Gateway: netip.MustParseAddr("192.0.2.254"), Dev: "eth0", Table: 100, Metric: 7, Protocol: 18, Scope: 253, OnLink: true},
		// Not tracked (no interface): the protocol given stays.
		{Family: 4, Type: 6, Dst: netip.MustParsePrefix("10.6.0.0/16"), Protocol: 4},
	}
	if !reflect.DeepEqual(in.Routes, wantRoutes) {
		t.Errorf("routes\n%+v\nwant\n%+v", in.Routes, wantRoutes)
	}
	wantRules := []kernel.Rule{
		// keepalived's first rule without a preference gets 16384.
		{Family: 4, Priority: 16384, Src: netip.MustParsePrefix("10.1.1.1/32"), Table: 100, Action: 1, Protocol: 18},
		{Family: 4, Priority: 7, Dst: netip.MustParsePrefix("10.7.0.0/16"), Invert: true, Action: 8, HasMark: true,
			Mark: 0x10, Mask: 0xff, IIF: "eth0", Protocol: 18},
	}
	if !reflect.DeepEqual(in.Rules, wantRules) {
		t.Errorf("rules\n%+v\nwant\n%+v", in.Rules, wantRules)
	}
}

func TestBroadcast(t *testing.T) {
	p := netip.MustParsePrefix("10.1.1.77/26")
	if b := broadcast(p, true); b != netip.MustParseAddr("10.1.1.127") {
		t.Errorf("brd + %v", b)
	}
	if b := broadcast(p, false); b != netip.MustParseAddr("10.1.1.64") {
		t.Errorf("brd - %v", b)
	}
}
