package sample

import (
	"bytes"
	"net/netip"
	"strings"
	"time"
)

// fakeMsg is a Message over a raw HTTP/1 head, for tests.
type fakeMsg struct {
	method, uri, version []byte
	status               int
	reason               []byte
	names, values        [][]byte
	body                 []byte
}

// parseFake splits a raw request or response (CRLF line ends) the way
// the codec does: names lower-cased, values trimmed.
func parseFake(raw string) *fakeMsg {
	m := &fakeMsg{}
	head, body, _ := strings.Cut(raw, "\r\n\r\n")
	lines := strings.Split(head, "\r\n")
	first := strings.SplitN(lines[0], " ", 3)
	if strings.HasPrefix(first[0], "HTTP/") {
		m.version = []byte(first[0])
		for _, ch := range first[1] {
			m.status = m.status*10 + int(ch-'0')
		}
		if len(first) > 2 {
			m.reason = []byte(first[2])
		}
	} else {
		m.method, m.uri, m.version = []byte(first[0]), []byte(first[1]), []byte(first[2])
	}
	for _, l := range lines[1:] {
		n, v, _ := strings.Cut(l, ":")
		m.names = append(m.names, bytes.ToLower([]byte(n)))
		m.values = append(m.values, []byte(strings.Trim(v, " \t")))
	}
	m.body = []byte(body)
	return m
}

func (m *fakeMsg) Method() []byte                    { return m.method }
func (m *fakeMsg) URI() []byte                       { return m.uri }
func (m *fakeMsg) Version() []byte                   { return m.version }
func (m *fakeMsg) Status() int                       { return m.status }
func (m *fakeMsg) Reason() []byte                    { return m.reason }
func (m *fakeMsg) NumHeaders() int                   { return len(m.names) }
func (m *fakeMsg) Header(i int) (name, value []byte) { return m.names[i], m.values[i] }
func (m *fakeMsg) Body() []byte                      { return m.body }

type fakeProxy struct {
	name  string
	id    int
	stats map[ProxyStat]int64
	srvs  map[string]*fakeServer
}

func (p *fakeProxy) Name() string           { return p.name }
func (p *fakeProxy) ID() int                { return p.id }
func (p *fakeProxy) Stat(k ProxyStat) int64 { return p.stats[k] }
func (p *fakeProxy) DefaultBackend() string { return "" }
func (p *fakeProxy) Server(name string) Server {
	if s, ok := p.srvs[name]; ok {
		return s
	}
	return nil
}

type fakeServer struct {
	name string
	id   int
	up   bool
}

func (s *fakeServer) Name() string            { return s.name }
func (s *fakeServer) ID() int                 { return s.id }
func (s *fakeServer) Up() bool                { return s.up }
func (s *fakeServer) Stat(k ServerStat) int64 { return 0 }

type fakeEnv struct{ proxies map[string]*fakeProxy }

func (e *fakeEnv) Proxy(name string) Proxy {
	if p, ok := e.proxies[name]; ok {
		return p
	}
	return nil
}
func (e *fakeEnv) Table(name string) Table       { return nil }
func (e *fakeEnv) Userlist(name string) Userlist { return nil }

// newFakeCtx returns a context on a request from 127.0.0.1:40000 to
// 127.0.0.1:port, in frontend "fe" routed to backend "be".
func newFakeCtx(rawReq string, port uint16) *Ctx {
	c := NewCtx(0)
	c.Now = time.Unix(1700000000, 0)
	c.Src = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), 40000)
	c.Dst = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), port)
	be := &fakeProxy{name: "be", id: 2, stats: map[ProxyStat]int64{ProxyUsable: 1},
		srvs: map[string]*fakeServer{"s1": {name: "s1", id: 1, up: true}}}
	c.Frontend = &fakeProxy{name: "fe", id: 1}
	c.Backend = be
	c.Env = &fakeEnv{proxies: map[string]*fakeProxy{"be": be}}
	c.Req = parseFake(rawReq)
	return c
}
