package ipvs_test

import (
	"errors"
	"net/netip"
	"reflect"
	"sort"
	"syscall"
	"testing"

	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
	"hakeep/ipvs/ipvstest"
)

func setup(t *testing.T, opts ipvs.ReconcilerOptions) (*ipvs.Reconciler, *ipvsnl.Client, *ipvstest.Kernel) {
	t.Helper()
	k := ipvstest.New()
	c, err := ipvsnl.New(k.Socket())
	if err != nil {
		t.Fatal(err)
	}
	return ipvs.NewReconciler(c, opts), c, k
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func web() ipvs.VirtualService {
	return ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: addr("10.0.0.1"), Port: 80}, Scheduler: "wrr"},
		Destinations: []ipvs.Destination{
			{Addr: addr("192.168.0.1"), Port: 8080, Weight: 1, Method: ipvs.Masq},
			{Addr: addr("192.168.0.2"), Port: 8080, Weight: 2, Method: ipvs.Masq},
		},
	}
}

func mark6() ipvs.VirtualService {
	return ipvs.VirtualService{
		Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{FWMark: 3, Family: ipvs.IPv6}, Scheduler: "sh",
			Flags: ipvs.FlagPersistent | ipvs.FlagSHPort, Timeout: 300},
		Destinations: []ipvs.Destination{{Addr: addr("2001:db8::7"), Weight: 1, Method: ipvs.DRoute}},
	}
}

func apply(t *testing.T, r *ipvs.Reconciler, k *ipvstest.Kernel, desired []ipvs.VirtualService, wantOps []string) {
	t.Helper()
	if _, err := r.Apply(desired); err != nil {
		t.Fatal(err)
	}
	got := k.Ops()
	sort.Strings(got)
	sort.Strings(wantOps)
	if !reflect.DeepEqual(got, wantOps) && !(len(got) == 0 && len(wantOps) == 0) {
		t.Errorf("kernel commands %q, want %q", got, wantOps)
	}
}

// state reads the kernel's table back as VirtualServices.
func state(t *testing.T, c *ipvsnl.Client) map[ipvs.ServiceKey]ipvs.VirtualService {
	t.Helper()
	svcs, err := c.Services()
	if err != nil {
		t.Fatal(err)
	}
	out := map[ipvs.ServiceKey]ipvs.VirtualService{}
	for _, s := range svcs {
		ds, err := c.Destinations(s.ServiceKey)
		if err != nil {
			t.Fatal(err)
		}
		vs := ipvs.VirtualService{Service: s.Service}
		for _, d := range ds {
			vs.Destinations = append(vs.Destinations, d.Destination)
		}
		out[s.ServiceKey] = vs
	}
	return out
}

func TestReconcileMinimal(t *testing.T) {
	r, c, k := setup(t, ipvs.ReconcilerOptions{})
	desired := []ipvs.VirtualService{web(), mark6()}
	apply(t, r, k, desired, []string{"NEW_SERVICE", "NEW_SERVICE", "NEW_DEST", "NEW_DEST", "NEW_DEST"})
	// The same state again changes nothing: the kernel's default netmask
	// (128 for IPv6) equals the zero Netmask asked for.
	apply(t, r, k, desired, nil)

	// A weight: one edit. inhibit_on_failure is exactly this.
	desired[0].Destinations[1].Weight = 0
	apply(t, r, k, desired, []string{"SET_DEST"})
	// The scheduler: one edit of the service, none of its destinations.
	desired[0].Scheduler = "rr"
	apply(t, r, k, desired, []string{"SET_SERVICE"})
	// A real server goes, another comes.
	desired[0].Destinations[0] = ipvs.Destination{Addr: addr("192.168.0.3"), Port: 8080, Weight: 1, Method: ipvs.Masq}
	apply(t, r, k, desired, []string{"DEL_DEST", "NEW_DEST"})
	// A service goes.
	apply(t, r, k, desired[:1], []string{"DEL_SERVICE"})

	got := state(t, c)
	want := desired[0]
	want.ServiceKey = want.Normal()
	want.Netmask = 32
	gotWeb := got[want.ServiceKey]
	sort.Slice(gotWeb.Destinations, func(i, j int) bool {
		return gotWeb.Destinations[i].Addr.Less(gotWeb.Destinations[j].Addr)
	})
	sort.Slice(want.Destinations, func(i, j int) bool {
		return want.Destinations[i].Addr.Less(want.Destinations[j].Addr)
	})
	if len(got) != 1 || !reflect.DeepEqual(gotWeb, want) {
		t.Errorf("kernel holds %+v\nwant %+v", got, want)
	}
}

// Services this reconciler never managed are left alone unless
// DeleteUnknown says otherwise (keepalived's lvs_flush).
func TestReconcileForeign(t *testing.T) {
	for _, deleteUnknown := range []bool{false, true} {
		r, c, k := setup(t, ipvs.ReconcilerOptions{DeleteUnknown: deleteUnknown})
		foreign := ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.UDP, Addr: addr("10.9.9.9"), Port: 53}, Scheduler: "rr"}
		if err := c.NewService(foreign); err != nil {
			t.Fatal(err)
		}
		k.Ops()
		want := []string{"NEW_SERVICE", "NEW_DEST", "NEW_DEST"}
		if deleteUnknown {
			want = append(want, "DEL_SERVICE")
		}
		apply(t, r, k, []ipvs.VirtualService{web()}, want)
		if _, ok := state(t, c)[foreign.Normal()]; ok == deleteUnknown {
			t.Errorf("DeleteUnknown=%v: foreign service present=%v", deleteUnknown, ok)
		}
	}
}

// A failed change does not stop the others, and the next Apply repairs it.
func TestReconcileErrors(t *testing.T) {
	r, c, k := setup(t, ipvs.ReconcilerOptions{})
	k.FailNext(5, syscall.ENOMEM) // the first NEW_DEST
	ops, err := r.Apply([]ipvs.VirtualService{web(), mark6()})
	if !errors.Is(err, syscall.ENOMEM) {
		t.Fatalf("got %v, want ENOMEM", err)
	}
	if len(ops) != 4 {
		t.Errorf("ops %v, want the four that succeeded", ops)
	}
	k.Ops()
	apply(t, r, k, []ipvs.VirtualService{web(), mark6()}, []string{"NEW_DEST"})
	if n := len(state(t, c)[web().Normal()].Destinations); n != 2 {
		t.Errorf("%d destinations after repair", n)
	}
	// A service the kernel refuses (unknown scheduler) is reported; its
	// destinations are not attempted.
	bad := ipvs.VirtualService{Service: ipvs.Service{ServiceKey: ipvs.ServiceKey{Protocol: ipvs.TCP, Addr: addr("10.0.0.2"), Port: 80}, Scheduler: "nosuch"},
		Destinations: []ipvs.Destination{{Addr: addr("192.168.0.9"), Port: 80}}}
	if _, err := r.Apply([]ipvs.VirtualService{web(), mark6(), bad}); !errors.Is(err, syscall.ENOENT) {
		t.Errorf("got %v, want ENOENT", err)
	}
	if ops := k.Ops(); len(ops) != 0 {
		t.Errorf("kernel changed: %q", ops)
	}
	// Duplicates are reported, the first one wins.
	dup := web()
	dup.Destinations = append(dup.Destinations, dup.Destinations[0])
	if _, err := r.Apply([]ipvs.VirtualService{dup, web(), mark6()}); err == nil {
		t.Error("duplicates must be reported")
	}
}
