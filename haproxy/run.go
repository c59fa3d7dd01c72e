package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"sync"
	"syscall"

	"hakeep/parser"
)

// startCPUProfile starts a CPU profile of the whole run when
// HAKEEP_CPUPROFILE names a file, for "go tool pprof"; the returned
// function stops it. SIGTERM and SIGINT still kill the process as they
// kill 2.6, once the profile is written.
func (c *cli) startCPUProfile() func() {
	path := c.lookupEnvOr("HAKEEP_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	pprof.StartCPUProfile(f)
	var once sync.Once
	stop := func() { once.Do(func() { pprof.StopCPUProfile(); f.Close() }) }
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		s := <-sigs
		stop()
		signal.Reset(s)
		syscall.Kill(os.Getpid(), s.(syscall.Signal))
	}()
	return stop
}

// lookupEnvOr is the variable's value, or "" when unset.
func (c *cli) lookupEnvOr(name string) string {
	v, _ := c.lookupEnv(name)
	return v
}

// reportHandler prints the engine's messages the way HAProxy prints its
// own: "[WARNING]  (pid) : text".
type reportHandler struct {
	rep *reporter
}

func (h *reportHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *reportHandler) Handle(_ context.Context, r slog.Record) error {
	sev := parser.SevNotice
	switch {
	case r.Level >= slog.LevelError:
		sev = parser.SevAlert
	case r.Level >= slog.LevelWarn:
		sev = parser.SevWarning
	}
	h.rep.emit(sev, r.Message)
	return nil
}

func (h *reportHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *reportHandler) WithGroup(string) slog.Handler      { return h }
