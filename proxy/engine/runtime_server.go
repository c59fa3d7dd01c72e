package engine

import (
	"errors"
	"fmt"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"hakeep/proxy/balance"
	"hakeep/proxy/check"
	"hakeep/proxy/cli"
	"hakeep/proxy/server"
)

// atomicInt is the counters' type.
type atomicInt = atomic.Int64

// serverCtl is a server under cli.Server. The server's state machine
// is proxy/check's (its checks, agent, tracking and administrative
// state); load balancing follows it through check.EngineTarget. A
// server the checks do not know (none, when the manager failed to
// build) is driven straight through load balancing.
type serverCtl struct {
	e   *Engine
	be  *backendCtl
	s   *server.Server
	chk *check.Server
}

// newServerCtl wraps s with its checks' state.
func newServerCtl(e *Engine, be *backendCtl, s *server.Server) *serverCtl {
	c := &serverCtl{e: e, be: be, s: s}
	if m := e.Checks(); m != nil {
		c.chk = m.Server(be.Name(), s.Name())
	}
	return c
}

func (c *serverCtl) Name() string { return c.s.Name() }

func (c *serverCtl) lb() *balance.Backend { return c.be.b.LB }

// SetAdmin is srv_adm_set_ready/drain/maint: each clears the other
// forced state.
func (c *serverCtl) SetAdmin(state string) error {
	if c.chk != nil {
		return c.kicked(c.chk.SetAdmin(state))
	}
	lb, s := c.lb(), c.s.LB
	switch state {
	case "ready":
		lb.SetMaint(s, false)
		lb.SetDrain(s, false)
	case "drain":
		lb.SetDrain(s, true)
		lb.SetMaint(s, false)
	case "maint":
		lb.SetMaint(s, true)
		lb.SetDrain(s, false)
		c.be.b.NoteMaint(c.s)
	default:
		return errors.New("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n")
	}
	c.be.b.Kick()
	return nil
}

// SetWeight is server_parse_weight_change_request(): an absolute weight,
// or a percentage of the initial one.
func (c *serverCtl) SetWeight(str string) error {
	if c.chk != nil {
		return c.kicked(c.chk.SetWeight(str))
	}
	if str == "" {
		return errors.New("Require <weight> or <weight%>.\n")
	}
	w, end := strtol(str)
	init := c.s.LB.InitialWeight()
	switch {
	case end == 0:
		return errors.New("Empty weight string empty or preceded by garbage")
	case str[end:] == "%":
		if w < 0 {
			return errors.New("Relative weight must be positive.\n")
		}
		w = min(w, 25600)
		w = min(int64(init)*w/100, 256)
	case w < 0 || w > 256:
		return errors.New("Absolute weight can only be between 0 and 256 inclusive.\n")
	case end != len(str):
		return errors.New("Trailing garbage in weight string")
	}
	if w != 0 && int(w) != init && !c.lb().Dynamic() {
		return errors.New("Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n")
	}
	if err := c.lb().SetWeight(c.s.LB, int(w)); err != nil {
		return errors.New(err.Error() + "\n")
	}
	c.be.b.Kick()
	return nil
}

func (c *serverCtl) Weight() (cur, initial int) { return c.s.LB.Weight(), c.s.LB.InitialWeight() }

// SetMaxconn is server_parse_maxconn_change_request().
func (c *serverCtl) SetMaxconn(str string) error {
	if c.chk != nil {
		return c.chk.SetMaxconn(str)
	}
	if str == "" {
		return errors.New("Require <maxconn>.\n")
	}
	v, end := strtol(str)
	switch {
	case end == 0:
		return errors.New("maxconn string empty or preceded by garbage")
	case end != len(str):
		return errors.New("Trailing garbage in maxconn string")
	}
	c.lb().SetMaxconn(c.s.LB, int(v))
	c.be.b.Kick()
	return nil
}

