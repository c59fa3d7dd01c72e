package log

import (
	"time"

	"hakeep/proxy/log/ring"
	"hakeep/proxy/log/sink"
	"hakeep/proxy/log/syslog"
)

// destKind is how a target receives its messages.
type destKind uint8

const (
	destDgram destKind = iota // UDP, unix datagram socket
	destFD                    // stdout, stderr, fd@N
	destRing                  // ring@name, or a stream address through its own ring
)

// target is one "log" line of a proxy (or of the global section).
type target struct {
	level, minLevel, facility int
	format                    syslog.Format
	maxLen                    int
	sample                    *sampler
	kind                      destKind
	queue                     *sink.Queue
	ring                      *ring.Ring
}

// send delivers one message if the target takes its level and its
// sample (process_send_log(), __do_send_log()). The level written is
// raised to the target's minimum level. facility is the target's own
// unless a forwarded message brings one (>= 0).
func (t *target) send(pool *sink.Pool, level, facility int, meta *syslog.Meta, now time.Time, text []byte) {
	if level > t.level || !t.sample.keep() {
		return
	}
	if level < t.minLevel {
		level = t.minLevel
	}
	if facility < 0 {
		facility = t.facility
	}
	m := syslog.Message{Level: level, Facility: facility, Meta: meta, Time: now, Text: text}
	switch t.kind {
	case destRing:
		t.ring.Write(&m, t.maxLen)
	case destDgram:
		b := pool.Get()
		*b = syslog.AppendDatagram(*b, t.format, &m, t.maxLen)
		t.queue.Send(b)
	case destFD:
		b := pool.Get()
		*b = syslog.AppendLine(*b, t.format, &m, t.maxLen)
		t.queue.Send(b)
	}
}
