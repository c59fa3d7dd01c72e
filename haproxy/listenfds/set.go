// Package listenfds is the set of listening sockets a haproxy process
// binds before it serves and hands to the process that serves: every
// "bind" of the enabled frontends and listens, the stats sockets and the
// local peers (configuration.txt sections 3.1 "stats socket", 4 "bind",
// 3.5 "peers"). In 2.6 the master (or the process about to daemonize)
// binds them all, then forks; here they are bound the same way, then
// passed to the serving process as inherited files and named by their
// address, so that a worker and the next reload find each socket again.
package listenfds

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"hakeep/proxy"
	"hakeep/proxy/listener"
)

// Socket is one listening socket.
type Socket struct {
	// Key names the address (listener.Addr.Key()).
	Key  string
	File *os.File
	// Namespace and Interface are the bind line's, for the _getsocks
	// records.
	Namespace, Interface string
	// Stats marks a stats socket; Level and ExposeFD are its "level"
	// and "expose-fd" settings.
	Stats           bool
	Level, ExposeFD string
}

// Set is the sockets of a configuration, in the order they were bound.
type Set struct {
	Sockets []Socket
}

// Files returns the sockets' files in order.
func (s *Set) Files() []*os.File {
	out := make([]*os.File, len(s.Sockets))
	for i, so := range s.Sockets {
		out[i] = so.File
	}
	return out
}

// Lookup returns the socket bound for an address key.
func (s *Set) Lookup(key string) *Socket {
	for i := range s.Sockets {
		if s.Sockets[i].Key == key {
			return &s.Sockets[i]
		}
	}
	return nil
}

// Close closes every file.
func (s *Set) Close() {
	for _, so := range s.Sockets {
		so.File.Close()
	}
}

// EnvVar carries the set to the serving process.
const EnvVar = "HAKEEP_LISTENERS"

// Encode describes the set as files passed to a child from descriptor
// first on (os/exec ExtraFiles start at 3): "fd|flags|ns|if|key" records
// separated by newlines, in order. flags is "s<level>,<expose-fd>" for a
// stats socket.
func (s *Set) Encode(first int) string {
	var b strings.Builder
	for i, so := range s.Sockets {
		flags := ""
		if so.Stats {
			flags = "s" + so.Level + "," + so.ExposeFD
		}
		fmt.Fprintf(&b, "%d|%s|%s|%s|%s\n", first+i, flags, so.Namespace, so.Interface, so.Key)
	}
	return b.String()
}

// Decode takes over the descriptors an Encode'd description names.
func Decode(desc string) (*Set, error) {
	s := &Set{}
	for _, line := range strings.Split(desc, "\n") {
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 5)
		if len(parts) != 5 {
			return nil, fmt.Errorf("bad %s record %q", EnvVar, line)
		}
		fd, err := strconv.Atoi(parts[0])
		if err != nil || fd < 0 {
			return nil, fmt.Errorf("bad %s record %q", EnvVar, line)
		}
		so := Socket{Key: parts[4], File: os.NewFile(uintptr(fd), parts[4]), Namespace: parts[2], Interface: parts[3]}
		if f, ok := strings.CutPrefix(parts[1], "s"); ok {
			so.Stats = true
			so.Level, so.ExposeFD, _ = strings.Cut(f, ",")
		}
		s.Sockets = append(s.Sockets, so)
	}
	return s, nil
}

// Opener opens one socket of a bind line as the engine asks for it: the
// inherited one with the same address.
func (s *Set) Opener() func(a listener.Addr, b *proxy.Bind) (*listener.Socket, error) {
	return func(a listener.Addr, b *proxy.Bind) (*listener.Socket, error) {
		so := s.Lookup(a.Key())
		if so == nil {
			return nil, fmt.Errorf("no inherited socket for [%s]", a)
		}
		ln, err := listener.FromFile(so.File)
		if err != nil {
			return nil, fmt.Errorf("cannot use the inherited socket for [%s]: %w", a, err)
		}
		return &listener.Socket{Addr: a, Listener: ln}, nil
	}
}

// Keys lists the keys, sorted: for messages and tests.
func (s *Set) Keys() []string {
	var k []string
	for _, so := range s.Sockets {
		k = append(k, so.Key)
	}
	sort.Strings(k)
	return k
}