// SetAddr is srv_update_addr_port() with "stats socket command" as the
// updater: the message says what changed.
func (c *serverCtl) SetAddr(addr, port string) (string, error) {
	const by = " by 'stats socket command'"
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return "", fmt.Errorf("Invalid addr '%s'%s\n", addr, by)
	}
	cur := c.s.Addr()
	var b strings.Builder
	if cur.Addr() == ip {
		b.WriteString("no need to change the addr")
	} else {
		fmt.Fprintf(&b, "IP changed from '%s' to '%s'", cur.Addr(), ip)
	}
	newPort := cur.Port()
	if port != "" {
		if c.s.Cfg.Addr.PortOffset {
			return "", fmt.Errorf("can't change <port> when <addr> is using a port offset%s\n", by)
		}
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return "", fmt.Errorf("provided port is not valid%s\n", by)
		}
		if uint16(n) != cur.Port() {
			fmt.Fprintf(&b, ", port changed from '%d' to '%d'", cur.Port(), n)
		} else {
			b.WriteString(", no need to change the port")
		}
		newPort = uint16(n)
	}
	c.s.SetAddr(netip.AddrPortFrom(ip, newPort))
	return b.String() + by + "\n", nil
}

// The check and agent commands go to the server's checks; a server the
// checks do not know answers as 2.6 does for one without "check" or
// "agent-check".

func (c *serverCtl) SetHealth(state string) (string, error) {
	if c.chk != nil {
		w, err := c.chk.SetHealth(state)
		return w, c.kicked(err)
	}
	if c.s.Cfg.Track != "" {
		return "", errors.New("cannot change health on a tracking server.\n")
	}
	lb, s := c.lb(), c.s.LB
	switch state {
	case "up":
		lb.SetState(s, balance.Running)
	case "stopping":
		lb.SetState(s, balance.Stopping)
	case "down":
		lb.SetState(s, balance.Stopped)
	default:
		return "", errors.New("'set server <srv> health' expects 'up', 'stopping', or 'down'.\n")
	}
	c.be.b.Kick()
	return "", nil
}

func (c *serverCtl) SetAgent(state string) (string, error) {
	if c.chk != nil {
		w, err := c.chk.SetAgent(state)
		return w, c.kicked(err)
	}
	return "", errors.New("agent checks are not enabled on this server.\n")
}

func (c *serverCtl) EnableHealth() error {
	if c.chk != nil {
		return c.chk.EnableHealth()
	}
	return errors.New("Health check was not configured on this server, cannot enable.\n")
}

func (c *serverCtl) DisableHealth() {
	if c.chk != nil {
		c.chk.DisableHealth()
	}
}

func (c *serverCtl) EnableAgent() error {
	if c.chk != nil {
		return c.chk.EnableAgent()
	}
	return errors.New("Agent was not configured on this server, cannot enable.\n")
}

func (c *serverCtl) DisableAgent() {
	if c.chk != nil {
		c.chk.DisableAgent()
	}
}

func (c *serverCtl) SetCheckPort(v string) error {
	if c.chk != nil {
		return c.chk.SetCheckPort(v)
	}
	return errors.New("health checks are not enabled on this server")
}

func (c *serverCtl) SetCheckAddr(ip, port string) error {
	if c.chk != nil {
		return c.chk.SetCheckAddr(ip, port)
	}
	return errors.New("health checks are not enabled on this server")
}

func (c *serverCtl) SetAgentAddr(ip string) error {
	if c.chk != nil {
		return c.chk.SetAgentAddr(ip)
	}
	return errors.New("agent checks are not enabled on this server.\n")
}

func (c *serverCtl) SetAgentPort(v string) error {
	if c.chk != nil {
		return c.chk.SetAgentPort(v)
	}
	return errors.New("agent checks are not enabled on this server.\n")
}

func (c *serverCtl) SetAgentSend(v string) error {
	if c.chk != nil {
		return c.chk.SetAgentSend(v)
	}
	return errors.New("agent checks are not enabled on this server.\n")
}

// kicked lets the backend's queues see a change made through the checks.
func (c *serverCtl) kicked(err error) error {
	if err == nil {
		c.be.b.Kick()
	}
	return err
}

// SRV_ADMF_* and the check status of a server that is not checked.
const (
	admFMaint = 0x01
	admCMaint = 0x04
	admFDrain = 0x08
	// hchkStatusIni is HCHK_STATUS_INI, a check that never ran.
	hchkStatusIni = 1
)

