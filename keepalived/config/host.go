package config

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Host is what keepalived's checks look at on the machine: its network
// interfaces, users and groups, network namespaces and the files scripts
// live in. SystemHost is the real one; tests give their own.
type Host interface {
	// Interface returns the interface named name.
	Interface(name string) (Interface, bool)
	// LookupUser returns a user's uid and primary gid (getpwnam).
	LookupUser(name string) (uid, gid uint32, ok bool)
	// LookupGroup returns a group's gid (getgrnam).
	LookupGroup(name string) (gid uint32, ok bool)
	// NetNamespace reports whether /run/netns/name can be entered.
	NetNamespace(name string) bool
	// NumCPU is sysconf(_SC_NPROCESSORS_ONLN).
	NumCPU() int
	// Stat and Lstat describe a file, RealPath resolves a path
	// (realpath(3)), Getenv reads the environment (PATH searches).
	Stat(path string) (FileInfo, error)
	Lstat(path string) (FileInfo, error)
	RealPath(path string) (string, error)
	Getenv(name string) string
	// ReadFile reads a small system file (iproute2's name tables).
	ReadFile(path string) ([]byte, error)
	// UID and GID are the ids keepalived runs with.
	UID() uint32
	GID() uint32
	// ResolveHost reports whether a host name resolves
	// (getaddrinfo), as keepalived resolves smtp_server when reading.
	ResolveHost(name string) bool
}

// Interface is what keepalived knows of a network interface.
type Interface struct {
	Name  string
	Index int
	MTU   int
	// Loopback, Multicast, NoARP, PointToPoint are the interface flags
	// keepalived tests (ARPHRD_LOOPBACK, IFF_MULTICAST, IFF_NOARP,
	// IFF_POINTOPOINT); Ether is ARPHRD_ETHER.
	Loopback, Multicast, NoARP, PointToPoint, Ether bool
	// IPv4 is the interface's first IPv4 address, IPv6 its link-local
	// one: what keepalived uses as advert source addresses.
	IPv4, IPv6 netip.Addr
}

// FileInfo is the part of stat(2) script checks use.
type FileInfo struct {
	Mode     fs.FileMode
	UID, GID uint32
	Dev, Ino uint64
}

// SystemHost is the machine hakeep runs on.
type SystemHost struct{}

var _ Host = SystemHost{}

func (SystemHost) Interface(name string) (Interface, bool) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return Interface{}, false
	}
	out := Interface{
		Name:         ifi.Name,
		Index:        ifi.Index,
		MTU:          ifi.MTU,
		Loopback:     ifi.Flags&net.FlagLoopback != 0,
		Multicast:    ifi.Flags&net.FlagMulticast != 0,
		PointToPoint: ifi.Flags&net.FlagPointToPoint != 0,
		Ether:        len(ifi.HardwareAddr) == 6,
	}
	// /sys has what package net does not: the ARP flag and the link type.
	if b, err := os.ReadFile(filepath.Join("/sys/class/net", name, "flags")); err == nil {
		if f, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(string(b)), "0x"), 16, 32); err == nil {
			out.NoARP = f&syscall.IFF_NOARP != 0
		}
	}
	if b, err := os.ReadFile(filepath.Join("/sys/class/net", name, "type")); err == nil {
		t := strings.TrimSpace(string(b))
		out.Ether = t == "1"
		out.Loopback = out.Loopback || t == "772"
	}
	if addrs, err := ifi.Addrs(); err == nil {
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(ipn.IP)
			if !ok {
				continue
			}
			ip = ip.Unmap()
			switch {
			case ip.Is4() && !out.IPv4.IsValid():
				out.IPv4 = ip
			case ip.Is6() && ip.IsLinkLocalUnicast() && !out.IPv6.IsValid():
				out.IPv6 = ip
			}
		}
	}
	return out, true
}

func (SystemHost) LookupUser(name string) (uint32, uint32, bool) {
	u, err := user.Lookup(name)
	if err != nil {
		return 0, 0, false
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uint32(uid), uint32(gid), true
}

func (SystemHost) LookupGroup(name string) (uint32, bool) {
	g, err := user.LookupGroup(name)
	if err != nil {
		return 0, false
	}
	gid, err := strconv.ParseUint(g.Gid, 10, 32)
	return uint32(gid), err == nil
}

func (SystemHost) NetNamespace(name string) bool {
	f, err := os.Open(filepath.Join("/run/netns", name))
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// resolveTimeout bounds the name lookup of ResolveHost, about what
// glibc's resolver takes with its defaults (5 s, 2 attempts).
const resolveTimeout = 10 * time.Second

func (SystemHost) ResolveHost(name string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, name)
	return err == nil && len(addrs) > 0
}

func (SystemHost) NumCPU() int { return runtime.NumCPU() }

func (SystemHost) Stat(path string) (FileInfo, error) {
	st, err := os.Stat(path)
	return fileInfo(st, err)
}

func (SystemHost) Lstat(path string) (FileInfo, error) {
	st, err := os.Lstat(path)
	return fileInfo(st, err)
}

func fileInfo(st fs.FileInfo, err error) (FileInfo, error) {
	if err != nil {
		return FileInfo{}, err
	}
	fi := FileInfo{Mode: st.Mode()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		fi.UID, fi.GID, fi.Dev, fi.Ino = sys.Uid, sys.Gid, sys.Dev, sys.Ino
	}
	return fi, nil
}

func (SystemHost) RealPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

func (SystemHost) Getenv(name string) string { return os.Getenv(name) }

func (SystemHost) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

func (SystemHost) UID() uint32 { return uint32(os.Geteuid()) }

func (SystemHost) GID() uint32 { return uint32(os.Getegid()) }

// errnoText is strerror() for an error from the file system.
func errnoText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return err.Error()
}
