package stick

// FreqCtr is HAProxy's period frequency counter (struct freq_ctr, with
// update_freq_ctr_period and read_freq_ctr_period of src/freq_ctr.c):
// the events of the current period, those of the previous one, and the
// tick the current period started at. The rate over a period is the
// current count plus the previous one weighted by the part of the
// period not elapsed yet, which is how 2.6 decides when a
// "sc_http_req_rate gt N" rule starts and stops denying.
type FreqCtr struct {
	Tick uint32 // start of the current period, ms (even: bit 0 is 2.6's lock bit)
	Curr uint32
	Prev uint32
}

// Update adds inc events at now (ms) to a counter of the given period
// and returns the current period's count.
func (f *FreqCtr) Update(period, now, inc uint32) uint32 {
	if now-f.Tick < period {
		f.Curr += inc
		return f.Curr
	}
	// rotation: the current period becomes the previous one
	f.Prev, f.Curr = f.Curr, inc
	tick := f.Tick + period
	if now-tick >= period {
		// at least two periods were missed
		f.Prev = 0
		tick = now
	}
	f.Tick = tick &^ 1
	return inc
}

// total is freq_ctr_total with pend < 0 (no pending events, flapping
// correction on).
func (f *FreqCtr) total(period, now uint32) uint64 {
	curr, past := uint64(f.Curr), uint64(f.Prev)
	remain := int64(int32(f.Tick + period - now))
	if remain < 0 {
		remain += int64(period)
		if remain >= 0 {
			past = curr
		} else {
			past = 0
		}
		curr = 0
	}
	if curr == 0 && past <= 1 {
		return past * uint64(period)
	}
	return past*uint64(remain) + curr*uint64(period)
}

// Read is read_freq_ctr_period: the events over one period ending now.
func (f *FreqCtr) Read(period, now uint32) uint32 {
	if period == 0 {
		return 0
	}
	return uint32(f.total(period, now) / uint64(period))
}
