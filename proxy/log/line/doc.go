// Package line renders log lines: it evaluates a compiled log-format
// (proxy/logformat) over what the engine recorded of a stream, the way
// 2.6's sess_build_logline() does (configuration.txt section 8.2.6
// "Custom log format", and 8.2.2 to 8.2.5 for the built-in formats that
// are log-formats themselves).
//
// The rules it follows, all from 2.6:
//   - separators (runs of spaces) are written once, never at the start,
//     and not again after a variable that wrote nothing (%hr, %hs, %hrl,
//     %hsl without captures);
//   - an empty text value is "-" when the node is mandatory (the default
//     in log-format lines), "" when quoted (+Q), nothing otherwise;
//   - +Q quotes names, addresses, headers and the request, never numbers
//     nor ports; +X writes addresses, ports, %Ts, %ms, %pid, %rt and %lc
//     in hexadecimal; +E escapes '"', '\' and ']' with a backslash;
//   - the request line and its parts escape '"', '#' and non-printable
//     characters as "#XX", captured headers also '{', '|' and '}'
//     (section 8.6, "Non-printable characters");
//   - the line stops one byte short of the longest "len" of the targets.
//
// Rendering allocates nothing.
package line
