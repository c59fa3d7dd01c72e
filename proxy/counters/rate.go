package counters

import "sync"

// Rate is an event rate over the last second: HAProxy's struct freq_ctr
// as update_freq_ctr and read_freq_ctr use it for the proxies' and the
// servers' sess_per_sec, conn_per_sec and req_per_sec (src/freq_ctr.c).
// The rate is the current second's count plus the previous second's
// weighted by the part of the second not elapsed yet, which is what the
// fe_sess_rate, fe_req_rate and be_sess_rate fetches and the stats' "rate"
// fields read.
type Rate struct {
	mu   sync.Mutex
	tick uint32 // start of the current period, ms
	curr uint32
	prev uint32
}

const ratePeriod = 1000

// Add counts n events at now (ms) and returns the current period's count.
func (r *Rate) Add(nowMs int64, n uint32) uint32 {
	now := uint32(nowMs)
	r.mu.Lock()
	defer r.mu.Unlock()
	if now-r.tick < ratePeriod {
		r.curr += n
		return r.curr
	}
	r.prev, r.curr = r.curr, n
	tick := r.tick + ratePeriod
	if now-tick >= ratePeriod {
		// at least two periods went by without an event
		r.prev = 0
		tick = now
	}
	r.tick = tick
	return n
}

// Read is read_freq_ctr: the events over the second ending at now (ms).
func (r *Rate) Read(nowMs int64) uint32 {
	now := uint32(nowMs)
	r.mu.Lock()
	curr, past, tick := uint64(r.curr), uint64(r.prev), r.tick
	r.mu.Unlock()
	remain := int64(int32(tick + ratePeriod - now))
	if remain < 0 {
		// the current period is over: it is the previous one now
		remain += ratePeriod
		if remain >= 0 {
			past = curr
		} else {
			past = 0
		}
		curr = 0
	}
	if curr == 0 && past <= 1 {
		return uint32(past)
	}
	return uint32((past*uint64(remain) + curr*ratePeriod) / ratePeriod)
}
