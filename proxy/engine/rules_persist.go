package engine

import (
	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/backend"
	"hakeep/proxy/sample"
	"hakeep/proxy/server"
)

// Server persistence besides cookies: use-server (process_server_rules)
// and stick match/store (process_sticking_rules, process_store_rules),
// configuration.txt 4.2 "use-server", "stick on", "stick match",
// "stick store-request", "stick store-response".

// serverOf finds the run-time server of a configured one.
func serverOf(be *backend.Backend, cfg *proxy.Server) *server.Server {
	for _, s := range be.Servers {
		if s.Cfg == cfg {
			return s
		}
	}
	return nil
}

// usable reports whether a server may take a persistent request.
func usable(s *server.Server) bool { return s.LB == nil || s.LB.Usable() }

// useServer evaluates the use-server rules: the first whose condition
// holds and whose server is up (or persistence forced) is the target.
func (rt *ruleTxn) useServer(be *backend.Backend, force bool) {
	for _, u := range be.Proxy.UseServers {
		var cd *acl.Cond
		if u.Cond != nil {
			cd, _ = u.Cond.Compiled.(*acl.Cond)
		}
		if cd != nil && !cd.Test(rt.c) {
			continue
		}
		srv := serverOf(be, u.Server)
		if srv == nil {
			continue
		}
		if usable(srv) || be.Proxy.Options.Persist || force {
			rt.direct = srv
			return
		}
	}
}

// stickKey is a key kept for a store rule until the server is known.
type stickKey struct {
	table sample.Table
	key   sample.Sample
	buf   []byte
}

// stickRules runs "stick match" and "stick on" lookups (the first entry
// found with a server that can take the request wins) and keeps the
// keys of "stick on" and "stick store-request" for storing.
func (rt *ruleTxn) stickRules(w *ruleWorld, be *backend.Backend, force bool) {
	rt.stores = rt.stores[:0]
	for _, r := range be.Proxy.StickRules {
		if r.OnResponse {
			continue
		}
		if !rt.ruleApplies(r) {
			continue
		}
		t := w.stickTable(be, r)
		e, _ := r.Compiled.(*sample.Expr)
		if t == nil || e == nil {
			continue
		}
		key := rt.c.TempSample()
		ok := e.Eval(rt.c, key)
		if ok && r.Match && rt.direct == nil {
			if ent := t.Lookup(rt.c, key); ent != nil {
				if id, ok := ent.Get(sample.DataServerID, 0, rt.c.NowMs()); ok && id > 0 {
					if srv := w.serverByID(be, int(id)); srv != nil && (usable(srv) || be.Proxy.Options.Persist || force) {
						rt.direct = srv
					}
				}
			}
		}
		if ok && r.Store {
			rt.keepKey(t, key)
		}
		rt.c.FreeSample()
	}
}

// storeResponse runs "stick store-response" on the response and stores
// every kept key with the server that answered (server_id).
func (rt *ruleTxn) storeResponse(w *ruleWorld, be *backend.Backend, srv *server.Server) {
	if srv == nil {
		return
	}
	for _, r := range be.Proxy.StickRules {
		if !r.OnResponse || !rt.ruleApplies(r) {
			continue
		}
		t := w.stickTable(be, r)
		e, _ := r.Compiled.(*sample.Expr)
		if t == nil || e == nil {
			continue
		}
		key := rt.c.TempSample()
		if e.Eval(rt.c, key) {
			rt.keepKey(t, key)
		}
		rt.c.FreeSample()
	}
	id := w.server(srv).id
	for i := range rt.stores {
		k := &rt.stores[i]
		if ent := k.table.Get(rt.c, &k.key); ent != nil {
			ent.Set(sample.DataServerID, 0, int64(id))
		}
	}
	rt.stores = rt.stores[:0]
}

// keepKey copies a key sample (its bytes may be a scratch chunk).
func (rt *ruleTxn) keepKey(t sample.Table, key *sample.Sample) {
	rt.stores = append(rt.stores, stickKey{})
	k := &rt.stores[len(rt.stores)-1]
	k.table = t
	k.buf = append(k.buf[:0], key.Str...)
	k.key = *key
	k.key.Str = k.buf
}

func (rt *ruleTxn) ruleApplies(r *proxy.StickRule) bool {
	if r.Cond == nil {
		return true
	}
	cd, _ := r.Cond.Compiled.(*acl.Cond)
	return cd == nil || cd.Test(rt.c)
}

// stickTable is a stick rule's table: the named one or the backend's.
func (w *ruleWorld) stickTable(be *backend.Backend, r *proxy.StickRule) sample.Table {
	name := r.Table
	if name == "" {
		name = be.Proxy.Name
	}
	if t, ok := w.tables[name]; ok {
		return t
	}
	return nil
}

// serverByID finds a backend's server by its (possibly automatic) id.
func (w *ruleWorld) serverByID(be *backend.Backend, id int) *server.Server {
	for _, s := range be.Servers {
		if w.server(s).id == id {
			return s
		}
	}
	return nil
}
