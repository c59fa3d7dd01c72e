package engine

import (
	"errors"
	"fmt"

	"hakeep/proxy"
)

// "add server" and "del server" (management.txt section 9.3): a server
// added at run time is load-balanced by proxy/backend and driven through
// load balancing directly (the checks know the configuration's servers
// only), in maintenance until "set server ... state ready" unless added
// "enabled".

// AddServer adds s to the backend, refusing it as 2.6 does.
func (b *backendCtl) AddServer(s *proxy.Server, enabled bool) error {
	for _, o := range b.b.List() {
		if o.Name() == s.Name {
			return errors.New("Already exists a server with the same name in backend.\n")
		}
		if s.ID > 0 && o.LB.ID() == s.ID {
			return fmt.Errorf("'id' : custom id %d already used at (null):0 ('server %s').\n", s.ID, o.Name())
		}
	}
	rs, err := b.b.AddServer(s, enabled)
	if err != nil {
		return err
	}
	if !enabled {
		b.b.NoteMaint(rs)
	}
	return nil
}

// DelServer removes a server in maintenance that nothing in the
// configuration points to (a tracker, a use-server rule).
func (b *backendCtl) DelServer(name string) error {
	s := b.b.Server(name)
	if s == nil {
		return errors.New("No such server.")
	}
	if s.Cfg.Check.Enabled || s.Cfg.Agent.Enabled {
		// proxy/check holds the configuration's checks to the end
		return errors.New("Deleting a server with health or agent checks is not supported by hakeep.")
	}
	if b.referenced(s.Cfg) {
		return errors.New("This server cannot be removed at runtime due to other configuration elements pointing to it.")
	}
	if err := b.b.DelServer(s); err != nil {
		return err
	}
	return nil
}

// referenced reports a server another server tracks or a use-server
// rule names (srv_check_for_deletion()).
func (b *backendCtl) referenced(sc *proxy.Server) bool {
	for _, p := range b.e.state.Load().cfg.Proxies {
		for _, o := range p.Servers {
			if o.TrackServer == sc {
				return true
			}
		}
		for _, u := range p.UseServers {
			if u.Server == sc || (p.Name == b.Name() && u.Name == sc.Name) {
				return true
			}
		}
	}
	return false
}
