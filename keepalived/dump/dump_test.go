package dump

import (
	"bytes"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hakeep/keepalived/config"
	"hakeep/keepalived/vrrpmap"
	"hakeep/vrrp"
	"hakeep/vrrp/fsm"
)

// host is the recording machine as keepalived's checks saw it.
type host struct {
	config.SystemHost
	ipv4 string
}

func (h host) Interface(name string) (config.Interface, bool) {
	switch name {
	case "lo":
		return config.Interface{Name: "lo", Index: 1, MTU: 65536, Loopback: true}, true
	case "eth0":
		return config.Interface{Name: "eth0", Index: 2, MTU: 1500, Multicast: true, Ether: true,
			IPv4: netip.MustParseAddr(h.ipv4), IPv6: netip.MustParseAddr("fe80::9461:dfff:fe40:81a6")}, true
	}
	return config.Interface{}, false
}
func (host) LookupUser(name string) (uint32, uint32, bool) { return 0, 0, name == "root" }
func (host) LookupGroup(name string) (uint32, bool)        { return 0, name == "root" }
func (host) UID() uint32                                   { return 0 }
func (host) GID() uint32                                   { return 0 }
func (host) ResolveHost(string) bool                       { return true }

func load(t *testing.T, name, ipv4 string) (*config.Config, vrrp.Config) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name+".conf"))
	if err != nil {
		t.Fatal(err)
	}
	res := config.LoadSource(name+".conf", src, config.Options{Host: host{ipv4: ipv4}})
	m := vrrpmap.Map(res.Config)
	// The engine resolves what the mapping leaves to defaults.
	for i := range m.Config.Instances {
		m.Config.Instances[i] = vrrp.Resolve(m.Config.Instances[i], m.Config.Global)
	}
	return res.Config, m.Config
}