// State is the server's "show servers state" line.
func (c *serverCtl) State() cli.ServerState {
	cfg := c.s.Cfg
	ls := c.s.LB.Status()
	a := c.s.Addr()
	st := cli.ServerState{
		BackendID: c.be.id, Backend: c.be.Name(), ID: c.s.LB.ID(), Name: c.s.Name(),
		Addr: a.Addr().String(), OpState: int(ls.State), UWeight: ls.UWeight, IWeight: ls.IWeight,
		SinceChange: since(c.e.deps.Now(), ls.LastChange), CheckStatus: hchkStatusIni,
		CheckHealth: cfg.Check.Rise, BackendForcedID: c.be.b.Proxy.ID > 0, ForcedID: cfg.ID > 0,
		FQDN: cfg.Addr.Host, Port: int(a.Port()), UseSSL: cfg.SSL != nil && cfg.SSL.Enabled,
		CheckPort: cfg.Check.Port, AgentPort: cfg.Agent.Port,
	}
	if !a.Addr().IsValid() {
		st.Addr = "-"
	}
	if st.CheckHealth == 0 {
		st.CheckHealth = 2
	}
	if c.be.b.WentMaint(c.s) {
		st.CheckHealth = 0
	}
	if c.chk != nil {
		d := c.chk.DumpState()
		st.OpState, st.AdminState = d.OpState, d.AdminState
		st.UWeight, st.IWeight = d.UWeight, d.IWeight
		st.SinceChange = since(c.e.deps.Now(), d.LastChange)
		st.CheckStatus, st.CheckResult, st.CheckHealth = d.CheckStatus, d.CheckResult, d.CheckHealth
		st.CheckState, st.AgentState = d.CheckState, d.AgentState
		c.addrs(&st)
		return st
	}
	if ls.Maint {
		// only a server added at run time gets here with the checks
		// built: "add server" puts it in forced maintenance, and
		// "disabled" adds the configuration's
		st.AdminState |= admFMaint
		if cfg.Disabled {
			// and its checks paused (CHK_ST_PAUSED)
			st.AdminState |= admCMaint
			st.CheckState = 0x08
		}
	}
	if ls.Drain {
		st.AdminState |= admFDrain
	}
	c.addrs(&st)
	return st
}

// addrs fills the check and agent addresses of a "show servers state"
// line.
func (c *serverCtl) addrs(st *cli.ServerState) {
	cfg := c.s.Cfg
	if cfg.Check.Addr != nil {
		st.CheckAddr = cfg.Check.Addr.Addr.String()
	}
	if cfg.Agent.Addr != nil {
		st.AgentAddr = cfg.Agent.Addr.Addr.String()
	}
}

// Conns is the server's "show servers conn" line.
func (c *serverCtl) Conns() cli.ServerConns {
	cfg := c.s.Cfg
	a := c.s.Addr()
	idle := int(c.s.Counters.IdleConns.Load())
	r := cli.ServerConns{
		BackendID: c.be.id, ID: c.s.LB.ID(), Backend: c.be.Name(), Name: c.s.Name(),
		Addr: a.Addr().String(), Port: int(a.Port()), PurgeDelay: 5000,
		UsedCur: int(c.s.Counters.Cur.Load()), UsedMax: int(c.s.Counters.Max.Load()),
		IdleLim: -1, IdleCur: idle, IdlePerThread: make([]int, runtime.GOMAXPROCS(0)),
	}
	if cfg.PoolPurgeDelay > 0 {
		r.PurgeDelay = int(cfg.PoolPurgeDelay.Milliseconds())
	}
	if cfg.PoolMaxConn > 0 {
		r.IdleLim = cfg.PoolMaxConn
	}
	r.IdlePerThread[0] = idle
	r.SafeNb = idle
	return r
}

// KillSessions closes the sessions using the server ("shutdown sessions
// server").
func (c *serverCtl) KillSessions() {
	e := c.e
	name, be := c.s.Name(), c.be.Name()
	e.sessions.mu.Lock()
	defer e.sessions.mu.Unlock()
	for s := e.sessions.head; s != nil; s = s.next {
		if s.rec.Backend == be && s.rec.Server == name {
			s.conn.Close()
		}
	}
}

// strtol is C's strtol(s, &end, 10): the value and where parsing
// stopped (0 when no digit was read).
func strtol(s string) (int64, int) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var v int64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + int64(s[i]-'0')
		i++
	}
	if i == start {
		return 0, 0
	}
	if neg {
		v = -v
	}
	return v, i
}
