package check

import (
	"fmt"
	"io"
	"strings"
)

// Level is a syslog severity (RFC 5424 section 6.2.1), the level 2.6
// sends each notification at.
type Level uint8

const (
	LevelEmerg Level = iota
	LevelAlert
	LevelCrit
	LevelErr
	LevelWarning
	LevelNotice
	LevelInfo
	LevelDebug
)

// Logger receives the notifications 2.6 sends to a proxy's log targets
// (send_log). msg has no trailing newline. The logging task plugs the real
// log targets in; a nil Logger discards.
type Logger interface {
	Emit(level Level, msg string)
}

// LoggerFunc adapts a function to Logger.
type LoggerFunc func(level Level, msg string)

// Emit calls f.
func (f LoggerFunc) Emit(level Level, msg string) { f(level, msg) }

// kind is the stderr label of ha_alert, ha_warning and ha_notice.
type kind uint8

const (
	kindNone kind = iota
	kindAlert
	kindWarning
	kindNotice
)

// notifier writes the notifications to stderr the way 2.6's
// print_message() does in the foreground ("[WARNING]  (pid) : msg") and
// hands them to the proxy's logger.
type notifier struct {
	stderr io.Writer
	pid    int
}

// print writes msg to stderr under label k.
func (n *notifier) print(k kind, msg string) {
	if n == nil || n.stderr == nil || k == kindNone {
		return
	}
	label := map[kind]string{kindAlert: "[ALERT]", kindWarning: "[WARNING]", kindNotice: "[NOTICE]"}[k]
	fmt.Fprintf(n.stderr, "%-11s(%d) : %s\n", label, n.pid, msg)
}

// asciiEncode is chunk_asciiencode(): non-printable characters, '<', '>'
// and the quote character become "<XX>".
func asciiEncode(b *strings.Builder, s string, quote byte) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == quote {
			fmt.Fprintf(b, "<%02X>", c)
			continue
		}
		b.WriteByte(c)
	}
}
