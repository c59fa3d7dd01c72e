package listenfds

import (
	"errors"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/sockxfer"
	"hakeep/proxy"
	"hakeep/proxy/listener"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func inetBind(port int, line int) *proxy.Bind {
	return &proxy.Bind{File: "t.cfg", Line: line, Addrs: []proxy.Address{{
		Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.1"), PortLow: port, PortHigh: port,
	}}}
}

func unixBind(path string, line int) *proxy.Bind {
	return &proxy.Bind{File: "t.cfg", Line: line, Addrs: []proxy.Address{{Family: proxy.FamilyUnix, Path: path}}}
}

func testConfig(t *testing.T, port int, sock string) *proxy.Config {
	stats := unixBind(sock, 2)
	stats.ExposeFD = "listeners"
	return &proxy.Config{
		Global: proxy.Global{Stats: proxy.GlobalStats{Sockets: []*proxy.Bind{stats}}},
		Proxies: []*proxy.Proxy{
			{Name: "fe", Cap: proxy.CapFrontend, MaxConn: 500, Binds: []*proxy.Bind{inetBind(port, 5)}},
			{Name: "be", Cap: proxy.CapBackend},
			{Name: "off", Cap: proxy.CapFrontend, Disabled: true, Binds: []*proxy.Bind{inetBind(port+1, 9)}},
			{Name: "li", Cap: proxy.CapListen, Backlog: 7, Binds: []*proxy.Bind{inetBind(port+2, 12)}},
		},
	}
}

func TestBindings(t *testing.T) {
	cfg := testConfig(t, 8000, "/tmp/x.sock")
	bs := Bindings(cfg, 9985)
	want := []struct {
		key, owner string
		backlog    int
	}{
		{"unix:/tmp/x.sock", "frontend GLOBAL", 10},
		{"tcp4:127.0.0.1:8000", "frontend fe", 500},
		{"tcp4:127.0.0.1:8002", "proxy li", 7},
	}
	if len(bs) != len(want) {
		t.Fatalf("%d bindings: %+v", len(bs), bs)
	}
	for i, w := range want {
		if bs[i].Addr.Key() != w.key || bs[i].Owner != w.owner || bs[i].Backlog != w.backlog {
			t.Errorf("binding %d: %s %q %d, want %+v", i, bs[i].Addr.Key(), bs[i].Owner, bs[i].Backlog, w)
		}
	}
	if !bs[0].Stats || bs[1].Stats {
		t.Error("stats flag")
	}
}

// sockets of a set as an old process would hand them over
func handOver(t *testing.T, s *Set) []sockxfer.Socket {
	t.Helper()
	var out []sockxfer.Socket
	for _, so := range s.Sockets {
		fd, err := unix.Dup(int(so.File.Fd()))
		if err != nil {
			t.Fatal(err)
		}
		sa, err := unix.Getsockname(fd)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sockxfer.Socket{File: os.NewFile(uintptr(fd), "old"), Addr: sa})
	}
	return out
}

func inode(t *testing.T, f *os.File) uint64 {
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
		t.Fatal(err)
	}
	return st.Ino
}

