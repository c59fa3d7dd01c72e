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
// References between sections (use_backend, default_backend, track,
// peers, resolvers, mailers, http-errors, cache, ring) are resolved to
// pointers into this same Config.
type Config struct {
	Global Global

	// Proxies are the frontends, backends and listens in declaration order.
	Proxies []*Proxy
	// Defaults are the defaults sections, named or not, in file order.
	Defaults []*Proxy

	Userlists   []*Userlist
	Peers       []*Peers
	Resolvers   []*Resolvers
	Mailers     []*Mailers
	HTTPErrors  []*HTTPErrors
	Caches      []*Cache
	Rings       []*Ring
	Programs    []*Program
	FCGIApps    []*FCGIApp
	LogForwards []*LogForward

	// Patterns are the map and ACL pattern references as loaded
	// (proxy/acl's *Env), which the runtime API's map and acl commands
	// edit; nil when the configuration uses none.
	Patterns any
	// TLS is the certificate store and the TLS state of the bind lines
	// and servers as loaded (proxy/tlsconf's *Runtime), which the
	// runtime API's ssl commands edit; nil when nothing was loaded yet.
	TLS any
}

// Proxy returns the frontend, backend or listen named name with at least
// one of the capabilities in cap, or nil.
func (c *Config) Proxy(name string, cap Cap) *Proxy {
	for _, p := range c.Proxies {
		if p.Name == name && p.Cap&cap != 0 {
			return p
		}
	}
	return nil
}

// Cap is a proxy's capabilities: what a section of that kind can do.
type Cap uint8

const (
	// CapFrontend accepts connections (frontend, listen).
	CapFrontend Cap = 1 << iota
	// CapBackend connects to servers (backend, listen).
	CapBackend
	// CapDefaults marks a defaults section.
	CapDefaults
)

// CapListen is the capabilities of a listen section.
const CapListen = CapFrontend | CapBackend

// Mode is a proxy's mode (configuration.txt section 4.2, "mode").
type Mode uint8

const (
	// ModeTCP is the default: raw streams, no HTTP analysis.
	ModeTCP Mode = iota
	// ModeHTTP analyses, routes and rewrites HTTP.
	ModeHTTP
)

func (m Mode) String() string {
	if m == ModeHTTP {
		return "http"
	}
	return "tcp"
}
