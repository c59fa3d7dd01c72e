package capture

import (
	"strings"

	"hakeep/proxy"
)

// Slot is one request or response capture slot: a header name (lower
// case), or "" for a slot filled by rules ("declare capture",
// "http-request capture"); and its maximum length.
type Slot struct {
	Name string
	Len  int
}

// Spec is a frontend's captures.
type Spec struct {
	Req, Res []Slot
	// Cookie is the "capture cookie" name prefix, CookieLen its length
	// limit; empty when nothing is captured.
	Cookie    string
	CookieLen int
}

// NewSpec compiles a frontend's capture keywords: header captures take
// the first slots in declaration order, "declare capture" slots follow
// (the configuration does not record how the two kinds interleave).
func NewSpec(c *proxy.Captures, declares []proxy.DeclareCapture) *Spec {
	s := &Spec{Cookie: c.Cookie, CookieLen: c.CookieLen}
	for _, h := range c.RequestHeaders {
		s.Req = append(s.Req, Slot{Name: strings.ToLower(h.Name), Len: h.Len})
	}
	for _, h := range c.ResponseHeaders {
		s.Res = append(s.Res, Slot{Name: strings.ToLower(h.Name), Len: h.Len})
	}
	for _, d := range declares {
		if d.Response {
			s.Res = append(s.Res, Slot{Len: d.Len})
		} else {
			s.Req = append(s.Req, Slot{Len: d.Len})
		}
	}
	return s
}

// Empty reports whether the frontend captures nothing.
func (s *Spec) Empty() bool {
	return s == nil || len(s.Req) == 0 && len(s.Res) == 0 && s.Cookie == ""
}
