package mworker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"hakeep/haproxy/sockxfer"
)

// The master CLI (management.txt section 9.4): commands for the master
// itself, and Runtime API commands routed to a worker by a prefix ("@1",
// "@!<pid>") or after a prefix given alone. Each routed command opens a
// session to the worker, sends the command and relays the answer until
// the worker closes, as the master's CLI proxy of 2.6 does
// (pcli_parse_request(), pcli_find_and_exec_kw()).

func (m *Master) serveCLI(ctx context.Context, l CLIListener) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(100 * time.Millisecond)
			continue
		}
		go m.session(c, l.Level)
	}
}

// maxRequest is the most a session buffers without finding the end of a
// command (2.6's buffer size); beyond, the master answers with the help.
const maxRequest = 16384

type session struct {
	m      *Master
	c      net.Conn
	w      *bufio.Writer
	level  Level
	prompt bool
	// target is the default destination: 0 for the master, else a PID.
	target int
}

func (m *Master) session(c net.Conn, level Level) {
	defer c.Close()
	s := &session{m: m, c: c, w: bufio.NewWriter(c), level: level}
	var buf string
	rd := make([]byte, 4096)
	for {
		for {
			cmd, rest, ok := nextCommand(buf)
			if !ok {
				break
			}
			buf = rest
			if strings.HasSuffix(strings.TrimRight(cmd, " \t"), "<<") {
				// a payload runs to the first empty line
				i := strings.Index(buf, "\n\n")
				if i < 0 {
					buf = cmd + "\n" + buf
					break
				}
				// the empty line goes too: it ends the payload
				cmd += "\n" + buf[:i+2]
				buf = buf[i+2:]
			}
			more := s.exec(cmd)
			s.w.Flush()
			if !more {
				return
			}
		}
		if len(buf) > maxRequest {
			buf = "help\n"
			continue
		}
		n, err := c.Read(rd)
		if n > 0 {
			buf += string(rd[:n])
			continue
		}
		if err != nil {
			return
		}
	}
}

func (s *session) writePrompt() {
	if !s.prompt {
		return
	}
	if s.target == 0 {
		s.m.mu.Lock()
		failed := s.m.Self.FailedReloads > 0
		s.m.mu.Unlock()
		if failed {
			s.w.WriteString("master[ReloadFailed]> ")
		} else {
			s.w.WriteString("master> ")
		}
		return
	}
	s.w.WriteString(strconv.Itoa(s.target) + "> ")
}

// exec runs one command; false ends the session.
func (s *session) exec(cmd string) bool {
	words := rawWords(cmd)
	target := s.target
	if len(words) > 0 {
		switch w := words[0]; {
		case strings.HasPrefix(w, "@"):
			pid, ok := s.m.prefixToPID(w)
			if !ok {
				fmt.Fprintf(s.w, "Can't find the target PID matching the prefix '%s'\n", w)
				return false
			}
			if len(words) == 1 {
				s.target = pid
				s.writePrompt()
				return true
			}
			target = pid
			cmd = cmd[strings.Index(cmd, w)+len(w):]
			cmd = strings.TrimLeft(cmd, " \t")
			words = words[1:]
		case w == "prompt":
			s.prompt = !s.prompt
			s.writePrompt()
			return true
		case w == "quit":
			return false
		case w == "operator" || w == "user":
			want := LevelOperator
			if w == "user" {
				want = LevelUser
			}
			if s.level < want {
				s.w.WriteString("Permission denied!\n")
				return false
			}
			s.level = want
			s.writePrompt()
			return true
		}
	}
	if target != 0 {
		return s.route(target, cmd)
	}
	out, wait := s.masterCommand(words)
	if wait {
		// a reload replaces the process: nothing more is said here
		s.w.Flush()
		return true
	}
	s.w.WriteString(out + "\n")
	s.writePrompt()
	return true
}

// masterCommand runs a command of the master itself and returns its
// answer; wait is set for a reload.
func (s *session) masterCommand(words []string) (out string, wait bool) {
	args := make([]string, len(words))
	for i, w := range words {
		args[i] = unescape(w)
	}
	kw := findKeyword(args)
	if kw == nil || kw.usage == "" && kw.words[0] != "help" {
		return usageMessage(args), false
	}
	switch strings.Join(kw.words, " ") {
	case "help":
		return usageMessage(args), false
	case "show proc":
		s.m.mu.Lock()
		defer s.m.mu.Unlock()
		return ShowProc(s.m.Procs, s.m.Self, s.m.Version, s.m.Now()), false
	case "show version":
		return s.m.Version + "\n", false
	case "show cli level":
		return s.level.String() + "\n", false
	case "show cli sockets":
		// 2.6.12's master lists nothing here
		return "", false
	case "reload":
		if s.level < LevelOperator {
			return "Permission denied\n", false
		}
		s.m.events <- event{reload: true}
		return "", true
	}
	return usageMessage(args), false
}

// prefixToPID is pcli_prefix_to_pid(): 0 for the master, else a
// worker's PID.
func (m *Master) prefixToPID(prefix string) (int, bool) {
	p := prefix[1:]
	if p == "" || p == "master" {
		return 0, true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if rest, ok := strings.CutPrefix(p, "!"); ok {
		pid, err := strconv.Atoi(rest)
		if err != nil || rest == "" || rest[0] == '+' {
			return 0, false
		}
		for _, c := range m.Procs {
			if c.Kind == KindWorker && c.PID == pid {
				return pid, true
			}
		}
		return 0, false
	}
	rel, err := strconv.Atoi(p)
	switch {
	case err != nil:
		return 0, false
	case rel == 0:
		return 0, true
	case rel != 1:
		// only "@1" is supported as a relative PID
		return 0, false
	}
	if c := Current(m.Procs); c != nil {
		return c.PID, true
	}
	return 0, false
}

// route sends one command to a worker and relays its answer.
func (s *session) route(pid int, cmd string) bool {
	s.m.mu.Lock()
	ipc := -1
	if p := Find(s.m.Procs, pid); p != nil {
		ipc = p.IPC
	}
	s.m.mu.Unlock()
	if ipc < 0 {
		s.w.WriteString("Can't connect to the target CLI!\n")
		return false
	}
	c, err := sockxfer.DialPair(ipc)
	if err != nil {
		s.w.WriteString("Can't connect to the target CLI!\n")
		return false
	}
	defer c.Close()
	// the worker lowers its session to ours, as 2.6 tells it
	var req strings.Builder
	switch s.level {
	case LevelOperator:
		req.WriteString("operator -\n")
	case LevelUser:
		req.WriteString("user -\n")
	}
	req.WriteString(cmd)
	if !strings.HasSuffix(cmd, "\n") {
		req.WriteString("\n")
	}
	if _, err := c.Write([]byte(req.String())); err != nil {
		s.w.WriteString("Can't connect to the target CLI!\n")
		return false
	}
	c.CloseWrite()
	s.w.Flush()
	io.Copy(s.c, c)
	s.writePrompt()
	return true
}
