package tlsconf

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/certstore"
)

// Runtime is the TLS side of one configuration: its certificate store
// and the TLS state of every "bind ... ssl" line and every server with
// "ssl" or "check-ssl". The decoder builds it while checking the
// configuration (2.6 loads certificates then) and hands it to the
// engine in proxy.Config.TLS.
type Runtime struct {
	Store   *certstore.Store
	binds   map[*proxy.Bind]*Bind
	servers map[*proxy.Server]*Client
}

// Options are what building a Runtime needs besides the configuration.
type Options struct {
	// BaseDir is where relative file names are (default-path); ""
	// means the working directory.
	BaseDir string
	// ServeALPN tells the protocols the engine serves after the
	// handshake; nil serves every protocol.
	ServeALPN func(proto string) bool
	// Warn receives 2.6's warnings, Notice hakeep's notes on what
	// crypto/tls does differently; nil drops them.
	Warn, Notice func(string)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Build loads every certificate and prepares every TLS bind line and
// server of cfg. The errors are 2.6's messages, one per line refused.
func Build(cfg *proxy.Config, opt Options) (*Runtime, error) {
	g := &cfg.Global
	path := func(n string) string {
		if opt.BaseDir == "" || filepath.IsAbs(n) {
			return n
		}
		return filepath.Join(opt.BaseDir, n)
	}
	rt := &Runtime{binds: map[*proxy.Bind]*Bind{}, servers: map[*proxy.Server]*Client{}}
	rt.Store = certstore.New(certstore.Options{ExtraFiles: g.SSL.LoadExtraFiles, DelExt: g.SSL.LoadExtraDelExt,
		Path: path, Warn: opt.Warn, CRTBase: g.SSL.CRTBase, CABase: g.SSL.CABase})
	var errs []error
	// 2.6's check_config_validity() prepares every server's context
	// (ssl_sock_prepare_srv_ctx) before the bind lines' (in a later
	// loop): their warnings come in that order
	for _, p := range cfg.Proxies {
		if p.Disabled || p.Cap&proxy.CapBackend == 0 {
			continue
		}
		for _, s := range p.Servers {
			if s.SSL == nil || !s.SSL.Enabled && !s.Check.SSL {
				continue
			}
			c, err := NewClient(ClientParams{Server: s, Proxy: p, Global: g, Store: rt.Store, Warn: opt.Warn, Notice: opt.Notice, path: path})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			rt.servers[s] = c
		}
	}
	for _, p := range cfg.Proxies {
		if p.Disabled || p.Cap&proxy.CapFrontend == 0 {
			continue
		}
		for _, b := range p.Binds {
			if b.SSL == nil || !b.SSL.Enabled {
				continue
			}
			tb, err := NewBind(BindParams{Bind: b, Proxy: p.Name, Global: g, Store: rt.Store,
				ServeALPN: opt.ServeALPN, Warn: opt.Warn, Notice: opt.Notice, Now: opt.Now, path: path})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			rt.binds[b] = tb
		}
	}
	return rt, errors.Join(errs...)
}

// For is cfg's Runtime: the one the decoder built, else one built now
// (configurations made in code) and kept in cfg.
func For(cfg *proxy.Config, opt Options) (*Runtime, error) {
	if rt, ok := cfg.TLS.(*Runtime); ok {
		return rt, nil
	}
	rt, err := Build(cfg, opt)
	if err != nil {
		return nil, err
	}
	cfg.TLS = rt
	return rt, nil
}

// Bind is the TLS side of a bind line, nil when it has none.
func (rt *Runtime) Bind(b *proxy.Bind) *Bind {
	if rt == nil {
		return nil
	}
	return rt.binds[b]
}

// Server is the TLS side of a server, nil when it has none.
func (rt *Runtime) Server(s *proxy.Server) *Client {
	if rt == nil {
		return nil
	}
	return rt.servers[s]
}

// SetServeALPN changes the protocols every bind line offers, for an
// engine that learns what it serves after the decoder built the
// runtime.
func (rt *Runtime) SetServeALPN(f func(string) bool) {
	for _, b := range rt.binds {
		b.p.ServeALPN = f
	}
}

// String describes the runtime for debugging.
func (rt *Runtime) String() string {
	return fmt.Sprintf("tls runtime: %d binds, %d servers", len(rt.binds), len(rt.servers))
}
