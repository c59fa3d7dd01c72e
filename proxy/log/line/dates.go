package line

import (
	"time"

	"hakeep/proxy/logformat"
)

// date writes the accept date (%t, %T, %Tl, %Ts, %ms) or the request
// date (%tr, %trg, %trl): the start of the request, which is the accept
// date when there was none.
func (w *builder) date(n *logformat.Node) {
	r := w.t.Rec
	at := r.Accept
	switch n.Alias {
	case logformat.DateRequest, logformat.DateRequestGMT, logformat.DateRequestLocal:
		if !r.Start.IsZero() {
			at = r.Start
		}
	}
	loc := w.env.Loc
	if loc == nil {
		loc = time.Local
	}
	switch n.Alias {
	case logformat.Date, logformat.DateRequest:
		w.clf(at.In(loc), true, false)
	case logformat.DateGMT, logformat.DateRequestGMT:
		w.clf(at.UTC(), false, true)
	case logformat.DateLocal, logformat.DateRequestLocal:
		w.clf(at.In(loc), false, true)
	case logformat.Timestamp:
		if n.Flags&logformat.Hex != 0 {
			w.hex(uint64(at.Unix()), 4)
		} else {
			w.num(at.Unix())
		}
	case logformat.Millis:
		ms := at.Nanosecond() / 1e6
		if n.Flags&logformat.Hex != 0 {
			w.hex(uint64(ms), 2)
		} else {
			w.pad(ms, 3)
		}
	}
}

// clf writes "02/Jan/2006:15:04:05" followed by ".000" milliseconds
// (date2str_log()) or by " -0700" (gmt2str_log(), localdate2str_log()).
func (w *builder) clf(t time.Time, millis, zone bool) {
	y, mon, d := t.Date()
	h, mi, s := t.Clock()
	w.pad(d, 2)
	w.b = append(w.b, '/')
	w.b = append(w.b, "JanFebMarAprMayJunJulAugSepOctNovDec"[3*(mon-1):3*mon]...)
	w.b = append(w.b, '/')
	w.pad(y, 4)
	w.b = append(w.b, ':')
	w.pad(h, 2)
	w.b = append(w.b, ':')
	w.pad(mi, 2)
	w.b = append(w.b, ':')
	w.pad(s, 2)
	if millis {
		w.b = append(w.b, '.')
		w.pad(t.Nanosecond()/1e6, 3)
	}
	if zone {
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		off = off % 86400 / 60
		w.b = append(w.b, ' ', sign)
		w.pad(off/60, 2)
		w.pad(off%60, 2)
	}
}

// pad writes v zero-padded to width digits.
func (w *builder) pad(v, width int) {
	var d [10]byte
	for i := width - 1; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	w.b = append(w.b, d[:width]...)
}
