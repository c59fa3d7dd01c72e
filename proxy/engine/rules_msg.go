package engine

import "hakeep/proxy/http1"

// headMsg shows a codec head and the body bytes received with it to the
// rules layer (sample.Message, rules.Msg): accessors over the head's
// offsets, rewrites into its arena.
type headMsg struct {
	h    *http1.Head
	body []byte
	// dec is a chunked body without its framing, decoded on first use
	// (HTX holds the payload only: req.body, res.body); rules_body.go
	dec     []byte
	decoded bool
}

func (m *headMsg) Method() []byte  { return m.h.Bytes(m.h.MethodText) }
func (m *headMsg) URI() []byte     { return m.h.Bytes(m.h.URI) }
func (m *headMsg) Version() []byte { return m.h.Bytes(m.h.Version) }
func (m *headMsg) Status() int     { return m.h.Status }
func (m *headMsg) Reason() []byte  { return m.h.Bytes(m.h.Reason) }
func (m *headMsg) NumHeaders() int { return len(m.h.Headers) }

func (m *headMsg) Header(i int) (name, value []byte) { return m.h.Name(i), m.h.Value(i) }

func (m *headMsg) AddHeader(name string, value []byte) bool { return m.h.Add(name, value) }
func (m *headMsg) DelHeaderAt(i int)                        { m.h.DelAt(i) }
func (m *headMsg) SetHeaderValue(i int, v []byte) bool      { return m.h.SetValue(i, v) }
func (m *headMsg) SetURI(uri []byte) bool                   { return m.h.SetURI(uri) }
func (m *headMsg) SetMethod(b []byte) bool                  { return m.h.SetMethod(b) }
func (m *headMsg) SetStatus(code int, reason []byte) bool   { return m.h.SetStatus(code, reason) }
