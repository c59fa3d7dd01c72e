package ipvsnl

import (
	"errors"
	"net/netip"
	"syscall"
	"testing"
	"time"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
	"hakeep/ipvs/ipvstest"
)

func fakeClient(t *testing.T) (*Client, *ipvstest.Kernel) {
	t.Helper()
	k := ipvstest.New()
	c, err := New(k.Socket())
	if err != nil {
		t.Fatal(err)
	}
	return c, k
}

// Every field goes to the kernel and comes back from its listing.
func TestRoundTrip(t *testing.T) {
	c, _ := fakeClient(t)
	services := []ipvs.Service{
		{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: netip.MustParseAddr("10.1.1.1"), Port: 80}, Scheduler: "wrr", Netmask: 32},
		{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.UDP, Addr: netip.MustParseAddr("2001:db8::5"), Port: 53}, Scheduler: "sh",
			Flags: ipvs.FlagPersistent | ipvs.FlagSHFallback | ipvs.FlagSHPort | ipvs.FlagOnePacket, Timeout: 360, Netmask: 48},
		{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.SCTP, Addr: netip.MustParseAddr("10.1.1.2"), Port: 3868}, Scheduler: "rr", Flags: ipvs.FlagPersistent, Timeout: 60, Netmask: 16, PE: "sip"},
		{ServiceKey: ipvs.ServiceKey{FWMark: 7, Family: ipvs.IPv6}, Scheduler: "mh", Flags: ipvs.FlagMHPort, Netmask: 128},
		// keepalived's persistence_granularity 33 on an IPv4 service.
		{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: netip.MustParseAddr("10.1.1.3"), Port: 80}, Scheduler: "rr",
			Flags: ipvs.FlagPersistent, Timeout: 360, Mask4: 0x21},
	}
	for _, s := range services {
		if err := c.NewService(s); err != nil {
			t.Fatal(err)
		}
	}
	dests := []ipvs.Destination{
		{Addr: netip.MustParseAddr("192.0.2.1"), Port: 8080, Weight: 7, Method: ipvs.Masq, UpperThreshold: 100, LowerThreshold: 5},
		{Addr: netip.MustParseAddr("192.0.2.2"), Port: 80, Weight: 0, Method: ipvs.DRoute},
		{Addr: netip.MustParseAddr("192.0.2.3"), Port: 80, Weight: 1, Method: ipvs.Tunnel, TunnelType: ipvs.TunnelGUE, TunnelPort: 5555, TunnelFlags: ipvs.TunnelCsum},
	}
	for _, d := range dests {
		if err := c.NewDestination(services[0].ServiceKey, d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := c.Services()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(services) {
		t.Fatalf("%d services, want %d", len(got), len(services))
	}
	for i, want := range services {
		want.ServiceKey = want.Normal()
		if got[i].Service != want {
			t.Errorf("service %d:\n got  %+v\n want %+v", i, got[i].Service, want)
		}
	}
	gd, err := c.Destinations(services[0].ServiceKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(gd) != len(dests) {
		t.Fatalf("%d destinations, want %d", len(gd), len(dests))
	}
	for _, g := range gd {
		found := false
		for _, want := range dests {
			if g.Destination == want {
				found = true
			}
		}
		if !found {
			t.Errorf("unexpected destination %+v", g.Destination)
		}
	}
	one, err := c.Service(services[1].ServiceKey)
	if err != nil || one.Scheduler != "sh" {
		t.Errorf("Service() = %+v, %v", one, err)
	}
	if err := c.SetTimeouts(ipvs.Timeouts{TCP: 60 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if to, err := c.Timeouts(); err != nil || to != (ipvs.Timeouts{TCP: 60 * time.Second, TCPFin: 120 * time.Second, UDP: 300 * time.Second}) {
		t.Errorf("timeouts %+v, %v (zero fields must keep the old values)", to, err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Services(); len(got) != 0 {
		t.Errorf("after flush: %+v", got)
	}
}

func TestKernelErrors(t *testing.T) {
	c, k := fakeClient(t)
	key := ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: netip.MustParseAddr("10.1.1.1"), Port: 80}
	d := ipvs.Destination{Addr: netip.MustParseAddr("192.0.2.1"), Port: 80, Weight: 1}
	check := func(err error, want syscall.Errno) {
		t.Helper()
		if want == 0 && err != nil || want != 0 && !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	}
	check(c.UpdateService(ipvs.Service{ServiceKey: key, Scheduler: "rr"}), syscall.ESRCH)
	check(c.NewService(ipvs.Service{ServiceKey: key, Scheduler: "nope"}), syscall.ENOENT)
	check(c.NewService(ipvs.Service{ServiceKey: key, Scheduler: "rr"}), 0)
	check(c.NewService(ipvs.Service{ServiceKey: key, Scheduler: "rr"}), syscall.EEXIST)
	check(c.UpdateDestination(key, d), syscall.ENOENT)
	check(c.NewDestination(key, ipvs.Destination{Addr: d.Addr, Port: 80, Weight: -1}), syscall.ERANGE)
	check(c.NewDestination(key, ipvs.Destination{Addr: d.Addr, Port: 80, UpperThreshold: 5, LowerThreshold: 6}), syscall.ERANGE)
	check(c.NewDestination(key, ipvs.Destination{Addr: d.Addr, Port: 80, Method: ipvs.Tunnel, TunnelType: ipvs.TunnelGUE}), syscall.EINVAL)
	check(c.NewDestination(key, ipvs.Destination{Addr: netip.MustParseAddr("2001:db8::1"), Port: 80, Method: ipvs.Masq}), syscall.EINVAL)
	check(c.NewDestination(key, d), 0)
	check(c.NewDestination(key, d), syscall.EEXIST)
	check(c.StopDaemon(ipvs.DaemonMaster), syscall.ESRCH)
	k.FailNext(5, syscall.ENOMEM)
	check(c.NewDestination(key, ipvs.Destination{Addr: netip.MustParseAddr("192.0.2.9"), Port: 80}), syscall.ENOMEM)
	if _, err := New(ipvstest.New().Socket()); err != nil {
		t.Fatal(err)
	}
}

// A kernel without IPVS answers the family lookup with ENOENT.
func TestNoFamily(t *testing.T) {
	_, err := New(noFamily{})
	if !errors.Is(err, genl.ErrNoFamily) {
		t.Fatalf("got %v", err)
	}
}

type noFamily struct{}

func (noFamily) Close() error { return nil }

func (noFamily) Send([]byte) error { return nil }
func (noFamily) Receive() ([]byte, error) {
	// NLMSG_ERROR -ENOENT for sequence 1, as genl_ctrl answers.
	b := make([]byte, 36)
	b[0] = 36
	b[4] = 2
	b[8] = 1
	b[16], b[17], b[18], b[19] = 0xfe, 0xff, 0xff, 0xff
	return b, nil
}
