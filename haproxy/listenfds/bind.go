package listenfds

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/sockxfer"
	"hakeep/proxy"
	"hakeep/proxy/listener"
)

// Binding is one socket to bind: where it comes from in the
// configuration, with its backlog.
type Binding struct {
	Addr listener.Addr
	Bind *proxy.Bind
	// Owner names the section for messages: "frontend fe", "proxy li"
	// (a listen), "frontend GLOBAL" (stats sockets), "peers section p".
	Owner   string
	Backlog int
	Stats   bool
}

// Bindings lists the sockets of cfg in 2.6's order: stats sockets (the
// GLOBAL frontend is created first), proxies in declaration order, then
// peers. Datagram binds are left to their engines. globalMaxConn is the
// computed global maxconn, the backlog of listeners that set nothing
// else.
func Bindings(cfg *proxy.Config, globalMaxConn int) []Binding {
	var out []Binding
	add := func(b *proxy.Bind, owner string, backlog int, stats bool) {
		for _, a := range listener.Expand(b) {
			if a.Datagram || a.Family == proxy.FamilySockpair {
				continue
			}
			bl := backlog
			if b.Backlog > 0 {
				bl = b.Backlog
			}
			out = append(out, Binding{Addr: a, Bind: b, Owner: owner, Backlog: bl, Stats: stats})
		}
	}
	cliMax := cfg.Global.Stats.MaxConn
	if cliMax == 0 {
		cliMax = 10
	}
	for _, b := range cfg.Global.Stats.Sockets {
		add(b, "frontend GLOBAL", cliMax, true)
	}
	for _, p := range cfg.Proxies {
		if p.Cap&proxy.CapFrontend == 0 || p.Disabled {
			continue
		}
		owner := "frontend " + p.Name
		if p.Cap&proxy.CapListen == proxy.CapListen {
			owner = "proxy " + p.Name
		}
		// listener_backlog(): bind backlog, else the frontend's, else
		// its maxconn, which defaults to the global one
		backlog := p.Backlog
		if backlog == 0 {
			backlog = p.MaxConn
		}
		if backlog == 0 {
			backlog = globalMaxConn
		}
		for _, b := range p.Binds {
			add(b, owner, backlog, false)
		}
	}
	for _, ps := range cfg.Peers {
		if ps.Disabled || ps.Bind == nil {
			continue
		}
		add(ps.Bind, "peers section "+ps.Name, globalMaxConn, false)
	}
	return out
}

// BindError is a socket that could not be bound, with 2.6's message.
type BindError struct {
	Binding Binding
	Err     error
}

func (e *BindError) Error() string {
	return fmt.Sprintf("Binding [%s:%d] for %s: %v", e.Binding.Bind.File, e.Binding.Bind.Line, e.Binding.Owner, e.Err)
}

func (e *BindError) Unwrap() error { return e.Err }

// Open binds every socket, taking an old process' socket for the same
// address when one was handed over (sock_find_compatible_fd()). The
// sockets of old it did not use are closed. Warnings are the listener
// package's (a socket that works but lacks an option).
func Open(bs []Binding, o listener.OpenOptions, old []sockxfer.Socket) (*Set, []string, []error) {
	set := &Set{}
	var warns []string
	var errs []error
	used := make([]bool, len(old))
	for _, b := range bs {
		key := b.Addr.Key()
		so := Socket{Key: key, Interface: b.Bind.Interface, Namespace: b.Bind.Namespace, Stats: b.Stats, Level: b.Bind.Level, ExposeFD: b.Bind.ExposeFD}
		if i := compatible(old, used, b); i >= 0 {
			used[i] = true
			so.File = old[i].File
			set.Sockets = append(set.Sockets, so)
			continue
		}
		s, err := listener.Open(b.Addr, b.Bind, b.Backlog, o)
		if err != nil {
			errs = append(errs, &BindError{Binding: b, Err: err})
			continue
		}
		warns = append(warns, s.Warnings...)
		f, err := fileOf(s)
		if err != nil {
			errs = append(errs, &BindError{Binding: b, Err: err})
			continue
		}
		so.File = f
		set.Sockets = append(set.Sockets, so)
	}
	for i, u := range used {
		if !u {
			old[i].File.Close()
		}
	}
	return set, warns, errs
}

// fileOf takes the descriptor out of an opened listener.
func fileOf(s *listener.Socket) (*os.File, error) {
	type filer interface{ File() (*os.File, error) }
	fl, ok := s.Listener.(filer)
	if !ok {
		s.Listener.Close()
		return nil, fmt.Errorf("listener for [%s] has no file", s.Addr)
	}
	f, err := fl.File()
	// File() duplicated the descriptor; the listener's own goes
	s.Listener.Close()
	return f, err
}

// compatible finds an unused old socket for b: same address, same
// interface and namespace, same transparent and v6only options.
func compatible(old []sockxfer.Socket, used []bool, b Binding) int {
	key := b.Addr.Key()
	for i, s := range old {
		if used[i] || s.Dgram || s.Interface != b.Bind.Interface || s.Namespace != b.Bind.Namespace {
			continue
		}
		if KeyOf(s.Addr) != key || s.Foreign != b.Bind.Transparent {
			continue
		}
		if _, v6 := s.Addr.(*unix.SockaddrInet6); v6 && s.V6Only != wantV6Only(b.Bind) {
			continue
		}
		return i
	}
	return -1
}

// wantV6Only is what a bind line leaves IPV6_V6ONLY at.
func wantV6Only(b *proxy.Bind) bool {
	if b.V6Only {
		return true
	}
	return systemV6Only() && !b.V4V6
}

func systemV6Only() bool {
	v, err := os.ReadFile("/proc/sys/net/ipv6/bindv6only")
	return err == nil && strings.TrimSpace(string(v)) == "1"
}
