package listenfds

import (
	"net/netip"
	"strings"

	"golang.org/x/sys/unix"
)

// trimTmpSuffix drops the ".<pid>.tmp" a unix socket is bound under
// before it is renamed into place; getsockname() still reports that
// name, so 2.6 ignores it when comparing addresses (sock_unix_addrcmp()).
func trimTmpSuffix(name string) string {
	base, ok := strings.CutSuffix(name, ".tmp")
	if !ok {
		return name
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 || i == len(base)-1 {
		return name
	}
	for _, c := range base[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return base[:i]
}

// KeyOf names a socket's own address the way listener.Addr.Key() names
// a bind address.
func KeyOf(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return "tcp4:" + netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrInet6:
		ip := netip.AddrFrom16(a.Addr)
		if ip.Is4In6() {
			return "tcp4:" + netip.AddrPortFrom(ip, uint16(a.Port)).String()
		}
		return "tcp6:" + netip.AddrPortFrom(ip, uint16(a.Port)).String()
	case *unix.SockaddrUnix:
		if strings.HasPrefix(a.Name, "@") {
			// abstract: padded with NULs to the full sun_path
			return "abns:" + strings.TrimRight(a.Name[1:], "\x00")
		}
		return "unix:" + trimTmpSuffix(a.Name)
	}
	return ""
}
