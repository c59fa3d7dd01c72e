package sample

import "net/netip"

// Connection, proxy and server fetches (configuration.txt §7.3.2 and
// §7.3.3).

func addrSample(out *Sample, a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	if a.Is4() {
		out.Type, out.Addr = IPv4, a
	} else {
		out.Type, out.Addr = IPv6, a
	}
	out.Str, out.Const = nil, false
	return true
}

func fetchSrc(c *Ctx, a []Arg, out *Sample) bool { return addrSample(out, c.Src.Addr()) }
func fetchDst(c *Ctx, a []Arg, out *Sample) bool { return addrSample(out, c.Dst.Addr()) }

func fetchSrcPort(c *Ctx, a []Arg, out *Sample) bool {
	if !c.Src.IsValid() {
		return false
	}
	out.setInt(SInt, int64(c.Src.Port()))
	return true
}

func fetchDstPort(c *Ctx, a []Arg, out *Sample) bool {
	if !c.Dst.IsValid() {
		return false
	}
	out.setInt(SInt, int64(c.Dst.Port()))
	return true
}

// fetchIsLocal is src_is_local/dst_is_local: the address is one of the
// host's (loopback counts).
func fetchIsLocal(dst bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		ap := c.Src
		if dst {
			ap = c.Dst
		}
		if !ap.IsValid() {
			return false
		}
		ip := ap.Addr().Unmap()
		out.setInt(Bool, b2i(ip.IsLoopback() || ip.IsUnspecified()))
		return true
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// proxyArg returns the proxy an optional backend/frontend argument names,
// or cur when it names none.
func (c *Ctx) proxyArg(a []Arg, i int, cur Proxy) Proxy {
	if i < len(a) && a[i].Present && a[i].Str != "" {
		if c.Env == nil {
			return nil
		}
		return c.Env.Proxy(a[i].Str)
	}
	return cur
}

// fetchProxyName is fe_name/be_name.
func fetchProxyName(be bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		p := c.Frontend
		if be {
			p = c.Backend
		}
		if p == nil {
			return false
		}
		out.setStr(constBytes(p.Name()), true)
		return true
	}
}

// fetchProxyID is fe_id/be_id.
func fetchProxyID(be bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		p := c.Frontend
		if be {
			p = c.Backend
		}
		if p == nil {
			return false
		}
		out.setInt(SInt, int64(p.ID()))
		return true
	}
}

// fetchProxyStat reads one live figure of the proxy the first argument
// names (the current backend, or frontend for fe), e.g. be_conn(BE),
// nbsrv(BE), queue(BE).
func fetchProxyStat(k ProxyStat, fe bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		cur := c.Backend
		if fe {
			cur = c.Frontend
		}
		p := c.proxyArg(a, 0, cur)
		if p == nil {
			return false
		}
		out.setInt(SInt, p.Stat(k))
		return true
	}
}

// fetchAvgQueue is avg_queue: queued streams per usable server, or the
// whole queue without one.
func fetchAvgQueue(c *Ctx, a []Arg, out *Sample) bool {
	p := c.proxyArg(a, 0, c.Backend)
	if p == nil {
		return false
	}
	q, n := p.Stat(ProxyQueue), p.Stat(ProxyUsable)
	if n > 0 {
		q = (q + n - 1) / n
	}
	out.setInt(SInt, q)
	return true
}

// serverArg resolves a [backend/]server argument.
func (c *Ctx) serverArg(a []Arg) Server {
	if len(a) == 0 || !a[0].Present {
		return c.Server
	}
	s := a[0].Str
	be := c.Backend
	if i := lastIndexByte(s, '/'); i >= 0 {
		if c.Env == nil {
			return nil
		}
		be = c.Env.Proxy(s[:i])
		s = s[i+1:]
	}
	if be == nil {
		return nil
	}
	return be.Server(s)
}

func fetchSrvIsUp(c *Ctx, a []Arg, out *Sample) bool {
	s := c.serverArg(a)
	if s == nil {
		return false
	}
	out.setInt(Bool, b2i(s.Up()))
	return true
}

// fetchSrvStat reads one figure of the named (or current) server.
func fetchSrvStat(k ServerStat) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		s := c.serverArg(a)
		if s == nil {
			return false
		}
		out.setInt(SInt, s.Stat(k))
		return true
	}
}

func fetchSrvName(c *Ctx, a []Arg, out *Sample) bool {
	if c.Server == nil {
		return false
	}
	out.setStr(constBytes(c.Server.Name()), true)
	return true
}

func fetchSrvID(c *Ctx, a []Arg, out *Sample) bool {
	if c.Server == nil {
		return false
	}
	out.setInt(SInt, int64(c.Server.ID()))
	return true
}

func fetchFeDefBE(c *Ctx, a []Arg, out *Sample) bool {
	if c.Frontend == nil || c.Frontend.DefaultBackend() == "" {
		return false
	}
	out.setStr(constBytes(c.Frontend.DefaultBackend()), true)
	return true
}

// constBytes views a configuration string as bytes without copying; the
// sample is Const, so nothing writes through it.
func constBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafeBytes(s)
}
