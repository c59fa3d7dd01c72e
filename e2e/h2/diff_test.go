package h2

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// side is one proxy under test: its frontends and processes.
type side struct {
	name          string
	h2, h1, tuned string
	main, tunedP  *proxyProc
	logOff        int
	ports         []string
}

// env is what the cases share: the back ends' journal and the test.
type env struct {
	t testing.TB
	j *journal
}

// mainConfig is the configuration both proxies run: an h2 bind (prior
// knowledge), an HTTP/1 bind, rules that show what the transaction
// looks like (req.ver, method, path, url), and back ends of every kind.
func mainConfig(h2, h1, h1be, h2be, grpcbe, ws2be, down string) string {
	return fmt.Sprintf(`global
    log stdout format raw local0

defaults
    mode http
    log global
    timeout client 5s
    timeout server 5s
    timeout connect 2s

frontend fe
    bind %s proto h2
    bind %s
    log-format "LOG %%HM %%HU %%HV %%HP %%ST %%tsc %%b/%%s %%{+Q}r"
    http-request set-header x-ver %%[req.ver]
    http-request set-header x-info "%%[method] %%[path] %%[url]"
    http-request deny if { path_beg /deny }
    http-request return status 200 content-type text/plain string "returned" if { path_beg /return }
    use_backend be_h2 if { path_beg /h2be/ }
    use_backend be_grpc if { path_beg /test.Echo/ }
    use_backend be_ws2 if { path_beg /ws2/ }
    use_backend be_down if { path_beg /down }
    default_backend be_h1

backend be_h1
    server s1 %s

backend be_h2
    server s1 %s proto h2

backend be_grpc
    server s1 %s proto h2

backend be_ws2
    server s1 %s proto h2

backend be_down
    server s1 %s
`, h2, h1, h1be, h2be, grpcbe, ws2be, down)
}

// tunedConfig sets every tune.h2.* away from its default.
func tunedConfig(h2, h1be string) string {
	return fmt.Sprintf(`global
    tune.h2.header-table-size 8192
    tune.h2.initial-window-size 32768
    tune.h2.max-concurrent-streams 5
    tune.h2.max-frame-size 32768

defaults
    mode http
    timeout client 5s
    timeout server 5s
    timeout connect 2s

frontend fe
    bind %s proto h2
    default_backend be_h1

backend be_h1
    server s1 %s
`, h2, h1be)
}

// realHAProxy finds Debian's haproxy.
func realHAProxy(t testing.TB) string {
	real := harness.NeedCmd(t, "haproxy")
	if _, err := os.Stat("/usr/sbin/haproxy"); err == nil {
		real = "/usr/sbin/haproxy"
	}
	return real
}

// startSides starts the real HAProxy and ours on the same back ends.
func startSides(t *testing.T, j *journal) []*side {
	real := realHAProxy(t)
	ours := filepath.Join(harness.Binaries(t), "haproxy")
	h1be := rawH1(t, j)
	h2be := h2Backend(t, j)
	grpcbe := grpcBackend(t, j)
	ws2be := ws2Backend(t, j)
	down := freeAddr(t, "127.0.0.1")
	var sides []*side
	for _, sd := range []struct{ name, bin string }{{"real", real}, {"ours", ours}} {
		s := &side{name: sd.name, h2: freeAddr(t, "127.0.0.1"), h1: freeAddr(t, "127.0.0.1"), tuned: freeAddr(t, "127.0.0.1")}
		s.main = startProxy(t, sd.bin, writeConfig(t, mainConfig(s.h2, s.h1, h1be, h2be, grpcbe, ws2be, down)), s.h2, s.h1)
		s.tunedP = startProxy(t, sd.bin, writeConfig(t, tunedConfig(s.tuned, h1be)), s.tuned)
		for _, a := range []string{s.h2, s.h1, s.tuned} {
			_, p, _ := net.SplitHostPort(a)
			s.ports = append(s.ports, p)
		}
		sides = append(sides, s)
	}
	return sides
}

// mask replaces the side's own ports, which differ between the two.
func (s *side) mask(out string) string {
	for _, p := range s.ports {
		out = strings.ReplaceAll(out, ":"+p, ":PORT")
	}
	return out
}

// logs returns the log lines the main process printed since the last
// call.
func (s *side) logs() string {
	time.Sleep(50 * time.Millisecond)
	all := s.main.out.String()
	if s.logOff > len(all) {
		s.logOff = len(all)
	}
	out := all[s.logOff:]
	s.logOff = len(all)
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "LOG ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// TestE2EH2Differential runs every case through the real HAProxy 2.6
// and through ours and compares what the clients and the back ends saw,
// and the log lines.
func TestE2EH2Differential(t *testing.T) {
	j := &journal{}
	sides := startSides(t, j)
	e := &env{t: t, j: j}
	only := os.Getenv("HAKEEP_H2_CASE")
	passed, failed := 0, 0
	for _, c := range cases() {
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		var outs [2]string
		for i, s := range sides {
			s.logs()
			j.take(false)
			got := c.run(e, s)
			time.Sleep(100 * time.Millisecond)
			rec := j.take(c.sorted)
			lg := s.logs()
			if c.sorted {
				lg = sortedLines(lg)
			}
			outs[i] = s.mask(got + "--- back ends ---\n" + rec + "--- logs ---\n" + lg + "\n")
		}
		if outs[0] == outs[1] {
			passed++
			if testing.Verbose() {
				t.Logf("case %s: same\n%s", c.name, outs[0])
			}
			continue
		}
		failed++
		t.Errorf("case %s differs:\n--- real ---\n%s--- ours ---\n%s", c.name, outs[0], outs[1])
	}
	fmt.Printf("h2 differential: %d passed, %d failed\n", passed, failed)
	if passed+failed < 30 && only == "" {
		t.Errorf("only %d cases ran", passed+failed)
	}
}