// A reload takes the old process' sockets rather than binding new ones:
// the same kernel sockets, so that nothing queued on them is lost.
func TestOpenReusesOldSockets(t *testing.T) {
	port := freePort(t)
	sock := filepath.Join(t.TempDir(), "stats.sock")
	cfg := testConfig(t, port, sock)
	first, warns, errs := Open(Bindings(cfg, 100), listener.OpenOptions{PID: 42}, nil)
	if len(errs) != 0 || len(warns) != 0 {
		t.Fatalf("errors %v warnings %v", errs, warns)
	}
	defer first.Close()
	if got := first.Keys(); len(got) != 3 {
		t.Fatalf("keys %v", got)
	}
	old := handOver(t, first)
	// the unix socket reports the temporary name it was bound under
	if name := old[0].Addr.(*unix.SockaddrUnix).Name; name != sock+".42.tmp" {
		t.Fatalf("unix socket name %q", name)
	}
	second, _, errs := Open(Bindings(cfg, 100), listener.OpenOptions{PID: 43}, old)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	defer second.Close()
	for i := range first.Sockets {
		if a, b := inode(t, first.Sockets[i].File), inode(t, second.Sockets[i].File); a != b {
			t.Errorf("%s: new socket %d, want the old %d", first.Sockets[i].Key, b, a)
		}
	}
	// without the old ones, binding the same TCP address again works
	// through SO_REUSEPORT, as 2.6 does without -x
	third, _, errs := Open(Bindings(cfg, 100), listener.OpenOptions{PID: 44}, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	defer third.Close()
	if inode(t, third.Sockets[1].File) == inode(t, first.Sockets[1].File) {
		t.Error("a fresh bind returned the old socket")
	}
}

func TestBindErrorMessage(t *testing.T) {
	port := freePort(t)
	l, err := net.Listen("tcp4", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cfg := &proxy.Config{Proxies: []*proxy.Proxy{
		{Name: "fe", Cap: proxy.CapFrontend, Binds: []*proxy.Bind{inetBind(port, 10)}},
	}}
	_, _, errs := Open(Bindings(cfg, 100), listener.OpenOptions{NoReusePort: true}, nil)
	if len(errs) != 1 {
		t.Fatalf("errors %v", errs)
	}
	// 2.6.12: "Binding [busy.cfg:10] for frontend fe: cannot bind socket
	// (Address already in use) for [127.0.0.1:18099]"
	want := "Binding [t.cfg:10] for frontend fe: cannot bind socket (Address already in use) for [127.0.0.1:" + strconv.Itoa(port) + "]"
	if errs[0].Error() != want {
		t.Errorf("got  %q\nwant %q", errs[0], want)
	}
	var be *BindError
	if !errors.As(errs[0], &be) || be.Binding.Owner != "frontend fe" {
		t.Errorf("not a BindError: %v", errs[0])
	}
}

func TestEncodeDecode(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	s := &Set{Sockets: []Socket{
		{Key: "tcp4:127.0.0.1:80", File: r, Interface: "lo"},
		{Key: "unix:/run/a|b.sock", File: w, Stats: true, Level: "admin", ExposeFD: "listeners", Namespace: "ns"},
	}}
	desc := s.Encode(3)
	got, err := Decode(desc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sockets) != 2 {
		t.Fatalf("%+v", got.Sockets)
	}
	a, b := got.Sockets[0], got.Sockets[1]
	if a.Key != "tcp4:127.0.0.1:80" || a.File.Fd() != 3 || a.Interface != "lo" || a.Stats {
		t.Errorf("first %+v", a)
	}
	if b.Key != "unix:/run/a|b.sock" || b.File.Fd() != 4 || !b.Stats || b.Level != "admin" || b.ExposeFD != "listeners" || b.Namespace != "ns" {
		t.Errorf("second %+v", b)
	}
	if _, err := Decode("x|y\n"); err == nil {
		t.Error("want an error for a bad record")
	}
}

func TestKeyOf(t *testing.T) {
	cases := []struct {
		sa   unix.Sockaddr
		want string
	}{
		{&unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}}, "tcp4:127.0.0.1:80"},
		{&unix.SockaddrInet6{Port: 443, Addr: netip.MustParseAddr("::1").As16()}, "tcp6:[::1]:443"},
		{&unix.SockaddrUnix{Name: "/run/haproxy/admin.sock.1234.tmp"}, "unix:/run/haproxy/admin.sock"},
		{&unix.SockaddrUnix{Name: "/run/x.sock"}, "unix:/run/x.sock"},
		{&unix.SockaddrUnix{Name: "@name\x00\x00\x00"}, "abns:name"},
	}
	for _, c := range cases {
		if got := KeyOf(c.sa); got != c.want {
			t.Errorf("%#v: %q, want %q", c.sa, got, c.want)
		}
	}
	// the same naming as the listener package
	for _, a := range []listener.Addr{
		{Address: proxy.Address{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.1")}, Port: 80},
		{Address: proxy.Address{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("::1")}, Port: 443},
		{Address: proxy.Address{Family: proxy.FamilyUnix, Path: "/run/x.sock"}},
		{Address: proxy.Address{Family: proxy.FamilyAbstract, Path: "name"}},
	} {
		found := false
		for _, c := range cases {
			if KeyOf(c.sa) == a.Key() {
				found = true
			}
		}
		if !found {
			t.Errorf("listener key %q has no KeyOf counterpart", a.Key())
		}
	}
}

func TestOpener(t *testing.T) {
	port := freePort(t)
	cfg := &proxy.Config{Proxies: []*proxy.Proxy{
		{Name: "fe", Cap: proxy.CapFrontend, Binds: []*proxy.Bind{inetBind(port, 1)}},
	}}
	bs := Bindings(cfg, 100)
	s, _, errs := Open(bs, listener.OpenOptions{}, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	defer s.Close()
	open := s.Opener()
	so, err := open(bs[0].Addr, bs[0].Bind)
	if err != nil {
		t.Fatal(err)
	}
	defer so.Listener.Close()
	c, err := net.Dial("tcp4", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if a, err := so.Listener.Accept(); err != nil {
		t.Fatal(err)
	} else {
		a.Close()
	}
	other := listener.Addr{Address: proxy.Address{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.2")}, Port: port}
	if _, err := open(other, bs[0].Bind); err == nil {
		t.Error("want an error for an address that was not bound")
	}
}
