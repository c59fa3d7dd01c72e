package check

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"time"

	"hakeep/proxy"
)

// Options are the checks' dependencies.
type Options struct {
	// Clock is the time source; nil means the system clock.
	Clock Clock
	// Logger receives every backend's notifications until the engine
	// plugs per-backend loggers in (Backend.SetLogger); nil discards.
	Logger Logger
	// Stderr receives the notifications 2.6 prints in the foreground;
	// nil prints nothing (daemon mode, "-q").
	Stderr io.Writer
	// PID is printed on stderr lines.
	PID int
	// Rand draws the "spread-checks" jitter; nil uses math/rand/v2.
	Rand func() uint32
	// TLSConfig builds the client TLS configuration of a server's checks
	// ("check-ssl", or "ssl" inherited); nil uses tlsConfig.
	TLSConfig func(srv *proxy.Server) (*tls.Config, error)
}

// Manager holds every backend's servers and checks for one configuration
// and runs the checks.
type Manager struct {
	w        *world
	backends []*Backend
	// order is the checks in start_checks() order: proxies and servers
	// as declared, each server's health check before its agent.
	order     []*Check
	maxSpread time.Duration
	// pids are the proxies' numeric ids.
	pids map[*proxy.Proxy]int
}

// New builds the check state of cfg's backends. Servers start UP with
// their health one failure away from DOWN (health = rise), as 2.6 does.
func New(cfg *proxy.Config, opt Options) (*Manager, error) {
	w := &world{clock: opt.Clock, n: &notifier{stderr: opt.Stderr, pid: opt.PID}, starting: true,
		rand: opt.Rand, spread: cfg.Global.SpreadChecks, node: cfg.Global.Node}
	if w.clock == nil {
		w.clock = SystemClock{}
	}
	if w.rand == nil {
		w.rand = rand.Uint32
	}
	if w.node == "" {
		w.node, _ = os.Hostname()
	}
	if opt.TLSConfig == nil {
		opt.TLSConfig = tlsConfig
	}
	m := &Manager{w: w, maxSpread: cfg.Global.MaxSpreadChecks, pids: proxyIDs(cfg)}
	byCfg := map[*proxy.Server]*Server{}
	for _, p := range cfg.Proxies {
		if p.Cap&proxy.CapBackend == 0 || p.Disabled {
			continue
		}
		b := newBackend(w, p)
		b.logger = opt.Logger
		var method *methodSet
		for _, sc := range p.Servers {
			if (sc.Check.Enabled || sc.Agent.Enabled) && method == nil {
				var err error
				if method, err = buildMethod(p); err != nil {
					return nil, err
				}
				b.disable404 = method.disable404
			}
		}
		for _, sc := range p.Servers {
			s, err := m.newServer(b, p, sc, method, opt)
			if err != nil {
				return nil, err
			}
			b.servers = append(b.servers, s)
			byCfg[sc] = s
		}
		m.backends = append(m.backends, b)
	}
	for _, b := range m.backends {
		for _, s := range b.servers {
			if t := s.cfg.TrackServer; t != nil && byCfg[t] != nil {
				s.track = byCfg[t]
				byCfg[t].trackers = append(byCfg[t].trackers, s)
			}
		}
	}
	// srv_compute_all_admin_states(): trackers inherit maintenance and
	// drain; nothing is announced while starting.
	w.mu.Lock()
	for _, b := range m.backends {
		for _, s := range b.servers {
			if s.track == nil {
				s.propagateAdmin()
			}
		}
	}
	w.mu.Unlock()
	return m, nil
}

func (s *Server) propagateAdmin() {
	for i := len(s.trackers) - 1; i >= 0; i-- {
		t := s.trackers[i]
		if s.nextAdmin&(admMaint|admCMaint) != 0 {
			t.setAdminFlag(admIMaint, "")
		}
		if s.nextAdmin&admDrain != 0 {
			t.setAdminFlag(admIDrain, "")
		}
		t.propagateAdmin()
	}
}

