package log

import (
	"sync/atomic"

	"hakeep/proxy"
)

// sampler is a target's "sample <ranges>:<size>": of every size
// messages, those whose number (from 1) is in a range are sent. 2.6
// walks the ranges with a cursor (process_send_log()); since they are
// sorted and do not overlap, that is the same as testing the message's
// number modulo size.
type sampler struct {
	ranges []proxy.LogSampleRange
	size   uint64
	n      atomic.Uint64
}

func newSampler(s *proxy.LogSample) *sampler {
	if s == nil || s.Size <= 0 {
		return nil
	}
	return &sampler{ranges: s.Ranges, size: uint64(s.Size)}
}

// keep reports whether this message is sent.
func (s *sampler) keep() bool {
	if s == nil {
		return true
	}
	idx := (s.n.Add(1)-1)%s.size + 1
	for _, r := range s.ranges {
		if idx >= uint64(r.Low) && idx <= uint64(r.High) {
			return true
		}
	}
	return false
}
