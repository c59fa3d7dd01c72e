package main

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/user"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"hakeep/haproxy/mworker"
	"hakeep/proxy"
	"hakeep/proxy/listener"
)

// masterCLISocket is one -S argument bound: "<address>[,<bind
// options>...]" (management.txt sections 3 and 9.4), the options being
// bind keywords and their values separated by commas
// ("/run/m.sock,mode,600,level,operator").
func bindMasterCLI(spec string, pid int) (mworker.CLISocket, error) {
	words := strings.Split(spec, ",")
	a, err := masterCLIAddr(words[0])
	if err != nil {
		return mworker.CLISocket{}, err
	}
	b := &proxy.Bind{Spec: words[0], Addrs: []proxy.Address{a}}
	level := "admin"
	for i := 1; i < len(words); i++ {
		kw := words[i]
		val := ""
		if i+1 < len(words) {
			val = words[i+1]
		}
		switch kw {
		case "mode":
			m, err := strconv.ParseUint(val, 8, 32)
			if err != nil {
				return mworker.CLISocket{}, fmt.Errorf("'%s' : '%s' expects a valid octal mode", spec, kw)
			}
			b.Mode, b.ModeSet = uint32(m), true
		case "level":
			if _, err := mworker.ParseLevel(val); err != nil {
				return mworker.CLISocket{}, fmt.Errorf("'%s' : %v", spec, err)
			}
			level = val
		case "uid", "gid":
			n, err := strconv.Atoi(val)
			if err != nil {
				return mworker.CLISocket{}, fmt.Errorf("'%s' : '%s' : missing value", spec, kw)
			}
			if kw == "uid" {
				b.UID = n
			} else {
				b.GID = n
			}
		case "user":
			u, err := user.Lookup(val)
			if err != nil {
				return mworker.CLISocket{}, fmt.Errorf("'%s' : unknown user '%s' in '%s' directive", spec, val, kw)
			}
			b.UID, _ = strconv.Atoi(u.Uid)
			b.User = val
		case "group":
			g, err := user.LookupGroup(val)
			if err != nil {
				return mworker.CLISocket{}, fmt.Errorf("'%s' : unknown group '%s' in '%s' directive", spec, val, kw)
			}
			b.GID, _ = strconv.Atoi(g.Gid)
			b.Group = val
		case "expose-fd":
			// the master's sessions route commands; nothing to expose
		default:
			return mworker.CLISocket{}, fmt.Errorf("'%s' : unknown keyword '%s'", spec, kw)
		}
		i++
	}
	la := listener.Addr{Address: a, Port: a.PortLow}
	s, err := listener.Open(la, b, 10, listener.OpenOptions{PID: pid})
	if err != nil {
		return mworker.CLISocket{}, err
	}
	type filer interface{ File() (*os.File, error) }
	fl, ok := s.Listener.(filer)
	if !ok {
		s.Listener.Close()
		return mworker.CLISocket{}, fmt.Errorf("'%s' : not a socket", spec)
	}
	f, err := fl.File()
	s.Listener.Close()
	if err != nil {
		return mworker.CLISocket{}, err
	}
	// the descriptor is kept across re-executions: its number is the
	// state, its file must not be collected
	fd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 3)
	f.Close()
	if err != nil {
		return mworker.CLISocket{}, err
	}
	return mworker.CLISocket{FD: fd, Level: level, Name: cliName(a)}, nil
}

// cliName is the address as HAPROXY_MASTER_CLI names it.
func cliName(a proxy.Address) string {
	switch a.Family {
	case proxy.FamilyUnix:
		return "unix@" + a.Path
	case proxy.FamilyAbstract:
		return "abns@" + a.Path
	case proxy.FamilyFD:
		return "fd@" + strconv.Itoa(a.FD)
	}
	if a.Addr.Is6() && !a.Addr.Is4In6() {
		return "ipv6@" + netip.AddrPortFrom(a.Addr, uint16(a.PortLow)).String()
	}
	return "ipv4@" + netip.AddrPortFrom(a.Addr, uint16(a.PortLow)).String()
}

// masterCLIAddr reads the address part of -S.
func masterCLIAddr(s string) (proxy.Address, error) {
	a := proxy.Address{Raw: s}
	switch {
	case strings.HasPrefix(s, "unix@"):
		a.Family, a.Path = proxy.FamilyUnix, s[len("unix@"):]
		return a, nil
	case strings.HasPrefix(s, "/"):
		a.Family, a.Path = proxy.FamilyUnix, s
		return a, nil
	case strings.HasPrefix(s, "abns@"):
		a.Family, a.Path = proxy.FamilyAbstract, s[len("abns@"):]
		return a, nil
	case strings.HasPrefix(s, "fd@"):
		n, err := strconv.Atoi(s[len("fd@"):])
		if err != nil {
			return a, fmt.Errorf("'%s' : invalid file descriptor", s)
		}
		a.Family, a.FD = proxy.FamilyFD, n
		return a, nil
	}
	rest := s
	for _, p := range []string{"ipv4@", "ipv6@", "ip@", "tcp@", "tcp4@", "tcp6@"} {
		rest = strings.TrimPrefix(rest, p)
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return a, fmt.Errorf("'%s' : missing port number", s)
	}
	host := strings.Trim(rest[:i], "[]")
	port, err := strconv.Atoi(rest[i+1:])
	if err != nil || port <= 0 || port > 65535 {
		return a, fmt.Errorf("'%s' : invalid port '%s'", s, rest[i+1:])
	}
	ip := netip.IPv4Unspecified()
	if host != "" && host != "*" {
		if ip, err = netip.ParseAddr(host); err != nil {
			return a, fmt.Errorf("'%s' : invalid address: '%s' in '%s'", s, host, s)
		}
	}
	a.Family, a.Addr, a.PortLow, a.PortHigh, a.Port = proxy.FamilyInet, ip, port, port, port
	return a, nil
}

// cliListeners makes the master's listeners of the CLI sockets it keeps
// across re-executions (each on a duplicate of the kept descriptor).
func cliListeners(socks []mworker.CLISocket) []mworker.CLIListener {
	var out []mworker.CLIListener
	for _, s := range socks {
		unix.CloseOnExec(s.FD)
		dup, err := unix.FcntlInt(uintptr(s.FD), unix.F_DUPFD_CLOEXEC, 0)
		if err != nil {
			continue
		}
		f := os.NewFile(uintptr(dup), s.Name)
		ln, err := net.FileListener(f)
		f.Close()
		if err != nil {
			continue
		}
		lvl, err := mworker.ParseLevel(s.Level)
		if err != nil {
			lvl = mworker.LevelAdmin
		}
		out = append(out, mworker.CLIListener{Listener: ln, Level: lvl})
	}
	return out
}
