package worker

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"hakeep/haproxy/mworker"
	"hakeep/haproxy/sockxfer"
)

// Commands runs the Runtime API (management.txt section 9.3) for the
// CLI sessions of a worker: the master's routed commands and the stats
// sockets'. The session itself handles what belongs to the CLI's framing
// and to the process model: prompt, quit, levels, "_getsocks".
type Commands interface {
	// Exec runs one command (its words, unescaped, and its payload
	// after "<<" if any) at the session's level and writes the answer
	// without the empty line that ends every answer.
	Exec(args []string, payload string, level mworker.Level, out io.Writer)
}

const levelAdmin = mworker.LevelAdmin

// serveStats accepts on the stats sockets until ctx ends: a soft stop
// stops them with the other listeners (the sockets themselves stay open
// for a next process' "_getsocks").
func (w *Worker) serveStats(ctx context.Context) {
	if w.Sockets == nil {
		return
	}
	for _, so := range w.Sockets.Sockets {
		if !so.Stats {
			continue
		}
		ln, err := net.FileListener(so.File)
		if err != nil {
			w.Report.Alert("cannot serve the stats socket " + so.Key + ": " + err.Error())
			continue
		}
		// "level" defaults to operator on stats sockets
		level, err := mworker.ParseLevel(so.Level)
		if err != nil {
			level = mworker.LevelOperator
		}
		export := so.ExposeFD == "listeners"
		w.statsSockets.Store(true)
		context.AfterFunc(ctx, func() { ln.Close() })
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					if errors.Is(err, net.ErrClosed) {
						return
					}
					time.Sleep(100 * time.Millisecond)
					continue
				}
				w.cliConns.Add(1)
				go w.session(c, level, export, w.statsTimeout())
			}
		}()
	}
}

// defaultStatsTimeout is 2.6's "stats timeout" when none is set
// (configuration.txt section 3.1).
const defaultStatsTimeout = 10 * time.Second

func (w *Worker) statsTimeout() time.Duration {
	if w.StatsTimeout > 0 {
		return w.StatsTimeout
	}
	return defaultStatsTimeout
}

// session is one CLI session. Without "prompt", the session answers what
// it was sent in one go and closes, as 2.6's CLI does. A session idle
// for longer than idle (0: no limit) is closed, as the stats frontend's
// client timeout does in 2.6.
func (w *Worker) session(c net.Conn, level mworker.Level, export bool, idle time.Duration) {
	defer c.Close()
	prompt := false
	var buf string
	rd := make([]byte, 4096)
	for {
		if idle > 0 {
			c.SetReadDeadline(time.Now().Add(idle))
		}
		n, err := c.Read(rd)
		buf += string(rd[:n])
		for {
			line, rest, ok := strings.Cut(buf, "\n")
			if !ok {
				break
			}
			buf = rest
			payload := ""
			if strings.HasSuffix(strings.TrimRight(line, " \t"), "<<") {
				end := strings.Index(buf, "\n\n")
				if end < 0 && err == nil {
					buf = line + "\n" + buf
					break
				}
				if end < 0 {
					end = len(buf)
				}
				payload, buf = buf[:min(end+1, len(buf))], buf[min(end+2, len(buf)):]
			}
			for _, cmd := range splitCommands(line) {
				out, noLF, end := w.exec(c, cmd, payload, &level, &prompt, export)
				if end {
					return
				}
				io.WriteString(c, out)
				if !noLF {
					if prompt {
						io.WriteString(c, "\n> ")
					} else {
						io.WriteString(c, "\n")
					}
				}
			}
		}
		if err != nil || (!prompt && buf == "") {
			return
		}
	}
}

// exec runs one command of a session. end closes the session; noLF
// leaves out the empty line that ends an answer ("operator -").
func (w *Worker) exec(c net.Conn, cmd, payload string, level *mworker.Level, prompt *bool, export bool) (out string, noLF, end bool) {
	args := words(cmd)
	if len(args) == 0 {
		return "", false, false
	}
	switch args[0] {
	case "prompt":
		*prompt = !*prompt
		return "", false, false
	case "quit":
		return "", false, true
	case "operator", "user":
		want := mworker.LevelOperator
		if args[0] == "user" {
			want = mworker.LevelUser
		}
		if *level < want {
			return "Permission denied\n", false, false
		}
		*level = want
		return "", len(args) > 1 && strings.HasPrefix(args[1], "-"), false
	case "_getsocks":
		if uc, ok := c.(*net.UnixConn); ok && export && w.Sockets != nil {
			var ex []sockxfer.Exported
			for _, so := range w.Sockets.Sockets {
				ex = append(ex, sockxfer.Exported{File: so.File, Namespace: so.Namespace, Interface: so.Interface})
			}
			if err := sockxfer.Send(uc, ex); err != nil {
				w.Report.Warning(err.Error())
			}
		}
		return "", false, true
	}
	if len(args) >= 3 && args[0] == "show" && args[1] == "cli" && args[2] == "level" {
		return level.String() + "\n", false, false
	}
	var b strings.Builder
	if w.Commands != nil {
		w.Commands.Exec(args, payload, *level, &b)
		return b.String(), false, false
	}
	return noCommands(args), false, false
}

// noCommands is 2.6's answer from a CLI that knows no command besides
// its framing ones.
func noCommands(args []string) string {
	head := "Unknown command, but maybe one of the following ones is a better match:\n"
	if args[0] == "help" {
		head = "The following commands are valid at this level:\n"
	}
	return head +
		"  help [<command>]                        : list matching or all commands\n" +
		"  prompt                                  : toggle interactive mode with prompt\n" +
		"  quit                                    : disconnect\n"
}

// splitCommands cuts a line at the unescaped ';'.
func splitCommands(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case ';':
			out = append(out, line[start:i])
			start = i + 1
		}
	}
	return append(out, line[start:])
}

// words splits a command at blanks, a backslash protecting the next
// character.
func words(cmd string) []string {
	var out []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(cmd); i++ {
		ch := cmd[i]
		switch {
		case ch == '\\' && i+1 < len(cmd):
			i++
			cur.WriteByte(cmd[i])
			in = true
		case ch == ' ' || ch == '\t' || ch == '\r':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(ch)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}
