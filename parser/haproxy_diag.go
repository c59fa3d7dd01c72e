package parser

import (
	"strconv"
	"strings"
)

// HAProxyDiagText is a diagnostic of ParseHAProxy as HAProxy 2.6 prints
// it after "config : ": "parsing [FILE:LINE]: MSG" for most, "parsing
// [FILE:LINE] : MSG" for the few messages whose printf has that spacing
// (scope lines, section order in -dD mode), and MSG alone for messages
// that name no line (files that cannot be opened).
func HAProxyDiagText(d *Diagnostic) string {
	if !d.Pos.IsValid() {
		return d.Msg
	}
	sep := "]: "
	if spacedHAProxyMsg(d.Msg) {
		sep = "] : "
	}
	return "parsing [" + d.Pos.File + ":" + strconv.Itoa(d.Pos.Line) + sep + d.Msg
}

func spacedHAProxyMsg(msg string) bool {
	return msg == "empty scope name is forbidden." ||
		strings.HasPrefix(msg, "character '") && (strings.HasSuffix(msg, "' is not permitted in a scope name.") || strings.HasSuffix(msg, "' is not permitted after scope declaration.")) ||
		strings.HasPrefix(msg, "global section detected after a non-global one")
}
