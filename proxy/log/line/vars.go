package line

import (
	"hakeep/proxy/logformat"
	"hakeep/proxy/stream"
)

// variable writes a %-variable and reports whether it counts as written
// (everything does but header captures when the frontend has none).
func (w *builder) variable(n *logformat.Node) bool {
	t, r := w.t, w.t.Rec
	switch n.Alias {
	case logformat.ClientIP:
		w.addr(r.Client.Addr(), r.Client.IsValid(), n)
	case logformat.ClientPort:
		w.port(r.Client.Port(), r.Client.IsValid(), n)
	case logformat.FrontendIP:
		w.addr(r.FrontendAddr.Addr(), r.FrontendAddr.IsValid(), n)
	case logformat.FrontendPort:
		w.port(r.FrontendAddr.Port(), r.FrontendAddr.IsValid(), n)
	case logformat.BackendIP:
		ok := !t.NoStream && t.BackendSrc.IsValid()
		w.addr(t.BackendSrc.Addr(), ok, n)
	case logformat.BackendPort:
		ok := !t.NoStream && t.BackendSrc.IsValid()
		w.port(t.BackendSrc.Port(), ok, n)
	case logformat.ServerIP:
		ok := !t.NoStream && r.ServerAddr.IsValid()
		w.addr(r.ServerAddr.Addr(), ok, n)
	case logformat.ServerPort:
		ok := !t.NoStream && r.ServerAddr.IsValid()
		w.port(r.ServerAddr.Port(), ok, n)

	case logformat.Date, logformat.DateRequest, logformat.DateGMT, logformat.DateRequestGMT,
		logformat.DateLocal, logformat.DateRequestLocal, logformat.Timestamp, logformat.Millis:
		w.date(n)

	case logformat.Frontend:
		w.textString(r.Frontend, n)
	case logformat.FrontendXprt:
		w.quote(n)
		w.b = append(w.b, r.Frontend...)
		if w.env.SSL {
			w.b = append(w.b, '~')
		}
		w.quote(n)
	case logformat.Backend:
		if t.NoStream || r.Backend == "" {
			w.textString(r.Frontend, n)
		} else {
			w.textString(r.Backend, n)
		}
	case logformat.Server:
		if t.NoStream || r.Server == "" {
			w.textString("<NOSRV>", n)
		} else {
			w.textString(r.Server, n)
		}
	case logformat.SSLCipher:
		w.textString(t.SSLCipher, n)
	case logformat.SSLVersion:
		w.textString(t.SSLVersion, n)

	case logformat.TimeHandshake, logformat.TimeIdle, logformat.TimeReceive, logformat.TimeRequest,
		logformat.TimeWait, logformat.TimeConnect, logformat.TimeResponse, logformat.TimeData,
		logformat.TimeActive, logformat.TimeTotal, logformat.TimeUser:
		w.timer(n.Alias)

	case logformat.Status:
		switch {
		case !r.HTTP && !t.NoStream:
			w.num(0) // no HTTP transaction
		default:
			w.num(int64(r.Status))
		}
	case logformat.BytesRead:
		if w.env.LogASAP {
			w.b = append(w.b, '+')
		}
		if t.NoStream {
			w.num(0)
		} else {
			w.num(r.BytesOut)
		}
	case logformat.BytesUploaded:
		if t.NoStream {
			w.num(0)
		} else {
			w.num(r.BytesIn)
		}
	case logformat.CapturedReqCookie, logformat.CapturedResCookie:
		var v []byte
		if t.Caps != nil && !t.NoStream {
			if n.Alias == logformat.CapturedReqCookie {
				v = t.Caps.ClientCookie()
			} else {
				v = t.Caps.ServerCookie()
			}
		}
		w.text(v, n)
	case logformat.TermState:
		w.term()
	case logformat.TermStateCookie:
		w.term()
		c := t.Cookie
		if t.NoStream || c[0] == 0 {
			c = [2]byte{'-', '-'}
		}
		w.b = append(w.b, c[0], c[1])

	case logformat.ActConn:
		w.num(r.ActConn)
	case logformat.FeConn:
		w.num(r.FeConn)
	case logformat.BeConn:
		w.num(r.BeConn)
	case logformat.SrvConn:
		if t.NoStream {
			w.num(0)
		} else {
			w.num(r.SrvConn)
		}
	case logformat.Retries:
		if t.NoStream {
			w.num(0)
			break
		}
		if r.Redispatched {
			w.b = append(w.b, '+')
		}
		w.num(int64(r.Retries))
	case logformat.ServerQueue:
		w.num(int64(r.SrvQueue))
	case logformat.BackendQueue:
		w.num(int64(r.BeQueue))

	case logformat.ReqHeaders, logformat.ResHeaders, logformat.ReqHeadersList, logformat.ResHeadersList:
		return w.captures(n)

	case logformat.Request, logformat.HTTPMethod, logformat.HTTPURI, logformat.HTTPPath,
		logformat.HTTPPathOnly, logformat.HTTPQuery, logformat.HTTPVersion:
		w.request(n)

	case logformat.RequestCounter:
		if n.Flags&logformat.Hex != 0 {
			w.hex(t.ReqID&0xffffffff, 4)
		} else {
			w.num(int64(uint32(t.ReqID)))
		}
	case logformat.LogCounter:
		if n.Flags&logformat.Hex != 0 {
			w.hex(t.LogCount&0xffffffff, 4)
		} else {
			w.num(int64(uint32(t.LogCount)))
		}
	case logformat.Hostname:
		w.textString(w.env.Hostname, n)
	case logformat.PID:
		if n.Flags&logformat.Hex != 0 {
			w.hex(uint64(w.env.PID), 4)
		} else {
			w.num(int64(w.env.PID))
		}
	case logformat.UniqueID:
		if t.NoStream {
			w.text(nil, n)
		} else {
			w.text(t.UniqueID, n)
		}
	default:
		// no other variable exists in 2.6
		return false
	}
	return true
}

