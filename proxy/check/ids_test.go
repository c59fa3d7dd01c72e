package check

import (
	"testing"

	"hakeep/proxy"
)

// The ids 2.6.12 gave fe, b1, b2 ("id 5") and b3, with and without a
// stats socket (HAPROXY_PROXY_ID of an external check).
func TestProxyIDs(t *testing.T) {
	fe := &proxy.Proxy{Name: "fe", Cap: proxy.CapFrontend}
	b1 := &proxy.Proxy{Name: "b1", Cap: proxy.CapBackend}
	b2 := &proxy.Proxy{Name: "b2", Cap: proxy.CapBackend, ID: 5}
	b3 := &proxy.Proxy{Name: "b3", Cap: proxy.CapBackend}
	cfg := testConfig(fe, b1, b2, b3)
	ids := proxyIDs(cfg)
	if ids[fe] != 1 || ids[b1] != 2 || ids[b2] != 5 || ids[b3] != 4 {
		t.Errorf("without stats socket: %d %d %d %d", ids[fe], ids[b1], ids[b2], ids[b3])
	}
	cfg.Global.Stats.Sockets = []*proxy.Bind{{}}
	ids = proxyIDs(cfg)
	if ids[fe] != 2 || ids[b1] != 3 || ids[b2] != 5 || ids[b3] != 6 {
		t.Errorf("with a stats socket: %d %d %d %d", ids[fe], ids[b1], ids[b2], ids[b3])
	}
	p := testBackend("b", testServer("s1", 1), testServer("s2", 2, func(s *proxy.Server) { s.ID = 1 }), testServer("s3", 3))
	sids := serverIDs(p)
	if sids[p.Servers[0]] != 2 || sids[p.Servers[1]] != 1 || sids[p.Servers[2]] != 3 {
		t.Errorf("server ids %v", sids)
	}
}
