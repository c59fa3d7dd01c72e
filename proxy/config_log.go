package proxy

// LogTarget is one "log" line: where to send log lines and which ones
// (configuration.txt section 4.2, "log").
type LogTarget struct {
	// Addr is the syslog server, a unix socket, or fd@N for stdout
	// (fd@1) and stderr (fd@2). Unused when Ring is set.
	Addr Address
	// Ring names the ring buffer ("ring@name"), resolved to RingRef.
	Ring    string
	RingRef *Ring
	// Stream is true when the address is a stream socket (tcp@...): the
	// lines then go through an implicit ring.
	Stream bool
	// MaxLen is the maximum line length ("len"), 1024 by default.
	MaxLen int
	// Format is the syslog header format ("format"): "rfc3164" (the
	// default), "rfc5424", "priority", "short", "timed", "iso", "raw".
	Format string
	// Sample keeps one line in SampleSize among the listed ranges
	// ("sample <ranges>:<size>"); nil logs every line.
	Sample *LogSample
	// Facility is the syslog facility number (0 kern .. 23 local7).
	Facility int
	// Level is the most verbose level sent (7 debug by default) and
	// MinLevel the least verbose (0 emerg by default): levels outside
	// are clamped.
	Level, MinLevel int
}

// LogSample is the "sample" option of a log target.
type LogSample struct {
	Ranges []LogSampleRange
	Size   int
}

// LogSampleRange is one low[-high] range of a log sample, counted from 1.
type LogSampleRange struct{ Low, High int }
