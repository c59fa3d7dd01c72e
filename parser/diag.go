package parser

import "fmt"

// Severity orders diagnostics like HAProxy's DIAG < NOTICE < WARNING < ALERT.
type Severity uint8

const (
	SevDiag Severity = iota
	SevNotice
	SevWarning
	SevAlert
)

func (s Severity) String() string {
	switch s {
	case SevDiag:
		return "DIAG"
	case SevNotice:
		return "NOTICE"
	case SevWarning:
		return "WARNING"
	default:
		return "ALERT"
	}
}

// Diagnostic is one message about the configuration. Msg carries the text
// only; where it is (Pos) is kept apart so each binary can render it in its
// own tool's format and differential tests can compare places exactly.
type Diagnostic struct {
	Severity Severity
	Pos      Pos
	Msg      string
	// Abort marks an error after which the reference tool gives up on the
	// whole configuration (HAProxy's ERR_ABORT): the parser returns nothing
	// read after it, and decoders run no end-of-configuration checks.
	Abort bool
}

func (d *Diagnostic) Error() string {
	if d.Pos.IsValid() {
		return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.Severity, d.Msg)
}

// Diagnostics is an ordered list of messages, in the order they were found.
type Diagnostics []*Diagnostic

// Add appends a diagnostic built with fmt.Sprintf.
func (l *Diagnostics) Add(sev Severity, pos Pos, format string, args ...any) {
	*l = append(*l, &Diagnostic{Severity: sev, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Max returns the highest severity present, and false for an empty list.
func (l Diagnostics) Max() (Severity, bool) {
	if len(l) == 0 {
		return 0, false
	}
	m := SevDiag
	for _, d := range l {
		if d.Severity > m {
			m = d.Severity
		}
	}
	return m, true
}

// HasAlert reports whether any diagnostic is an alert (an error).
func (l Diagnostics) HasAlert() bool {
	m, ok := l.Max()
	return ok && m == SevAlert
}
