package engine

import (
	"runtime"
	"strconv"
	"syscall"

	"hakeep/proxy"
	"hakeep/proxy/listener"
)

// globalMaxconn is the process-wide maxconn: -n, else the global
// "maxconn", else what HAProxy derives from the open-file limit
// (compute_ideal_maxconn in src/haproxy.c): two descriptors per
// connection once the listeners, the pollers and their wake-up pipes are
// counted (9986 for a limit of 20000 and one listener, as measured with
// the real one).
func (e *Engine) globalMaxconn(cfg *proxy.Config) int {
	if e.deps.MaxConn > 0 {
		return e.deps.MaxConn
	}
	if cfg.Global.MaxConn > 0 {
		return cfg.Global.MaxConn
	}
	limit := e.deps.FDLimit
	if limit <= 0 {
		var rl syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil {
			limit = int(rl.Cur)
			if int(rl.Max) > limit {
				limit = int(rl.Max)
			}
		}
	}
	if cfg.Global.FDHardLimit > 0 && limit > cfg.Global.FDHardLimit {
		limit = cfg.Global.FDHardLimit
	}
	socks := 0
	for _, p := range cfg.Proxies {
		for _, b := range p.Binds {
			socks += len(listener.Expand(b))
		}
	}
	socks += len(cfg.Global.Stats.Sockets)
	threads := cfg.Global.NbThread
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	// maxsock starts with stdin/out/err and the listeners; then one
	// poller and one wake-up pipe per thread
	remain := limit - (3 + socks) - 3*threads
	remain -= 16 // descriptors the runtime and logs keep
	max := remain / 2
	if max < 100 {
		max = 100
	}
	return max
}

func itoa(n int) string { return strconv.Itoa(n) }

// gateOf is a bind line's own maxconn gate, or nil without one.
func gateOf(max int) *listener.Gate {
	if max <= 0 {
		return nil
	}
	return listener.NewGate(max)
}