// term writes the two characters of the termination state (%ts).
func (w *builder) term() {
	t := w.t.Rec.Term
	c, p := byte(t.Cause), byte(t.Phase)
	if c == 0 {
		c = byte(stream.CauseNone)
	}
	if p == 0 {
		p = byte(stream.PhaseNone)
	}
	w.b = append(w.b, c, p)
}

// captures writes %hr, %hs (the slots in braces, separated by '|') or
// %hrl, %hsl (the slots separated by spaces, "-" for an empty one), or
// nothing when the frontend has no slots of that side.
func (w *builder) captures(n *logformat.Node) bool {
	res := n.Alias == logformat.ResHeaders || n.Alias == logformat.ResHeadersList
	slots := w.env.ReqCaps
	if res {
		slots = w.env.ResCaps
	}
	if slots == 0 || w.t.NoStream {
		return false
	}
	get := func(i int) []byte {
		if w.t.Caps == nil {
			return nil
		}
		return w.t.Caps.Capture(res, i)
	}
	if n.Alias == logformat.ReqHeaders || n.Alias == logformat.ResHeaders {
		w.quote(n)
		w.b = append(w.b, '{')
		for i := 0; i < slots; i++ {
			if i > 0 {
				w.b = append(w.b, '|')
			}
			w.encoded(get(i), hdrEnc, n)
		}
		w.b = append(w.b, '}')
		w.quote(n)
		return true
	}
	for i := 0; i < slots; i++ {
		if i > 0 {
			w.b = append(w.b, ' ')
		}
		w.quote(n)
		if v := get(i); v != nil {
			w.encoded(v, hdrEnc, n)
		} else if n.Flags&logformat.Quote == 0 {
			w.b = append(w.b, '-')
		}
		w.quote(n)
	}
	return true
}
