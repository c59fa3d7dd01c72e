package main

import (
	"context"
	"path/filepath"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/check"
	"hakeep/proxy/engine"
	"hakeep/proxy/log"
)

// newTrafficLogger builds the logger of the configuration's "log" lines
// (proxy/log): the engine's traffic lines and the process's messages.
// The default tag is the program's name, as 2.6's is.
func (c *cli) newTrafficLogger(cfg *proxy.Config) (*log.Logger, error) {
	return log.New(cfg, log.Deps{
		PID:      c.pid,
		Hostname: c.hostname,
		Progname: filepath.Base(c.argv[0]),
		Alert:    func(msg string) { c.rep.emit(parser.SevAlert, msg) },
	})
}

// loggedEngine runs the logger beside the engine: it starts sending with
// the engine and flushes what is queued once the engine returns (the
// lines 2.6 sends as its proxies stop come from the engine, through
// proxyLog).
type loggedEngine struct {
	*engine.Engine
	lg *log.Logger
}

// SoftStop tells the logger first: its rings stop forwarding before the
// engine says its proxies stopped, as 2.6's do.
func (e loggedEngine) SoftStop() {
	e.lg.Stopping()
	e.Engine.SoftStop()
}

// Run serves until the engine returns.
func (e loggedEngine) Run(ctx context.Context) error {
	lctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		e.lg.Run(lctx)
		close(done)
	}()
	err := e.Engine.Run(ctx)
	cancel()
	<-done
	return err
}

// proxyLog is where the engine's messages about a proxy go
// (engine.Deps.ProxyLog): the proxy's "log" lines; the process' own
// messages ("") and 2.6's internal HTTP client proxy go to the global
// ones.
func proxyLog(lg *log.Logger) func(name string) check.Logger {
	return func(name string) check.Logger {
		if name == "" || name == "<HTTPCLIENT>" {
			return lg.Global()
		}
		if p := lg.Proxy(name); p != nil {
			return p
		}
		return nil
	}
}
