package procmodel

import (
	"io"
	"net"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mcliInputs are sent to both masters, each on a connection of its own.
// The admin socket gets all of them, the operator socket the last ones.
var mcliInputs = []struct {
	operator bool
	in       string
	reloads  bool
}{
	{false, "help\n", false},
	{false, "help show\n", false},
	{false, "help reload\n", false},
	{false, "foo\n", false},
	{false, "show\n", false},
	{false, "\n", false},
	{false, "show\\ version\n", false},
	{false, "show proc\n", false},
	{false, "show version;show cli level\n", false},
	{false, "show cli sockets\n", false},
	{false, "@2 help\n", false},
	{false, "@!abc x\n", false},
	{false, "@!1 show cli level\n", false},
	{false, "@1 show cli level\n", false},
	{false, "@master show cli level\n", false},
	{false, "@0 show version\n", false},
	{false, "prompt\n@1\nshow cli level\n@master\nshow cli level\nuser\nshow cli level\noperator\n", false},
	{false, "user\n@1 show cli level\nreload\n", false},
	{true, "show cli level\n", false},
	{true, "@1 show cli level\n", false},
	{true, "operator\nuser\nshow cli level\n", false},
	{true, "admin\n", false},
	{true, "reload\n", true},
	{false, "show proc\n", false},
}

var (
	procLine  = regexp.MustCompile(`(?m)^\d+(\s+)(master|worker)(\s+)(.*?)(\d+d\d+h\d+m\d+s)(\s+)(\S+)`)
	pidPrompt = regexp.MustCompile(`\b\d{2,}> `)
)

// normalize hides what differs between two runs: PIDs, uptimes, versions.
func normalize(s string) string {
	s = procLine.ReplaceAllString(s, "PID${1}${2}${3}${4}UPTIME${6}VERSION")
	s = pidPrompt.ReplaceAllString(s, "PID> ")
	s = strings.NewReplacer("2.6.12-1+deb12u4", "VERSION", "2.6.12-hakeep-0.1", "VERSION").Replace(s)
	return s
}

func mcliTranscripts(t *testing.T, bin string) []string {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	writeFile(t, cfg, "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"+
		"frontend fe\n    bind "+addr+"\n    default_backend be\n"+
		"backend be\n    server s1 "+be+"\n")
	admin, oper := filepath.Join(dir, "admin.sock"), filepath.Join(dir, "oper.sock")
	n := newNotifyListener(t, dir)
	p := start(t, []string{"NOTIFY_SOCKET=" + n.path}, bin, "-Ws", "-f", cfg, "-S", admin, "-S", oper+",level,operator")
	ready := n.until(t, "READY=1", 15*time.Second)
	master := mainPID(ready[len(ready)-1])
	waitServing(t, addr, 10*time.Second)
	var out []string
	reloaded := false
	for _, in := range mcliInputs {
		sock := admin
		if in.operator {
			sock = oper
		}
		var answer string
		for try := 0; ; try++ {
			c, err := net.DialTimeout("unix", sock, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(10 * time.Second))
			io.WriteString(c, in.in)
			c.(*net.UnixConn).CloseWrite()
			b, _ := io.ReadAll(c)
			c.Close()
			answer = string(b)
			// once reloaded, the old worker leaves when it has
			// finished: when exactly is not the format's business
			if !reloaded || !strings.Contains(answer, "# old workers") || try > 50 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		out = append(out, normalize(answer))
		if in.reloads {
			// a reload replaces the master's image: wait for it
			n.until(t, "READY=1", 15*time.Second)
			reloaded = true
		}
	}
	syscall.Kill(master, syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	return out
}

// TestE2EMasterCLI sends the same commands to our master CLI and 2.6's,
// and compares the answers once PIDs, uptimes and versions are masked.
func TestE2EMasterCLI(t *testing.T) {
	ours, real := binaries(t)
	var got [2][]string
	for i, bin := range []string{ours, real} {
		t.Run([]string{"hakeep", "haproxy-2.6"}[i], func(t *testing.T) { got[i] = mcliTranscripts(t, bin) })
	}
	if len(got[0]) != len(mcliInputs) || len(got[1]) != len(mcliInputs) {
		return
	}
	pass := 0
	for i, in := range mcliInputs {
		if got[0][i] == got[1][i] {
			pass++
			continue
		}
		t.Errorf("%q (operator socket: %v):\nours %q\n2.6  %q", in.in, in.operator, got[0][i], got[1][i])
	}
	t.Logf("%d passed, %d failed", pass, len(mcliInputs)-pass)
}
