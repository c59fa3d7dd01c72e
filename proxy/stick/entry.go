package stick

import (
	"sync"
	"sync/atomic"

	"hakeep/proxy/sample"
)

// Entry is one key's data (struct stksess).
type Entry struct {
	t        *Table
	mu       sync.Mutex
	vals     [sample.NumStickData]int64
	rates    [sample.NumStickData]FreqCtr
	gpc      []int64
	gpcRate  []FreqCtr
	gpt      []int64
	exp      uint32 // expiry tick, ms
	seen     uint32 // last update, ms
	trackers atomic.Int32
}

func newEntry(t *Table) *Entry {
	e := &Entry{t: t}
	e.gpc = make([]int64, t.count[sample.DataGPC])
	e.gpcRate = make([]FreqCtr, t.count[sample.DataGPCRate])
	e.gpt = make([]int64, t.count[sample.DataGPT])
	return e
}

func (e *Entry) reset(t *Table) {
	e.mu.Lock()
	e.vals = [sample.NumStickData]int64{}
	e.rates = [sample.NumStickData]FreqCtr{}
	clear(e.gpc)
	clear(e.gpcRate)
	clear(e.gpt)
	e.mu.Unlock()
}

func (e *Entry) expired(t *Table, now uint32) bool {
	if t.cfg.Expire == 0 {
		return false
	}
	e.mu.Lock()
	exp := e.exp
	e.mu.Unlock()
	return int32(now-exp) >= 0 && e.trackers.Load() == 0
}

func (e *Entry) touch(t *Table, now uint32) {
	e.mu.Lock()
	e.seen = now
	if t.cfg.Expire != 0 {
		e.exp = now + t.cfg.Expire
	}
	e.mu.Unlock()
}

// isRate reports the data types that are frequency counters.
func isRate(d sample.StickData) bool {
	switch d {
	case sample.DataGPC0Rate, sample.DataGPC1Rate, sample.DataConnRate, sample.DataSessRate,
		sample.DataHTTPReqRate, sample.DataHTTPErrRate, sample.DataHTTPFailRate,
		sample.DataBytesInRate, sample.DataBytesOutRate, sample.DataGPCRate:
		return true
	}
	return false
}

// Get implements sample.Entry.
func (e *Entry) Get(d sample.StickData, idx int, nowMs int64) (int64, bool) {
	t := e.t
	if !t.has[d] {
		return 0, false
	}
	now := uint32(nowMs)
	e.mu.Lock()
	defer e.mu.Unlock()
	switch d {
	case sample.DataGPC:
		if idx < 0 || idx >= len(e.gpc) {
			return 0, false
		}
		return e.gpc[idx], true
	case sample.DataGPT:
		if idx < 0 || idx >= len(e.gpt) {
			return 0, false
		}
		return e.gpt[idx], true
	case sample.DataGPCRate:
		if idx < 0 || idx >= len(e.gpcRate) {
			return 0, false
		}
		return int64(e.gpcRate[idx].Read(t.period[d], now)), true
	}
	if isRate(d) {
		return int64(e.rates[d].Read(t.period[d], now)), true
	}
	return e.vals[d], true
}

// Add implements sample.Entry: counters are unsigned 32-bit in 2.6
// (bytes counters 64-bit).
func (e *Entry) Add(d sample.StickData, idx int, delta int64, nowMs int64) (int64, bool) {
	t := e.t
	if !t.has[d] {
		return 0, false
	}
	now := uint32(nowMs)
	e.mu.Lock()
	defer e.mu.Unlock()
	switch d {
	case sample.DataGPC:
		if idx < 0 || idx >= len(e.gpc) {
			return 0, false
		}
		e.gpc[idx] = int64(uint32(e.gpc[idx] + delta))
		return e.gpc[idx], true
	case sample.DataGPCRate:
		if idx < 0 || idx >= len(e.gpcRate) {
			return 0, false
		}
		return int64(e.gpcRate[idx].Update(t.period[d], now, uint32(delta))), true
	}
	if isRate(d) {
		return int64(e.rates[d].Update(t.period[d], now, uint32(delta))), true
	}
	v := e.vals[d] + delta
	if d != sample.DataBytesInCnt && d != sample.DataBytesOutCnt {
		v = int64(uint32(v))
	}
	e.vals[d] = v
	return v, true
}

// Set implements sample.Entry (gpt, gpt0, server_id).
func (e *Entry) Set(d sample.StickData, idx int, v int64) bool {
	if !e.t.has[d] {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if d == sample.DataGPT {
		if idx < 0 || idx >= len(e.gpt) {
			return false
		}
		e.gpt[idx] = int64(uint32(v))
		return true
	}
	e.vals[d] = int64(uint32(v))
	return true
}

// Clear implements sample.Entry.
func (e *Entry) Clear(d sample.StickData, idx int, nowMs int64) (int64, bool) {
	if !e.t.has[d] {
		return 0, false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if d == sample.DataGPC {
		if idx < 0 || idx >= len(e.gpc) {
			return 0, false
		}
		old := e.gpc[idx]
		e.gpc[idx] = 0
		return old, true
	}
	old := e.vals[d]
	e.vals[d] = 0
	return old, true
}

// Trackers implements sample.Entry.
func (e *Entry) Trackers() int { return int(e.trackers.Load()) }

// Track implements sample.Entry.
func (e *Entry) Track(delta int) { e.trackers.Add(int32(delta)) }

// Expire implements sample.Entry: ms left before expiry.
func (e *Entry) Expire(nowMs int64) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.t.cfg.Expire == 0 {
		return 0
	}
	return int64(int32(e.exp - uint32(nowMs)))
}

// Idle implements sample.Entry: ms since the last update.
func (e *Entry) Idle(nowMs int64) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return int64(uint32(nowMs) - e.seen)
}
