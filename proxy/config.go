// Package proxy is the HAProxy engine: listeners, the HTTP/1 codec, load
// balancing, rules, checks, stats and logs, all driven by a Config.
package proxy

// Config is everything the engine runs, decoded from haproxy.cfg by
// haproxy/config. It holds no parser types: every value is typed and every
// zero value works (a zero Config runs nothing).
//
// Sections map one to one onto fields: the global section onto Global,
// each frontend/backend/listen onto one Proxy in Proxies (in file order),
// and each auxiliary section onto its own list. Defaults sections are
// already folded into the proxies that inherit them (configuration.txt
// section 4, "defaults"); they are kept in Defaults only for reference.
type Config struct {
	Global Global

	// Proxies are the frontends, backends and listens in declaration order.
	Proxies []*Proxy
	// Defaults are the defaults sections, named or not, in file order.
	Defaults []*Proxy
}

// Global is the process-wide configuration (configuration.txt section 3).
type Global struct {
	// MaxConn is the process-wide connection limit; 0 means HAProxy's
	// computed default.
	MaxConn int
}

// Proxy is one frontend, backend, listen or defaults section.
type Proxy struct {
	Name string
}
