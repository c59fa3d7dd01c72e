package checks_e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// realHAProxy runs the installed haproxy in the foreground, with its logs
// on a UDP syslog listener and its stats socket for "show stat".
type realHAProxy struct {
	bin    string
	dir    string
	cmd    *exec.Cmd
	out    bytes.Buffer
	outMu  sync.Mutex
	udp    net.PacketConn
	logs   lockedLines
	logsWG sync.WaitGroup
}

func (h *realHAProxy) sock() string { return filepath.Join(h.dir, "stats.sock") }

func (h *realHAProxy) Write(p []byte) (int, error) {
	h.outMu.Lock()
	defer h.outMu.Unlock()
	return h.out.Write(p)
}

func (h *realHAProxy) start(cfgPath string) error {
	h.cmd = exec.Command(h.bin, "-db", "-f", cfgPath)
	h.cmd.Stdout, h.cmd.Stderr = h, h
	if err := h.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := h.command("show info"); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			h.cmd.Process.Kill()
			h.cmd.Wait()
			return fmt.Errorf("haproxy did not come up: %s", h.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// listenSyslog opens the UDP listener the configuration logs to.
func (h *realHAProxy) listenSyslog() (string, error) {
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	h.udp = c
	h.logsWG.Add(1)
	go func() {
		defer h.logsWG.Done()
		buf := make([]byte, 65536)
		for {
			n, _, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			h.logs.add(syslogLine(string(buf[:n])))
		}
	}()
	return c.LocalAddr().String(), nil
}

// syslogLine turns "<133>Nov 21 20:37:40 haproxy[1690]: msg\n" into
// "<5> msg": the severity and the message.
func syslogLine(s string) string {
	s = strings.TrimRight(s, "\n")
	end := strings.IndexByte(s, '>')
	pri, _ := strconv.Atoi(s[1:end])
	if i := strings.Index(s, "]: "); i >= 0 {
		s = s[i+3:]
	}
	return fmt.Sprintf("<%d> %s", pri&7, s)
}

// command sends one runtime API command over the stats socket.
func (h *realHAProxy) command(cmd string) (string, error) {
	c, err := net.DialTimeout("unix", h.sock(), time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, cmd+"\n"); err != nil {
		return "", err
	}
	out, err := io.ReadAll(c)
	return string(out), err
}

func (h *realHAProxy) stats(servers []string) (map[string]map[string]string, error) {
	out, err := h.command("show stat")
	if err != nil {
		return nil, err
	}
	res := map[string]map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	var cols []string
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") {
			cols = strings.Split(strings.TrimPrefix(line, "# "), ",")
			continue
		}
		f := strings.Split(line, ",")
		if len(f) < 2 {
			continue
		}
		m := map[string]string{}
		for i, c := range cols {
			if i < len(f) {
				m[c] = f[i]
			}
		}
		res[f[0]+"/"+f[1]] = m
	}
	return res, nil
}

func (h *realHAProxy) current() []string {
	h.outMu.Lock()
	defer h.outMu.Unlock()
	return strings.Split(h.out.String(), "\n")
}

func (h *realHAProxy) stop() ([]string, []string) {
	h.cmd.Process.Kill()
	h.cmd.Wait()
	time.Sleep(50 * time.Millisecond)
	h.udp.Close()
	h.logsWG.Wait()
	h.outMu.Lock()
	text := h.out.String()
	h.outMu.Unlock()
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if keepStderr(l) {
			lines = append(lines, l)
		}
	}
	return lines, h.logs.get()
}