func (m *Manager) newServer(b *Backend, p *proxy.Proxy, sc *proxy.Server, method *methodSet, opt Options) (*Server, error) {
	w := m.w
	s := &Server{w: w, be: b, cfg: sc, name: sc.Name, backup: sc.Backup,
		iweight: sc.Weight, uweight: sc.Weight, prevWeight: sc.Weight,
		maxconn: sc.MaxConn, minconn: sc.MinConn, slowstart: sc.SlowStart,
		curState: StateRunning, nextState: StateRunning, lastChange: w.now().Unix(),
		errorLimit: sc.ErrorLimit, onMarkedDown: sc.OnMarkedDown != "", onMarkedUp: sc.OnMarkedUp != ""}
	switch sc.Observe {
	case "layer4":
		s.observe = observeLayer4
	case "layer7":
		s.observe = observeLayer7
	}
	s.onError = map[string]onError{"fastinter": onErrorFastInter, "fail-check": onErrorFailCheck,
		"sudden-death": onErrorSuddenDeath, "mark-down": onErrorMarkDown}[sc.OnError]
	if s.onError == onErrorNone {
		s.onError = onErrorFailCheck
	}
	if s.errorLimit == 0 {
		s.errorLimit = 10
	}
	s.check, s.agent = newCheck(s, false), newCheck(s, true)
	c, a := s.check, s.agent
	c.rise, c.fall = max(sc.Check.Rise, 1), max(sc.Check.Fall, 1)
	c.inter, c.fastInter, c.downInter = orDefault(sc.Check.Inter, 2*time.Second), sc.Check.FastInter, sc.Check.DownInter
	c.health = c.rise
	a.rise, a.fall, a.health = 1, 1, 1
	a.inter = orDefault(sc.Agent.Inter, c.inter)

	if sc.Disabled {
		s.curAdmin, s.nextAdmin = admCMaint|admFMaint, admCMaint|admFMaint
		s.curState, s.nextState = StateStopped, StateStopped
		c.paused, c.health = true, 0
	}
	if sc.Addr.Family == proxy.FamilyInet && !sc.Addr.Addr.IsValid() {
		// "init-addr none" left the server without an address
		s.curAdmin |= admRMaint
		s.nextAdmin |= admRMaint
		s.curState, s.nextState = StateStopped, StateStopped
	}
	if method == nil {
		return s, nil
	}
	base, err := m.baseProbe(p, sc, opt)
	if err != nil {
		return nil, err
	}
	if sc.Check.Enabled {
		pr := base.clone()
		pr.rs, pr.disable404 = method.rs, method.disable404
		pr.sendState = method.sendState
		if err := m.healthProbe(pr, p, s, method, opt); err != nil {
			return nil, err
		}
		c.probe, c.configured, c.enabled = pr, true, true
		m.order = append(m.order, c)
	}
	if sc.Agent.Enabled {
		pr := base.clone()
		pr.rs = agentRuleset(sc.Agent.Send)
		pr.inter = a.inter
		pr.addr, pr.addrPort, pr.port = netipOf(sc.Agent.Addr), 0, sc.Agent.Port
		if !pr.addr.IsValid() && sc.Check.Addr != nil {
			pr.addr = sc.Check.Addr.Addr
		}
		if pr.port == 0 {
			pr.port = sc.Check.Port
		}
		pr.tls, pr.sendProxy = nil, false
		a.probe, a.configured, a.enabled = pr, true, true
		m.order = append(m.order, a)
	}
	return s, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// baseProbe is what health and agent checks of a server share.
func (m *Manager) baseProbe(p *proxy.Proxy, sc *proxy.Server, opt Options) (*probe, error) {
	pr := &probe{inter: orDefault(sc.Check.Inter, 2*time.Second),
		timeoutConnect: p.Timeouts.Connect, timeoutCheck: p.Timeouts.Check, source: sc.Source}
	if pr.source == nil {
		pr.source = p.Source
	}
	switch sc.Addr.Family {
	case proxy.FamilyUnix:
		pr.unixPath = sc.Addr.Path
	case proxy.FamilyAbstract:
		pr.unixPath, pr.abstract = sc.Addr.Path, true
	default:
		pr.srvAddr = sc.Addr.Addr
		if !sc.Addr.PortOffset {
			pr.srvPort = sc.Addr.PortLow
		}
	}
	return pr, nil
}

// healthProbe completes the health check's probe: "addr", "port",
// TLS and PROXY protocol inheritance as init_srv_check() decides them.
func (m *Manager) healthProbe(pr *probe, p *proxy.Proxy, s *Server, method *methodSet, opt Options) error {
	sc := s.cfg
	ck := sc.Check
	pr.port = ck.Port
	if ck.Addr != nil {
		pr.addr, pr.addrPort = ck.Addr.Addr, ck.Addr.PortLow
	}
	useSSL := ck.SSL
	pr.sendProxy = ck.SendProxy
	if ck.Port == 0 && ck.Addr == nil {
		// no check port nor address: checks travel like the traffic
		if !ck.SSL && sc.SSL != nil && sc.SSL.Enabled {
			useSSL = true
		}
		pr.sendProxy = pr.sendProxy || sc.SendProxy || sc.SendProxyV2
	}
	pr.proxyV2 = sc.SendProxyV2
	if useSSL {
		cfgTLS, err := opt.TLSConfig(sc)
		if err != nil {
			return fmt.Errorf("config : %s '%s': server '%s': %w", proxyType(p), p.Name, sc.Name, err)
		}
		pr.tls = cfgTLS
	}
	pr.sni, pr.alpn = ck.SNI, ck.ALPN
	if method.external {
		pr.ext = m.externalFor(p, s, opt)
		return nil
	}
	// a check needs a port: the check's, the server's, or a first
	// "tcp-check connect" rule with one (init_srv_check())
	hasPort := pr.port > 0 || pr.addrPort > 0 || pr.srvPort > 0
	if hasPort || pr.unixPath != "" {
		return nil
	}
	first := pr.rs.firstRule()
	if first == nil || first.action != actConnect || first.connect.implicit {
		return fmt.Errorf("config: %s '%s': server '%s' has neither service port nor check port.", proxyType(p), p.Name, sc.Name)
	}
	for _, r := range pr.rs.rules {
		if r.action == actConnect && r.connect.port == 0 && r.connect.addrPort == 0 && r.connect.portExpr == nil {
			return fmt.Errorf("config: %s '%s': server '%s' has neither service port nor check port, and a tcp_check rule 'connect' with no port information.", proxyType(p), p.Name, sc.Name)
		}
	}
	return nil
}

func proxyType(p *proxy.Proxy) string {
	if p.Cap&proxy.CapListen == proxy.CapListen {
		return "proxy"
	}
	return "backend"
}

func netipOf(a *proxy.Address) (ip netip.Addr) {
	if a == nil {
		return
	}
	return a.Addr
}

// externalFor prepares "option external-check" for one server
// (prepare_external_check()).
func (m *Manager) externalFor(p *proxy.Proxy, s *Server, opt Options) *externalCheck {
	sc := s.cfg
	e := &externalCheck{command: p.Check.ExternalCommand, path: p.Check.ExternalPath,
		proxyAddr: "NOT_USED", proxyPort: "NOT_USED", proxyName: p.Name,
		proxyID: strconv.Itoa(m.pids[p]), serverName: sc.Name, serverID: strconv.Itoa(serverIDs(p)[sc]),
		maxconn: sc.MaxConn}
	for _, bd := range p.Binds {
		if len(bd.Addrs) == 0 {
			continue
		}
		a := bd.Addrs[0]
		if a.Family == proxy.FamilyUnix {
			e.proxyAddr = a.Path
			break
		}
		if a.Family == proxy.FamilyInet {
			e.proxyAddr, e.proxyPort = a.Addr.String(), strconv.Itoa(a.PortLow)
			break
		}
	}
	switch sc.Addr.Family {
	case proxy.FamilyInet:
		e.serverAddr, e.serverPort = sc.Addr.Addr.String(), strconv.Itoa(sc.Addr.PortLow)
	default:
		e.serverAddr = sc.Addr.Path
	}
	if opt.Stderr != nil {
		e.stdout, e.stderr = os.Stdout, opt.Stderr
	}
	w := m.w
	e.warn = func(msg string) { w.n.print(kindWarning, msg) }
	e.curconn = func() int {
		w.mu.Lock()
		defer w.mu.Unlock()
		return s.sessionsOnly()
	}
	return e
}

// Backends are the backends with servers, in declaration order.
func (m *Manager) Backends() []*Backend { return m.backends }

// Backend returns the backend named name, or nil.
func (m *Manager) Backend(name string) *Backend {
	for _, b := range m.backends {
		if b.name == name {
			return b
		}
	}
	return nil
}

// Server returns backend/server, or nil.
func (m *Manager) Server(backend, server string) *Server {
	if b := m.Backend(backend); b != nil {
		return b.Server(server)
	}
	return nil
}

// Run starts every configured check, their first runs spread over the
// smallest interval as start_checks() does (configuration.txt section
// 3.2, "spread-checks", "max-spread-checks"), and returns when ctx ends.
func (m *Manager) Run(ctx context.Context) error {
	w := m.w
	w.runContext(ctx)
	w.mu.Lock()
	w.starting = false
	n := len(m.order)
	// the smallest interval of at least one second sets the pace
	var mininter time.Duration
	for _, c := range m.order {
		if in := c.getInter(); in >= time.Second && (mininter == 0 || in < mininter) {
			mininter = in
		}
	}
	firsts := make([]time.Duration, n)
	for pos, c := range m.order {
		mi := max(mininter, c.getInter())
		mi += w.jitter(c.getInter())
		if m.maxSpread > 0 && mi > m.maxSpread {
			mi = m.maxSpread
		}
		// 2.6 counts in milliseconds: mininter * srvpos / nbcheck
		firsts[pos] = time.Duration(int64(mi/time.Millisecond)*int64(pos)/int64(n)) * time.Millisecond
	}
	w.mu.Unlock()
	var wg sync.WaitGroup
	for pos, c := range m.order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.run(ctx, firsts[pos])
		}()
	}
	<-ctx.Done()
	wg.Wait()
	w.tasks.Wait()
	return nil
}
