package check

import "hakeep/proxy"

// proxyIDs are the proxies' numeric ids as 2.6 gives them (HAPROXY_PROXY_ID
// of external checks, "iid" of the stats): each section takes the next
// free id when it is created, even one that sets its own "id" later; the
// runtime API's "GLOBAL" proxy, created by a "stats socket", comes first.
// Measured on 2.6.12: fe, b1, b2 ("id 5"), b3 get 1, 2, 5, 4.
func proxyIDs(cfg *proxy.Config) map[*proxy.Proxy]int {
	ids := map[*proxy.Proxy]int{}
	used := map[int]bool{}
	next := 1
	if len(cfg.Global.Stats.Sockets) > 0 {
		used[1], next = true, 2
	}
	for _, p := range cfg.Proxies {
		for used[next] {
			next++
		}
		id := next
		next++
		if p.ID != 0 {
			id = p.ID
		}
		used[id] = true
		ids[p] = id
	}
	return ids
}

// serverIDs are a backend's server ids (puid): explicit ones, the others
// numbered from 1 in declaration order around them.
func serverIDs(p *proxy.Proxy) map[*proxy.Server]int {
	ids := map[*proxy.Server]int{}
	used := map[int]bool{}
	for _, s := range p.Servers {
		if s.ID != 0 {
			used[s.ID] = true
		}
	}
	next := 1
	for _, s := range p.Servers {
		if s.ID != 0 {
			ids[s] = s.ID
			continue
		}
		for used[next] {
			next++
		}
		ids[s] = next
		used[next] = true
	}
	return ids
}
