package capture

// Headers is what a capture reads of a message: its headers in order,
// names in lower case.
type Headers interface {
	NumHeaders() int
	Header(i int) (name, value []byte)
}

// Set is one transaction's captures.
type Set struct {
	spec     *Spec
	req, res []value
	cli, srv value
}

// value is a captured string in storage of its own.
type value struct {
	b   []byte
	set bool
}

func (v *value) store(b []byte, max int) {
	if len(b) > max {
		b = b[:max]
	}
	v.b = append(v.b[:0], b...)
	v.set = true
}

func (v *value) get() []byte {
	if !v.set {
		return nil
	}
	if v.b == nil {
		return []byte{}
	}
	return v.b
}

// Reset empties the set for a new transaction of a frontend with spec.
func (s *Set) Reset(spec *Spec) {
	if s.spec != spec {
		s.spec = spec
		s.req = resize(s.req, len(spec.Req))
		s.res = resize(s.res, len(spec.Res))
	}
	for i := range s.req {
		s.req[i].set = false
	}
	for i := range s.res {
		s.res[i].set = false
	}
	s.cli.set, s.srv.set = false, false
}

func resize(v []value, n int) []value {
	if cap(v) >= n {
		return v[:n]
	}
	return make([]value, n)
}

// Spec is the frontend's spec the set was reset for.
func (s *Set) Spec() *Spec { return s.spec }

// Request captures the request's headers (http_capture_headers(): the
// last occurrence of a header wins) and the first cookie of its Cookie
// headers whose "name=value" starts with the captured name.
func (s *Set) Request(h Headers) {
	if s.spec == nil {
		return
	}
	s.headers(h, s.spec.Req, s.req)
	if s.spec.Cookie != "" {
		s.cookies(h, "cookie", &s.cli)
	}
}

// Response captures the server response's headers and its first
// Set-Cookie whose "name=value" starts with the captured name. It is
// not called for responses the proxy made itself.
func (s *Set) Response(h Headers) {
	if s.spec == nil {
		return
	}
	s.headers(h, s.spec.Res, s.res)
	if s.spec.Cookie != "" {
		s.cookies(h, "set-cookie", &s.srv)
	}
}

func (s *Set) headers(h Headers, slots []Slot, vals []value) {
	if len(slots) == 0 {
		return
	}
	for i, n := 0, h.NumHeaders(); i < n; i++ {
		name, v := h.Header(i)
		for j := range slots {
			if slots[j].Name != "" && string(name) == slots[j].Name {
				vals[j].store(v, slots[j].Len)
			}
		}
	}
}

// SetSlot stores a rule's capture in request (res false) or response
// slot i ("http-request capture ... id", "http-response capture").
func (s *Set) SetSlot(res bool, i int, v []byte) {
	vals, slots := s.req, s.slots(false)
	if res {
		vals, slots = s.res, s.slots(true)
	}
	if i >= 0 && i < len(vals) {
		vals[i].store(v, slots[i].Len)
	}
}

func (s *Set) slots(res bool) []Slot {
	if s.spec == nil {
		return nil
	}
	if res {
		return s.spec.Res
	}
	return s.spec.Req
}

// Capture returns request (res false) or response slot i, nil when
// nothing was captured (the capture.req.hdr and capture.res.hdr fetches,
// sample.Txn).
func (s *Set) Capture(res bool, i int) []byte {
	vals := s.req
	if res {
		vals = s.res
	}
	if i < 0 || i >= len(vals) {
		return nil
	}
	return vals[i].get()
}

// NumSlots is the number of request or response slots (the frontend's
// nb_req_cap, nb_rsp_cap).
func (s *Set) NumSlots(res bool) int { return len(s.slots(res)) }

// ClientCookie is the captured request cookie ("name=value"), nil when
// none (%CC); ServerCookie the response one (%CS).
func (s *Set) ClientCookie() []byte { return s.cli.get() }

// ServerCookie is the captured response cookie, nil when none.
func (s *Set) ServerCookie() []byte { return s.srv.get() }