func recorded(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// volatile are the values that change from run to run.
var volatile = []*regexp.Regexp{
	regexp.MustCompile(`\d{10}\.\d{6} \([^)]*\)`),
	regexp.MustCompile(`fd_in \d+, fd_out \d+`),
	regexp.MustCompile(`fd_in \d+ fd_out = \d+`),
	regexp.MustCompile(`Last checked .*`),
}

func mask(s string) string {
	for _, re := range volatile {
		s = re.ReplaceAllString(s, "<"+re.String()[:4]+">")
	}
	return s
}

func diffLines(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(mask(got), "\n"), strings.Split(mask(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("line %d\n got %q\nwant %q", i+1, gl, wl)
			return
		}
	}
}

func eth0(ipv4, mac, ll string) []Interface {
	m, _ := net.ParseMAC(mac)
	return []Interface{
		{Name: "lo", Index: 1, IPv4: netip.MustParseAddr("127.0.0.1"), MTU: 65536, Up: true, Running: true, Loopback: true},
		{Name: "eth0", Index: 2, IPv4: netip.MustParseAddr(ipv4), IPv6: netip.MustParseAddr(ll), MAC: m, MTU: 1500,
			Up: true, Running: true, Broadcast: true, Multicast: true},
	}
}

func master(c vrrp.InstanceConfig, at time.Time, src string) vrrp.InstanceStatus {
	return vrrp.InstanceStatus{Config: c, Interface: c.Interface, Version: c.Version, State: fsm.Master,
		WantState: fsm.Master, BasePriority: c.Priority, EffectivePriority: c.Priority, TotalPriority: int(c.Priority),
		MasterAdverInt: c.AdvertInt, LastTransition: at, Deadline: at.Add(c.AdvertInt), Src: netip.MustParseAddr(src),
		Group: c.McastGroup, VIPsSet: true}
}

func TestMasterPass(t *testing.T) {
	cfg, m := load(t, "master-pass", "10.98.0.1")
	at := time.Unix(1795297935, 161144000)
	s := master(m.Instances[0], at, "10.98.0.1")
	s.Stats = vrrp.Stats{AdvertSent: 3, BecameMaster: 1}
	st := vrrp.Status{Instances: []vrrp.InstanceStatus{s}}

	var b bytes.Buffer
	VRRP(&b, VRRPInput{Config: cfg, Status: st, Interfaces: eth0("10.98.0.1", "96:61:df:40:81:a6", "fe80::9461:dfff:fe40:81a6"),
		Global: GlobalOptions{Hostname: "vm", DefaultInterface: "eth0", Umask: 0o177}})
	diffLines(t, b.String(), recorded(t, "master-pass.data"))

	b.Reset()
	Stats(&b, st)
	if want := recorded(t, "master-pass.stats"); b.String() != want {
		t.Errorf("stats\n got %q\nwant %q", b.String(), want)
	}
	b.Reset()
	JSON(&b, st)
	if want := strings.TrimSpace(recorded(t, "master-pass.json")); b.String() != want {
		t.Errorf("json\n got %s\nwant %s", b.String(), want)
	}
}

func TestBackup(t *testing.T) {
	cfg, m := load(t, "backup", "10.98.0.2")
	at := time.Unix(1795298762, 893468000)
	var ins []vrrp.InstanceStatus
	for _, c := range m.Instances {
		ins = append(ins, vrrp.InstanceStatus{Config: c, Interface: "eth0", Version: c.Version, State: fsm.Backup,
			WantState: fsm.Backup, BasePriority: 100, EffectivePriority: 100, TotalPriority: 100,
			MasterAdverInt: c.AdvertInt, Master: netip.MustParseAddr("10.98.0.1"), MasterPriority: 200,
			LastTransition: at, Deadline: at.Add(time.Second), Src: netip.MustParseAddr("10.98.0.2"),
			Group: c.McastGroup})
	}
	ins[0].DownTimer = 3609375 * time.Microsecond
	ins[1].DownTimer = 721875 * time.Microsecond
	ins[1].LastTransition = time.Unix(1795298762, 893479000)
	ins[0].Stats = vrrp.Stats{AdvertRcvd: 6}
	ins[1].Stats = vrrp.Stats{AdvertRcvd: 36}
	st := vrrp.Status{Instances: ins}

	var b bytes.Buffer
	VRRP(&b, VRRPInput{Config: cfg, Status: st, Interfaces: eth0("10.98.0.2", "fe:1b:18:b4:7c:d7", "fe80::fc1b:18ff:feb4:7cd7"),
		Global: GlobalOptions{Hostname: "vm", DefaultInterface: "eth0", Umask: 0o177}})
	// keepalived shares one socket between instances on the same
	// interface; hakeep gives each its own, so the Sockpool section
	// differs by design: compare the instances only.
	got, want := b.String(), recorded(t, "backup.data")
	cut := func(s string) string { return s[:strings.Index(s, "------< VRRP Sockpool")] }
	diffLines(t, cut(got), cut(want))

	b.Reset()
	JSON(&b, st)
	wantJSON := strings.TrimSpace(recorded(t, "backup.json"))
	// Only the counters moved between the recording's JSON and stats.
	re := regexp.MustCompile(`"stats":\{[^}]*\}`)
	if g, w := re.ReplaceAllString(b.String(), ""), re.ReplaceAllString(wantJSON, ""); g != w {
		t.Errorf("json\n got %s\nwant %s", g, w)
	}
}

func TestMultiParent(t *testing.T) {
	cfg, _ := load(t, "multi", "10.98.0.1")
	var b bytes.Buffer
	Global(&b, &cfg.Global, GlobalOptions{Hostname: "vm", Umask: 0o177})
	diffLines(t, b.String(), recorded(t, "multi.parent.data"))
}

func TestJSONString(t *testing.T) {
	if got := jsonString("a/b\"c\\\n\x01"); got != `"a\/b\"c\\\n\u0001"` {
		t.Fatalf("%s", got)
	}
}
