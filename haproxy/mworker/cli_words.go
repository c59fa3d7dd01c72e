package mworker

import "strings"

// nextCommand cuts the first command off buf as the master CLI does
// (pcli_parse_request()): a command ends at an unescaped ';' or at the
// end of the line, and a backslash protects the character after it.
// ok is false while the command is not complete.
func nextCommand(buf string) (cmd, rest string, ok bool) {
	for i := 0; i < len(buf); i++ {
		switch buf[i] {
		case '\\':
			i++
		case ';', '\n':
			return buf[:i], buf[i+1:], true
		}
	}
	return "", buf, false
}

// rawWords splits a command into words at blanks as the master CLI does
// before deciding where it goes: backslashes stay in the words, since the
// command is forwarded as written.
func rawWords(cmd string) []string {
	var out []string
	i := 0
	for i < len(cmd) {
		for i < len(cmd) && (cmd[i] == ' ' || cmd[i] == '\t') {
			i++
		}
		if i >= len(cmd) {
			break
		}
		j := i
		for j < len(cmd) && cmd[j] != ' ' && cmd[j] != '\t' {
			if cmd[j] == '\\' && j+1 < len(cmd) {
				j++
			}
			j++
		}
		out = append(out, cmd[i:j])
		i = j
	}
	return out
}

// unescape removes the protecting backslashes, as the CLI applet does
// when it reads its arguments (cli_parse_request()).
func unescape(w string) string {
	if !strings.Contains(w, "\\") {
		return w
	}
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if w[i] == '\\' && i+1 < len(w) {
			i++
		}
		b.WriteByte(w[i])
	}
	return b.String()
}
