package line

import "hakeep/proxy/logformat"

// timer writes one of the timers of section 8.4 from the record's
// phases, computed as 2.6 computes them from its cumulative dates:
//
//	Tq = Th + Ti + TR          (-1 when no request was received)
//	Td = Tt - (Tq + Tw + Tc + Tr) in HTTP, Tt - (Tw + Tc) in TCP
//	Ta = Tt - Th - Ti, Tu = Tt - Ti (Tt when there was no idle time,
//	                                  as in TCP)
//
// A session without a stream has no request, queue, connect nor
// response times.
func (w *builder) timer(a logformat.Alias) {
	t, r := w.t, w.t.Rec
	th, ti := nonNeg(r.TH), r.Ti
	tr, tw, tc, tres := r.TR, r.Tw, r.Tc, r.Tr
	if t.NoStream {
		tr, tw, tc, tres = -1, -1, -1, -1
	}
	tq := int64(-1)
	if tr >= 0 {
		tq = th + nonNeg(ti) + tr
	}
	// Ta and Tu count from the end of the idle time, when there was one
	active, user := r.Tt, r.Tt
	if ti >= 0 {
		active, user = r.Tt-th-ti, r.Tt-ti
	}
	plus := w.env.LogASAP
	switch a {
	case logformat.TimeHandshake:
		w.num(th)
	case logformat.TimeIdle:
		w.num(ti)
	case logformat.TimeReceive:
		w.num(tr)
	case logformat.TimeRequest:
		w.num(tq)
	case logformat.TimeWait:
		w.num(tw)
	case logformat.TimeConnect:
		w.num(tc)
	case logformat.TimeResponse:
		w.num(tres)
	case logformat.TimeData:
		switch {
		case r.HTTP && tres >= 0:
			w.num(r.Tt - (tq + tw + tc + tres))
		case !r.HTTP && tc >= 0:
			w.num(r.Tt - (nonNeg(tq) + tw + tc))
		default:
			w.num(-1)
		}
	case logformat.TimeActive:
		w.plus(plus)
		w.num(active)
	case logformat.TimeTotal:
		w.plus(plus)
		w.num(r.Tt)
	case logformat.TimeUser:
		w.plus(plus)
		w.num(user)
	}
}

func (w *builder) plus(on bool) {
	if on {
		w.b = append(w.b, '+')
	}
}

func nonNeg(v int64) int64 {
	if v < 0 {
		return 0
	}
	return v
}
