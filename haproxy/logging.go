package main

import (
	"context"
	"path/filepath"

	"hakeep/parser"
	"hakeep/proxy"
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
// the engine, and after a soft stop sends the lines 2.6 sends as its
// proxies stop, then flushes what is queued.
type loggedEngine struct {
	*engine.Engine
	lg *log.Logger
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
	if ctx.Err() == nil {
		for _, p := range e.StopOrder() {
			e.lg.ProxyStopped(p.Name, p.FE, p.BE)
		}
		e.lg.HTTPClientStopped()
	}
	cancel()
	<-done
	return err
}
