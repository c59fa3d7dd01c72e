package balance

import (
	"errors"
	"fmt"
	"time"
)

// ErrStaticLB refuses a dynamic server on a backend whose algorithm
// cannot take one (BE_LB_PROP_DYN unset: static-rr and map-based
// hashing), in 2.6's words (cli_parse_add_server()).
var ErrStaticLB = errors.New("Backend must use a dynamic load balancing to support dynamic servers.")

// AddServer adds a server at run time ("add server", management.txt
// section 9.3), after the others. It starts in maintenance unless
// enabled; an id of 0 takes the lowest free one.
func (b *Backend) AddServer(c ServerConfig, enabled bool) (*Server, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.spec.dynamic() || b.spec.lookup() == lkupMap {
		return nil, ErrStaticLB
	}
	if c.Weight < 0 || c.Weight > MaxWeight {
		return nil, fmt.Errorf("weight of server %s is not within 0 and %d (%d).", c.Name, MaxWeight, c.Weight)
	}
	used := make(map[int]bool, len(b.servers))
	for _, o := range b.servers {
		used[o.id] = true
	}
	id := c.ID
	if id == 0 {
		for id = 1; used[id]; id++ {
		}
	}
	s := &Server{be: b, name: c.Name, id: id, backup: c.Backup, iweight: c.Weight, uweight: c.Weight,
		curState: Stopped, nextState: Stopped, curAdmin: adminMaint, nextAdmin: adminMaint,
		maxconn: c.Maxconn, minconn: c.Minconn, maxqueue: c.Maxqueue,
		slowstart: int64((c.Slowstart + time.Second - 1) / time.Second), lastChange: b.now()}
	if s.minconn > s.maxconn {
		s.maxconn = s.minconn
	} else if s.maxconn > 0 && s.minconn == 0 {
		s.minconn = s.maxconn
	}
	s.lbNode.srv = s
	// a server added in maintenance shows an effective weight of 1
	// whatever its weight, until it first comes up (measured on 2.6.12)
	s.curEW, s.nextEW = 1, 1
	if ch, ok := b.algo.(*chash); ok {
		// chash_server_init(): the ring occurrences exist from the start
		s.lbTree = ch.groupTree(s)
		ch.placeNodes(s, s.uweight*weightScale)
	}
	servers := make([]*Server, len(b.servers), len(b.servers)+1)
	copy(servers, b.servers)
	if n := len(servers); n > 0 {
		servers[n-1].next = s
	} else {
		b.first = s
	}
	b.servers = append(servers, s)
	if enabled {
		s.nextAdmin &^= adminMaint
		b.comeUp(s)
		b.algo.update(s)
	}
	return s, nil
}

// DelServer removes a server in maintenance ("del server"); it is out
// of every load-balancing structure already.
func (b *Backend) DelServer(s *Server) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.curAdmin&adminMaint == 0 {
		return errors.New("Only servers in maintenance mode can be deleted.")
	}
	servers := make([]*Server, 0, len(b.servers))
	var prev *Server
	for _, o := range b.servers {
		if o == s {
			continue
		}
		if prev == nil {
			b.first = o
		} else {
			prev.next = o
		}
		prev = o
		servers = append(servers, o)
	}
	if prev == nil {
		b.first = nil
	} else {
		prev.next = nil
	}
	b.servers = servers
	if b.fbck == s {
		b.fbck = nil
	}
	return nil
}
