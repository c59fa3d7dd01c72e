package log

import (
	"net/netip"
	"strconv"
	"time"

	"hakeep/proxy/log/line"
	"hakeep/proxy/stream"
)

// ConnError is a client connection that ended before its session could
// start, on an error the engine detected (session_kill_embryonic()): a
// bad PROXY protocol header, an SSL handshake failure.
type ConnError struct {
	Frontend string
	Client   netip.AddrPort
	Accept   time.Time
	// Listener is the bind line's "name", or the listener's number.
	Listener string
	// Text is 2.6's description of the error (conn_err_code_str()),
	// e.g. "Received an invalid PROXY protocol header".
	Text string
	// Empty says the client sent nothing, or left: "option
	// dontlognull" spares those.
	Empty bool
}

// ConnError logs a connection error: with the frontend's
// error-log-format when it has one, else as "<ci>:<cp> [<date>]
// <frontend>/<listener>: <text>". A frontend that has no log format at
// all logs nothing, as 2.6 does.
func (l *Logger) ConnError(e *ConnError) {
	fe := l.frontends[e.Frontend]
	if fe == nil || len(fe.pl.targets) == 0 {
		return
	}
	if fe.format == nil && fe.errFormat == nil && fe.sd == nil && fe.uid == nil {
		return
	}
	if fe.dontLogNull && e.Empty {
		return
	}
	level := levelInfo
	if fe.separateErrors {
		level = levelErr
	}
	w := l.getWork()
	defer l.putWork(w)
	if fe.errFormat != nil {
		// sess_log() without a stream nor a mux: status 0, "PR"
		rec := stream.Record{Accept: e.Accept, Frontend: e.Frontend, Client: e.Client, HTTP: fe.http,
			TH: -1, Ti: -1, TR: -1, Tw: -1, Tc: -1, Tr: -1, Status: 0,
			Term: stream.Term{Cause: stream.CauseProxy, Phase: stream.PhaseRequest}}
		rec.Tt = stream.Millis(l.now().Sub(e.Accept))
		w.txn = line.Txn{Rec: &rec, NoStream: true, ReqID: l.reqID.Add(1) - 1}
		l.emit(w, fe, &w.txn, fe.errFormat, level)
		w.txn = line.Txn{}
		return
	}
	b := w.body[:0]
	if e.Client.IsValid() {
		b = e.Client.Addr().WithZone("").AppendTo(b)
		b = append(b, ':')
		b = strconv.AppendUint(b, uint64(e.Client.Port()), 10)
		b = append(b, " ["...)
	} else {
		b = append(b, "unknown ["...)
	}
	b = appendAcceptDate(b, e.Accept)
	b = append(b, "] "...)
	b = append(b, e.Frontend...)
	b = append(b, '/')
	b = append(b, e.Listener...)
	b = append(b, ": "...)
	b = append(b, e.Text...)
	w.body = b
	fe.pl.sendText(w, level)
}

// appendAcceptDate writes a local date as %t does, "02/Jan/2006:15:04:05.000".
func appendAcceptDate(b []byte, t time.Time) []byte {
	t = t.Local()
	y, mon, d := t.Date()
	h, mi, s := t.Clock()
	b = pad(b, d, 2)
	b = append(b, '/')
	b = append(b, "JanFebMarAprMayJunJulAugSepOctNovDec"[3*(mon-1):3*mon]...)
	b = append(b, '/')
	b = pad(b, y, 4)
	b = append(b, ':')
	b = pad(b, h, 2)
	b = append(b, ':')
	b = pad(b, mi, 2)
	b = append(b, ':')
	b = pad(b, s, 2)
	b = append(b, '.')
	return pad(b, t.Nanosecond()/1e6, 3)
}

func pad(b []byte, v, width int) []byte {
	var d [10]byte
	for i := width - 1; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, d[:width]...)
}
