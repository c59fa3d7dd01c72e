package engine

// serveHTTP is "mode http". Until the HTTP/1 path is wired, an HTTP
// frontend closes its connections; New warns about it.
func (e *Engine) serveHTTP(s *session) {
	s.rec.Reset()
	s.rec.Frontend = s.fe.px.Name
}
