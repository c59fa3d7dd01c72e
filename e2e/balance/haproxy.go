package balance_e2e

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"hakeep/proxy/balance/golden"
)

// backendName is the backend every case configures; runtime commands name
// servers as be/<server>.
const backendName = "be"

// writeConfig renders the case as a haproxy.cfg: one frontend on addr in
// front of backend "be", whose servers point at the given addresses.
// Every request gets its own connection ("option httpclose") and one
// thread keeps the order of events deterministic.
func writeConfig(path string, c *golden.Case, addr, sock string, servers map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "global\n    nbthread 1\n    stats socket %s level admin\n\n", sock)
	b.WriteString("defaults\n    mode http\n    option httpclose\n")
	b.WriteString("    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout queue 30s\n\n")
	fmt.Fprintf(&b, "frontend fe\n    bind %s\n    default_backend %s\n", addr, backendName)
	if c.Mode == "tcp" {
		// Wait for the RDP cookie, or for data that cannot be one
		// (configuration.txt section 7.3.5, "rdp_cookie").
		b.WriteString("    mode tcp\n    tcp-request inspect-delay 5s\n    tcp-request content accept if RDP_COOKIE\n")
	}
	fmt.Fprintf(&b, "\nbackend %s\n    balance %s\n", backendName, strings.Join(c.Balance, " "))
	if c.Mode == "tcp" {
		b.WriteString("    mode tcp\n")
	}
	if len(c.HashType) > 0 {
		fmt.Fprintf(&b, "    hash-type %s\n", strings.Join(c.HashType, " "))
	}
	if c.HashBalanceFactor != 0 {
		fmt.Fprintf(&b, "    hash-balance-factor %d\n", c.HashBalanceFactor)
	}
	if c.AllBackups {
		b.WriteString("    option allbackups\n")
	}
	if c.Fullconn != 0 {
		fmt.Fprintf(&b, "    fullconn %d\n", c.Fullconn)
	}
	for _, s := range c.Servers {
		fmt.Fprintf(&b, "    server %s %s weight %d", s.Name, servers[s.Name], s.Weight)
		if s.ID != 0 {
			fmt.Fprintf(&b, " id %d", s.ID)
		}
		if s.Backup {
			b.WriteString(" backup")
		}
		if s.Disabled {
			b.WriteString(" disabled")
		}
		if s.Maxconn != 0 {
			fmt.Fprintf(&b, " maxconn %d", s.Maxconn)
		}
		if s.Minconn != 0 {
			fmt.Fprintf(&b, " minconn %d", s.Minconn)
		}
		if s.Slowstart != 0 {
			fmt.Fprintf(&b, " slowstart %ds", s.Slowstart)
		}
		b.WriteString("\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// haproxy is a running real haproxy.
type haproxy struct {
	cmd    *exec.Cmd
	sock   string
	addr   string
	stderr bytes.Buffer
}

// startHAProxy runs bin on cfg in the foreground and waits until it
// answers on its stats socket.
func startHAProxy(bin, cfg, addr, sock string) (*haproxy, error) {
	h := &haproxy{sock: sock, addr: addr}
	h.cmd = exec.Command(bin, "-db", "-f", cfg)
	h.cmd.Stdout = &h.stderr
	h.cmd.Stderr = &h.stderr
	if err := h.cmd.Start(); err != nil {
		return nil, err
	}
	// Listeners are bound before the stats socket answers. The frontend
	// is not probed: in TCP mode an empty connection still reaches the
	// backend and would take a turn of round robin.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := h.command("show info"); err == nil {
			return h, nil
		}
		if time.Now().After(deadline) {
			h.stop()
			return nil, fmt.Errorf("haproxy did not come up: %s", h.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (h *haproxy) stop() {
	if h.cmd.Process != nil {
		h.cmd.Process.Kill()
		h.cmd.Wait()
	}
}

// command sends one runtime API command and returns the answer.
func (h *haproxy) command(cmd string) (string, error) {
	c, err := net.DialTimeout("unix", h.sock, time.Second)
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

// load reads "show stat": the sessions on the backend's servers, and
// the streams attached to the backend itself.
func (h *haproxy) load() (servers, backend int, err error) {
	out, err := h.command("show stat")
	if err != nil {
		return 0, 0, err
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var cols map[string]int
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") {
			cols = map[string]int{}
			for i, f := range strings.Split(strings.TrimPrefix(line, "# "), ",") {
				cols[f] = i
			}
			continue
		}
		f := strings.Split(line, ",")
		if cols == nil || len(f) <= cols["scur"] || f[cols["pxname"]] != backendName {
			continue
		}
		n, _ := strconv.Atoi(f[cols["scur"]])
		switch f[cols["svname"]] {
		case "BACKEND":
			backend = n
		case "FRONTEND":
		default:
			servers += n
		}
	}
	if cols == nil {
		return 0, 0, errors.New("no CSV header in 'show stat'")
	}
	return servers, backend, nil
}

// settle waits until the backend and its servers hold exactly want
// streams, so that the next request sees every earlier connection counted
// or released.
func (h *haproxy) settle(want int) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		srv, be, err := h.load()
		if err != nil {
			return err
		}
		if srv == want && be == want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("servers hold %d sessions and the backend %d streams, want %d", srv, be, want)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func tempSocket(dir string) string { return filepath.Join(dir, "admin.sock") }
