package balance

// SetMaxconn changes a server's "maxconn" at run time ("set maxconn
// server", management.txt section 9.3): a server whose minconn equals its
// maxconn (a static limit) moves both, as
// server_parse_maxconn_change_request() does.
func (b *Backend) SetMaxconn(s *Server, max int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.maxconn == s.minconn {
		s.maxconn, s.minconn = max, max
		return
	}
	s.maxconn = max
}

// Dynamic reports whether the algorithm takes any weight at run time
// (BE_LB_PROP_DYN); static ones only take 0% and 100%.
func (b *Backend) Dynamic() bool { return b.spec.dynamic() }
