package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"

	"hakeep/haproxy/limits"
	"hakeep/haproxy/sdnotify"
	"hakeep/parser"
	"hakeep/proxy"
)

// msgs gives the process model's packages this process' reporter.
type msgs struct{ rep *reporter }

func (m msgs) Notice(s string)  { m.rep.emit(parser.SevNotice, s) }
func (m msgs) Warning(s string) { m.rep.emit(parser.SevWarning, s) }
func (m msgs) Alert(s string)   { m.rep.emit(parser.SevAlert, s) }

// notifier is systemd's notification socket under -Ws.
func (c *cli) notifier() *sdnotify.Notifier {
	v, _ := c.lookupEnv("NOTIFY_SOCKET")
	return sdnotify.New(v)
}

// nbThread is "nbthread", else the CPUs the process may run on (2.6
// counts them with sched_getaffinity(), as runtime.NumCPU does), at most
// MAX_THREADS.
func nbThread(g *proxy.Global) int {
	if g.NbThread > 0 {
		return g.NbThread
	}
	return min(runtime.NumCPU(), 64)
}

// limitInputs gathers what the fd and connection limits depend on.
func limitInputs(opts *Options, cfg *proxy.Config, sockets, bootCur, bootMax int) limits.Inputs {
	g := &cfg.Global
	in := limits.Inputs{
		MaxConn:     g.MaxConn,
		UlimitN:     g.UlimitN,
		FDHardLimit: g.FDHardLimit,
		MaxPipes:    g.MaxPipes,
		NbThread:    nbThread(g),
		Sockets:     sockets,
		BootCur:     bootCur,
		BootMax:     bootMax,
	}
	if opts.MaxConn > 0 {
		in.MaxConn = int(opts.MaxConn)
	}
	if len(g.Stats.Sockets) > 0 {
		in.CLIMaxConn = g.Stats.MaxConn
		if in.CLIMaxConn == 0 {
			in.CLIMaxConn = 10
		}
	}
	for _, p := range cfg.Proxies {
		if o := p.Options; o.SpliceAuto || o.SpliceRequest || o.SpliceResponse {
			in.Splice = append(in.Splice, limits.SpliceProxy{
				Frontend: p.Cap&proxy.CapFrontend != 0, Backend: p.Cap&proxy.CapBackend != 0,
				MaxConn: p.MaxConn, FullConn: p.FullConn,
			})
		}
	}
	return in
}

// setLimits computes maxconn and the descriptor limit and applies them;
// a non-zero status ends the start (main() of 2.6).
func (c *cli) setLimits(opts *Options, cfg *proxy.Config, sockets, bootCur, bootMax int) (limits.Result, int) {
	in := limitInputs(opts, cfg, sockets, bootCur, bootMax)
	r := limits.Compute(in)
	if r.Auto && (opts.Verbose || opts.Debug) {
		// init() prints this straight to stderr
		c.stderr.Write([]byte("Note: setting global.maxconn to " + strconv.Itoa(r.MaxConn) + ".\n"))
	}
	o := limits.Apply(limits.Process{}, r, in, cfg.Global.StrictLimits, c.argv[0])
	for _, w := range o.Warnings {
		c.rep.emit(parser.SevWarning, w)
	}
	for _, a := range o.Alerts {
		c.rep.emit(parser.SevAlert, a)
	}
	r.NoFile = o.NoFile
	if o.Fatal {
		return r, 1
	}
	return r, 0
}

// bootLimits is RLIMIT_NOFILE as the process found it.
func bootLimits() (int, int) {
	cur, max, err := limits.Process{}.Get()
	if err != nil {
		return 0, 0
	}
	return cur, max
}

// applyEnvOps applies the global section's setenv, presetenv, unsetenv
// and resetenv in order to the process environment, which every process
// started from here inherits (configuration.txt section 3.1).
func applyEnvOps(ops []proxy.EnvOp) {
	for _, op := range ops {
		switch op.Op {
		case "setenv":
			os.Setenv(op.Name, op.Value)
		case "presetenv":
			if _, ok := os.LookupEnv(op.Name); !ok {
				os.Setenv(op.Name, op.Value)
			}
		case "unsetenv":
			for _, n := range op.Names {
				os.Unsetenv(n)
			}
		case "resetenv":
			keep := map[string]string{}
			for _, n := range op.Names {
				if v, ok := os.LookupEnv(n); ok {
					keep[n] = v
				}
			}
			for _, kv := range os.Environ() {
				k, _, _ := strings.Cut(kv, "=")
				// hakeep's own variables still have to reach the
				// processes it starts
				if _, ok := keep[k]; !ok && !strings.HasPrefix(k, "HAKEEP_") {
					os.Unsetenv(k)
				}
			}
		}
	}
}
