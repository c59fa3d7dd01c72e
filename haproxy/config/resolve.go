package config

import (
	"context"
	"net"
	"net/netip"
	"time"
)

// lookupHost resolves a name with the Options' resolver or the system's.
// Results are cached: a configuration names the same hosts many times.
func (l *loader) lookupHost(host string) ([]netip.Addr, error) {
	if a, ok := l.hostCache[host]; ok {
		return a.addrs, a.err
	}
	var addrs []netip.Addr
	var err error
	if l.opts.LookupHost != nil {
		addrs, err = l.opts.LookupHost(host)
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		addrs, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		cancel()
	}
	if l.hostCache == nil {
		l.hostCache = map[string]hostResult{}
	}
	l.hostCache[host] = hostResult{addrs, err}
	return addrs, err
}

type hostResult struct {
	addrs []netip.Addr
	err   error
}
