package engine

import "hakeep/proxy"

// proxyIDs numbers the proxies as 2.6's check_config_validity() does:
// explicit "id"s stay; the others take, in declaration order, the first
// free id from a counter that moves on after every proxy. The counter
// starts at 2 when a stats socket exists, since the CLI's own frontend
// takes 1 (measured against 2.6.12).
func proxyIDs(cfg *proxy.Config) map[*proxy.Proxy]int {
	ids := make(map[*proxy.Proxy]int, len(cfg.Proxies))
	used := map[int]bool{}
	next := 1
	if len(cfg.Global.Stats.Sockets) > 0 {
		used[1] = true
		next = 2
	}
	for _, p := range cfg.Proxies {
		if p.ID > 0 {
			used[p.ID] = true
		}
	}
	for _, p := range cfg.Proxies {
		if p.ID > 0 {
			ids[p] = p.ID
		} else {
			for used[next] {
				next++
			}
			ids[p] = next
			used[next] = true
		}
		next++
	}
	return ids
}
