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

// Resolve turns Unspec into the format 2.6 picks for a message without
// a timestamp of its own: rfc3164 when a host name is sent, else local
// when there is a tag, else raw.
func (f Format) Resolve(m *Meta) Format {
	if f != Unspec {
		return f
	}
	switch {
	case m != nil && m.Host != "":
		return RFC3164
	case m != nil && m.Tag != "":
		return Local
	}
	return Raw
}
