package syslog

// Format is a header format (enum log_fmt in 2.6).
type Format uint8

const (
	// Unspec is a "log" line without "format": the header is "local",
	// or "rfc3164" once "log-send-hostname" gives a host name
	// (build_log_header() decides from the metadata).
	Unspec Format = iota
	Local
	RFC3164
	RFC5424
	Priority
	Short
	Timed
	ISO
	Raw
)

// formatNames are the names "format" accepts, by Format.
func formatNames() [Raw + 1]string {
	return [Raw + 1]string{"", "local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"}
}

// ParseFormat returns the format called name; "" is Unspec.
func ParseFormat(name string) (Format, bool) {
	for f, n := range formatNames() {
		if n == name {
			return Format(f), true
		}
	}
	return Unspec, false
}

// String is the format's name ("" for Unspec).
func (f Format) String() string {
	if f > Raw {
		return ""
	}
	return formatNames()[f]
}

// Resolve turns Unspec into the format 2.6 picks from the metadata
// (build_log_header()): with a host name, rfc5424 for a message stamped
// with an RFC 5424 timestamp (or "-"), else rfc3164; else local when
// there is a tag; else priority for a forwarded message that had one;
// else raw.
func (f Format) Resolve(m *Meta) Format {
	if f != Unspec {
		return f
	}
	switch {
	case m == nil:
	case m.Host != "":
		if isISOTime(m.Time) || string(m.Time) == "-" {
			return RFC5424
		}
		return RFC3164
	case m.Tag != "":
		return Local
	case m.Prio:
		return Priority
	}
	return Raw
}

// The timestamp lengths of 2.6 (LOG_LEGACYTIME_LEN, LOG_ISOTIME_MINLEN).
const (
	legacyTimeLen = 15
	isoTimeMinLen = 20
)

func isISOTime(t []byte) bool { return len(t) >= isoTimeMinLen }
